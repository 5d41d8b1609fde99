// What the attendance pages read: the sessions a person takes attendance at, one session's
// roster with everyone's current attendance and any unresolved conflict, and a participant's
// own record. Every query is scoped to the organization; faculty see their own groups only.
import { and, asc, eq, inArray, notInArray } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { users } from '#db/schema/accounts.ts';
import { attendance, attendanceMarks, courseSessions, smallGroupMembers, smallGroups, type SessionKind } from '#db/schema/course-running.ts';
import { courses } from '#db/schema/courses.ts';
import { registrations } from '#db/schema/registration.ts';
import { DomainError } from '#domain/errors.ts';
import { takesAttendance, type AttendanceAccess } from './access.server.ts';
import { PARTICIPATING } from './record-marks.server.ts';

/** Meals and breaks carry no attendance. */
export const NO_ATTENDANCE_KINDS: readonly SessionKind[] = ['meal', 'break'];

export interface SessionSummary {
  id: string;
  title: string;
  kind: SessionKind;
  startsAt: Date;
  endsAt: Date;
}

export interface CourseSessions {
  course: { id: string; title: string; /** Its public address' slug (empty where the reader did not ask for it). */ slug: string; timeZone: string };
  sessions: SessionSummary[];
}

const sessionColumns = { id: courseSessions.id, title: courseSessions.title, kind: courseSessions.kind, startsAt: courseSessions.startsAt, endsAt: courseSessions.endsAt, courseId: courseSessions.courseId };

function groupByCourse(rows: (SessionSummary & { courseId: string; courseTitle: string; courseSlug?: string; timeZone: string })[]): CourseSessions[] {
  const byCourse = new Map<string, CourseSessions>();
  for (const r of rows) {
    const entry = byCourse.get(r.courseId) ?? { course: { id: r.courseId, title: r.courseTitle, slug: r.courseSlug ?? '', timeZone: r.timeZone }, sessions: [] };
    entry.sessions.push({ id: r.id, title: r.title, kind: r.kind, startsAt: r.startsAt, endsAt: r.endsAt });
    byCourse.set(r.courseId, entry);
  }
  return [...byCourse.values()];
}

/** The sessions this person takes attendance at: every course's for staff, their groups' courses for faculty. */
export async function findAttendanceSessions(db: DbOrTx, input: { organizationId: string; access: AttendanceAccess }): Promise<CourseSessions[]> {
  const { access } = input;
  if (!takesAttendance(access)) return [];
  let courseIds: string[] | undefined;
  if (!access.staff) {
    const led = await db
      .select({ courseId: smallGroups.courseId })
      .from(smallGroups)
      .where(and(eq(smallGroups.organizationId, input.organizationId), inArray(smallGroups.id, [...access.ledGroupIds])));
    courseIds = [...new Set(led.map((r) => r.courseId))];
    if (courseIds.length === 0) return [];
  }
  const rows = await db
    .select({ ...sessionColumns, courseTitle: courses.title, courseSlug: courses.slug, timeZone: courses.timeZone })
    .from(courseSessions)
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .where(
      and(
        eq(courseSessions.organizationId, input.organizationId),
        notInArray(courseSessions.kind, [...NO_ATTENDANCE_KINDS]),
        ...(courseIds ? [inArray(courseSessions.courseId, courseIds)] : []),
      ),
    )
    .orderBy(asc(courses.startsOn), asc(courseSessions.startsAt));
  return groupByCourse(rows);
}

export interface RosterPerson {
  registrationId: string;
  name: string;
  groupId: string | null;
  groupName: string | null;
  attendance: { status: 'present' | 'absent'; lateMinutes: number; leftEarlyMinutes: number; markedAt: Date; markedByName: string; version: number } | null;
  /** The other side of an unresolved disagreement: shown until someone marks the person again. */
  conflict: { markId: string; status: 'present' | 'absent'; lateMinutes: number; leftEarlyMinutes: number; markedAt: Date; markedByName: string } | null;
}

export interface SessionRoster {
  session: SessionSummary & { lengthMinutes: number };
  course: { id: string; title: string; timeZone: string };
  /** The groups this person may choose among (staff: every group of the course). */
  groups: { id: string; name: string }[];
  /** The group shown; null: everyone (staff only). */
  groupId: string | null;
  people: RosterPerson[];
}

/**
 * One session's roster. Faculty: the members of the groups they lead (one of them when
 * `groupId` is given); staff: one group, or everyone in the course when `groupId` is absent.
 * SESSION_NOT_FOUND for a session of another organization, or one this person takes no
 * attendance at (a faculty member of another course): the page answers 404 either way.
 */
