// The course page's loader part of the public schedule (the table is public-schedule.tsx).
import type { AppServices } from '#lib/services.ts';
import { findPublishedSessions } from '#domain/schedule/find-schedule.server.ts';
import { instantToLocal } from '#domain/schedule/local-time.ts';
import { byDay } from '#domain/schedule/rules.ts';
import type { PublicScheduleData } from './public-schedule.tsx';

/** For the course page's loader: null while the schedule is not published. */
export async function publicScheduleOf(db: AppServices['db'], course: { id: string; organizationId: string; timeZone: string }): Promise<PublicScheduleData | null> {
  const sessions = await findPublishedSessions(db, course.organizationId, course.id);
  if (!sessions) return null;
  const time = (d: Date) => instantToLocal(d, course.timeZone).time;
  return {
    timeZone: course.timeZone,
    days: byDay(sessions, course.timeZone).map((d) => ({
      date: d.date,
      sessions: d.sessions.map((s) => ({ id: s.id, time: `${time(s.startsAt)}–${time(s.endsAt)}`, kind: s.kind, title: s.title, room: s.room, online: s.onlineUrl !== '' })),
    })),
  };
}

