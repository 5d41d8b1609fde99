// A course's schedule and a person's agenda as iCalendar documents (lib/calendar/ics.ts).
// Each session's UID is its stored calendar UID at the deployment's host, fixed when the
// session was made; its SEQUENCE is the session's, bumped on every change a calendar shows.
import { renderCalendar, type CalendarEvent } from '#lib/calendar/ics.ts';
import { t } from '#lib/i18n.ts';
import type { Agenda } from './agenda.server.ts';
import type { CourseSession } from './save-session.server.ts';

interface CourseForCalendar {
  title: string;
  startsOn: string;
  timeZone: string;
  venueName: string;
  city: string;
}

export function calendarUidOf(calendarUid: string, publicUrl: string): string {
  return `${calendarUid}@${new URL(publicUrl).hostname}`;
}

function place(room: string, onlineUrl: string, course: CourseForCalendar): string {
  return [room, course.venueName, course.city].filter(Boolean).join(', ') || onlineUrl;
}

function lines(...parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join('\n');
}

/** The course's public feed: its public sessions. */
export function courseCalendar(course: CourseForCalendar, sessions: readonly CourseSession[], publicUrl: string, courseUrl: string): string {
  const events: CalendarEvent[] = sessions.map((s) => ({
    uid: calendarUidOf(s.calendarUid, publicUrl),
    sequence: s.sequence,
    start: s.startsAt,
    end: s.endsAt,
    summary: s.title,
    description: lines(t(`schedule.kind_${s.kind}`), s.description, s.onlineUrl && t('schedule.onlineAt', { url: s.onlineUrl })),
    location: place(s.room, s.onlineUrl, course),
    url: courseUrl,
    lastModified: s.updatedAt,
  }));
  return renderCalendar({ name: course.title, description: t('schedule.feedDescription', { title: course.title }), timeZone: course.timeZone, events });
}

/** A person's agenda: their small group's name, room and leaders in LOCATION and DESCRIPTION. */
export function agendaCalendar(course: CourseForCalendar, agenda: Agenda, publicUrl: string, agendaUrl: string): string {
  const events: CalendarEvent[] = (agenda.items ?? []).map((item) => ({
    uid: calendarUidOf(item.calendarUid, publicUrl),
    sequence: item.sequence,
    start: item.startsAt,
    end: item.endsAt,
    summary: item.group ? `${item.title} (${item.group.name})` : item.title,
    description: lines(
      t(`schedule.kind_${item.kind}`),
      item.group && t('agenda.groupLine', { name: item.group.name }),
      item.group && item.group.leaders.length > 0 && t('agenda.leadersLine', { leaders: item.group.leaders.join(', ') }),
      item.groupPending && t('agenda.groupPending'),
      item.description,
      item.onlineUrl && t('schedule.onlineAt', { url: item.onlineUrl }),
    ),
    location: place(item.room, item.onlineUrl, course),
    url: agendaUrl,
    lastModified: item.updatedAt,
  }));
  return renderCalendar({ name: t('agenda.calendarName', { title: course.title }), timeZone: course.timeZone, events });
}
