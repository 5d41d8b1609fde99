// The demo intensives' four-day schedule (issue 12): experiential small groups, topic-focused
// discussion groups, faculty panels and faculty-guided debriefs, a large group to open and to
// close, meals and breaks. The seed says the course teaches "primarily through experiential
// groups, supplemented by topic-focused small discussion groups and faculty panel
// discussions", with "faculty-guided debriefings"; the fee includes "refreshment breaks,
// breakfast, one dinner and one lunch". Times and rooms are invented (the seed publishes no
// timetable); the credit sessions add up to the seed's 19.25 hours (1,155 minutes) for the APA,
// and the same minutes for the AAFP. Local times in the course's zone; no case content.
import { randomUUID } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import type { DbOrTx } from '#db/client.server.ts';
import { courseSchedules, courseSessions, type SessionKind } from '#db/schema/course-running.ts';

export interface DemoSession {
  kind: SessionKind;
  title: string;
  start: string;
  end: string;
  room: string;
  description?: string;
  /** Faculty only (not on the public page). */
  private?: boolean;
}

/** Bodies whose credit the demo sessions carry: the seed's AAFP and APA statements. */
export const DEMO_CREDIT_BODIES = ['AAFP', 'APA'] as const;
const CREDIT_KINDS: readonly SessionKind[] = ['small_group', 'discussion_group', 'faculty_panel', 'debrief', 'large_group'];

const BALLROOM = 'Riverfront Ballroom';
const GROUP_ROOMS = 'Small-group rooms (see your agenda)';
const TERRACE = 'River Terrace';

const smallGroup = (n: number, start: string, end: string): DemoSession => ({
  kind: 'small_group',
  title: `Experiential small group ${n}`,
  start,
  end,
  room: GROUP_ROOMS,
  description: 'A Balint group with two faculty leaders; participants present cases and practise leading.',
});
const debrief = (start: string, end: string): DemoSession => ({
  kind: 'debrief',
  title: 'Faculty-guided debrief',
  start,
  end,
  room: GROUP_ROOMS,
  description: "Feedback on the session's leading, in each small group.",
});
const brk = (start: string, end: string): DemoSession => ({ kind: 'break', title: 'Refreshment break', start, end, room: TERRACE });

/** Day by day (day 1 is the course's first day). */
export const DEMO_SCHEDULE: DemoSession[][] = [
  [
    { kind: 'meal', title: 'Registration and lunch', start: '12:00', end: '13:00', room: TERRACE },
    { kind: 'large_group', title: 'Welcome and introductions', start: '13:00', end: '13:45', room: BALLROOM },
    smallGroup(1, '13:45', '15:15'),
    brk('15:15', '15:30'),
    { kind: 'faculty_panel', title: 'Faculty panel: the tasks of the Balint leader', start: '15:30', end: '16:30', room: BALLROOM },
    debrief('16:30', '17:15'),
    { kind: 'meal', title: 'Dinner together', start: '18:00', end: '19:30', room: TERRACE },
  ],
  [
    { kind: 'other', title: 'Faculty meeting', start: '07:00', end: '07:30', room: 'Board Room', private: true },
    { kind: 'meal', title: 'Breakfast', start: '07:30', end: '08:30', room: TERRACE },
    smallGroup(2, '08:30', '10:00'),
    brk('10:00', '10:15'),
    { kind: 'discussion_group', title: 'Discussion groups: beginning a group, the frame and the contract', start: '10:15', end: '11:15', room: 'Breakout rooms' },
    debrief('11:15', '12:00'),
    { kind: 'meal', title: 'Lunch', start: '12:00', end: '13:00', room: TERRACE },
    smallGroup(3, '13:00', '14:30'),
    brk('14:30', '14:45'),
    { kind: 'faculty_panel', title: 'Faculty panel: leadership interventions and when to use them', start: '14:45', end: '15:45', room: BALLROOM },
    debrief('15:45', '16:30'),
  ],
  [
    { kind: 'other', title: 'Faculty meeting', start: '07:00', end: '07:30', room: 'Board Room', private: true },
    { kind: 'meal', title: 'Breakfast', start: '07:30', end: '08:30', room: TERRACE },
    smallGroup(4, '08:30', '10:00'),
    brk('10:00', '10:15'),
    { kind: 'discussion_group', title: 'Discussion groups: the process of a group over many sessions', start: '10:15', end: '11:15', room: 'Breakout rooms' },
    debrief('11:15', '12:00'),
    { kind: 'meal', title: 'Lunch on your own', start: '12:00', end: '13:00', room: '' },
    smallGroup(5, '13:00', '14:30'),
    brk('14:30', '14:45'),
    { kind: 'faculty_panel', title: "Faculty panel: the method's limits and risks", start: '14:45', end: '15:45', room: BALLROOM },
    debrief('15:45', '16:30'),
  ],
  [
    { kind: 'meal', title: 'Breakfast', start: '07:30', end: '08:30', room: TERRACE },
    smallGroup(6, '08:30', '10:00'),
    brk('10:00', '10:15'),
    { kind: 'large_group', title: 'Closing large group: what we take home', start: '10:15', end: '11:00', room: BALLROOM },
  ],
];

export function minutesOf(session: DemoSession): number {
  const [sh, sm] = session.start.split(':').map(Number) as [number, number];
  const [eh, em] = session.end.split(':').map(Number) as [number, number];
  return eh * 60 + em - (sh * 60 + sm);
}

/** Credit minutes a demo session carries per body: its length for teaching kinds, none otherwise. */
export function demoCreditMinutes(session: DemoSession): Record<string, number> {
  if (!CREDIT_KINDS.includes(session.kind)) return {};
  return Object.fromEntries(DEMO_CREDIT_BODIES.map((body) => [body, minutesOf(session)]));
}

const instant = (date: string, time: string, timeZone: string) => new Date(Temporal.PlainDateTime.from(`${date}T${time}`).toZonedDateTime(timeZone).epochMilliseconds);

/** Inserts the schedule for a course starting on `startsOn`, published. */
export async function insertDemoSchedule(db: DbOrTx, course: { organizationId: string; courseId: string; startsOn: string; timeZone: string }): Promise<void> {
  const first = Temporal.PlainDate.from(course.startsOn);
  const rows = DEMO_SCHEDULE.flatMap((day, index) => {
    const date = first.add({ days: index }).toString();
    return day.map((s) => ({
      organizationId: course.organizationId,
      courseId: course.courseId,
      kind: s.kind,
      title: s.title,
      description: s.description ?? '',
      startsAt: instant(date, s.start, course.timeZone),
      endsAt: instant(date, s.end, course.timeZone),
      room: s.room,
      creditMinutes: demoCreditMinutes(s),
      isPublic: !s.private,
      calendarUid: randomUUID(),
    }));
  });
  await db.insert(courseSessions).values(rows);
  await db.insert(courseSchedules).values({ courseId: course.courseId, organizationId: course.organizationId, publishedAt: new Date() });
}