export async function findSessionRoster(db: DbOrTx, input: { organizationId: string; sessionId: string; access: AttendanceAccess; groupId?: string | null }): Promise<SessionRoster> {
  const { access } = input;
  const [session] = await db
    .select({ ...sessionColumns, courseTitle: courses.title, timeZone: courses.timeZone })
    .from(courseSessions)
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .where(and(eq(courseSessions.organizationId, input.organizationId), eq(courseSessions.id, input.sessionId)));
  if (!session || !takesAttendance(access)) throw new DomainError('SESSION_NOT_FOUND');
  const courseGroups = await db
    .select({ id: smallGroups.id, name: smallGroups.name })
    .from(smallGroups)
    .where(and(eq(smallGroups.organizationId, input.organizationId), eq(smallGroups.courseId, session.courseId)))
    .orderBy(asc(smallGroups.position));
  const groups = access.staff ? courseGroups : courseGroups.filter((g) => access.ledGroupIds.has(g.id));
  if (groups.length === 0 && !access.staff) throw new DomainError('SESSION_NOT_FOUND');
  let groupId: string | null = input.groupId && groups.some((g) => g.id === input.groupId) ? input.groupId : null;
  // Faculty always see a group of theirs: the one asked for, or all of theirs (usually one).
  const shownGroups = groupId ? [groupId] : access.staff ? null : groups.map((g) => g.id);
  if (!access.staff && groups.length === 1) groupId = groups[0]!.id;

  const people = await db
    .select({ registrationId: registrations.id, name: registrations.name, groupId: smallGroupMembers.smallGroupId, groupName: smallGroups.name })
    .from(registrations)
    .leftJoin(smallGroupMembers, eq(smallGroupMembers.registrationId, registrations.id))
    .leftJoin(smallGroups, eq(smallGroups.id, smallGroupMembers.smallGroupId))
    .where(
      and(
        eq(registrations.organizationId, input.organizationId),
        eq(registrations.courseId, session.courseId),
        inArray(registrations.status, [...PARTICIPATING]),
        ...(shownGroups ? [inArray(smallGroupMembers.smallGroupId, shownGroups)] : []),
      ),
    )
    .orderBy(asc(smallGroups.position), asc(registrations.name));

  const ids = people.map((p) => p.registrationId);
  const states = ids.length
    ? await db
        .select({ a: attendance, markedByName: users.name })
        .from(attendance)
        .leftJoin(users, eq(users.id, attendance.markedBy))
        .where(and(eq(attendance.organizationId, input.organizationId), eq(attendance.sessionId, session.id), inArray(attendance.registrationId, ids)))
    : [];
  const conflictIds = states.map((s) => s.a.conflictMarkId).filter((id): id is string => id !== null);
  const conflicts = conflictIds.length
    ? await db
        .select({ m: attendanceMarks, markedByName: users.name })
        .from(attendanceMarks)
        .leftJoin(users, eq(users.id, attendanceMarks.markedBy))
        .where(and(eq(attendanceMarks.organizationId, input.organizationId), inArray(attendanceMarks.id, conflictIds)))
    : [];
  const stateOf = new Map(states.map((s) => [s.a.registrationId, s]));
  const conflictOf = new Map(conflicts.map((c) => [c.m.id, c]));

  return {
    session: { id: session.id, title: session.title, kind: session.kind, startsAt: session.startsAt, endsAt: session.endsAt, lengthMinutes: Math.round((session.endsAt.getTime() - session.startsAt.getTime()) / 60_000) },
    course: { id: session.courseId, title: session.courseTitle, timeZone: session.timeZone },
    groups,
    groupId,
    people: people.map((p) => {
      const s = stateOf.get(p.registrationId);
      const c = s?.a.conflictMarkId ? conflictOf.get(s.a.conflictMarkId) : undefined;
      return {
        registrationId: p.registrationId,
        name: p.name,
        groupId: p.groupId,
        groupName: p.groupName,
        attendance: s ? { status: s.a.status, lateMinutes: s.a.lateMinutes, leftEarlyMinutes: s.a.leftEarlyMinutes, markedAt: s.a.markedAt, markedByName: s.markedByName ?? '', version: s.a.version } : null,
        conflict: c ? { markId: c.m.id, status: c.m.status, lateMinutes: c.m.lateMinutes, leftEarlyMinutes: c.m.leftEarlyMinutes, markedAt: c.m.markedAt, markedByName: c.markedByName ?? '' } : null,
      };
    }),
  };
}

export interface MyAttendance {
  course: { id: string; title: string; timeZone: string };
  sessions: (SessionSummary & { attendance: { status: 'present' | 'absent'; lateMinutes: number; leftEarlyMinutes: number } | null })[];
}

/** A participant's own attendance, course by course (read only). */
export async function findMyAttendance(db: DbOrTx, input: { organizationId: string; userId: string }): Promise<MyAttendance[]> {
  const regs = await db
    .select({ id: registrations.id, courseId: registrations.courseId })
    .from(registrations)
    .where(and(eq(registrations.organizationId, input.organizationId), eq(registrations.userId, input.userId), inArray(registrations.status, [...PARTICIPATING])));
  if (regs.length === 0) return [];
  const rows = await db
    .select({ ...sessionColumns, courseTitle: courses.title, timeZone: courses.timeZone })
    .from(courseSessions)
    .innerJoin(courses, eq(courses.id, courseSessions.courseId))
    .where(and(eq(courseSessions.organizationId, input.organizationId), inArray(courseSessions.courseId, regs.map((r) => r.courseId)), notInArray(courseSessions.kind, [...NO_ATTENDANCE_KINDS])))
    .orderBy(asc(courses.startsOn), asc(courseSessions.startsAt));
  const marks = await db
    .select()
    .from(attendance)
    .where(and(eq(attendance.organizationId, input.organizationId), inArray(attendance.registrationId, regs.map((r) => r.id))));
  const regOfCourse = new Map(regs.map((r) => [r.courseId, r.id]));
  const byKey = new Map(marks.map((m) => [`${m.sessionId}/${m.registrationId}`, m]));
  return groupByCourse(rows).map((c) => ({
    course: c.course,
    sessions: c.sessions.map((s) => {
      const a = byKey.get(`${s.id}/${regOfCourse.get(c.course.id)}`);
      return { ...s, attendance: a ? { status: a.status, lateMinutes: a.lateMinutes, leftEarlyMinutes: a.leftEarlyMinutes } : null };
    }),
  }));
}
