// Copying sessions: one day of a course onto another day of it, or a previous course's whole
// schedule onto this one, shifted by the days between their start dates. Local clock times are
// kept (a 09:00 session stays at 09:00 across a change of daylight saving time). Every copied
// session passes the same checks as one typed by hand, against the sessions already there and
// those copied before it; if any fails nothing is copied and each failure is named.
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '#db/client.server.ts';
import { courseSessions } from '#db/schema/course-running.ts';
import { courses } from '#db/schema/courses.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { lockCourse } from '#domain/courses/lock-course.server.ts';
import { DomainError } from '#domain/errors.ts';
import { addDays, daysBetween, instantToLocal } from './local-time.ts';
import { accreditingBodies, checkSession, type PlacedSession, type SessionDraft } from './rules.ts';
import type { CourseSession, SessionScope } from './save-session.server.ts';

export interface CopyFailure {
  title: string;
  date: string;
  startTime: string;
  problem: string;
  /** For SESSION_OVERLAPS: the session in the way. */
  overlapping?: { title: string; startsAt: Date; endsAt: Date };
}

/** Nothing was copied: these sessions would break a rule where they would land. */
export class CopyRejected extends DomainError {
  readonly failures: CopyFailure[];
  constructor(field: string, failures: CopyFailure[]) {
    super('COPY_CONFLICTS', failures.map((f) => `${f.title}: ${f.problem}`).join('; '), { [field]: 'COPY_CONFLICTS' });
    this.failures = failures;
  }
}

type Course = typeof courses.$inferSelect;

/** A stored session as a draft on another date, its credit kept for the bodies the target course has. */
function draftOf(session: CourseSession, sourceZone: string, dayShift: number, targetBodies: readonly string[]): SessionDraft {
  const start = instantToLocal(session.startsAt, sourceZone);
  const end = instantToLocal(session.endsAt, sourceZone);
  return {
    kind: session.kind,
    title: session.title,
    description: session.description,
    date: addDays(start.date, dayShift),
    startTime: start.time,
    endTime: end.time,
    room: session.room,
    onlineUrl: session.onlineUrl,
    isPublic: session.isPublic,
    creditMinutes: Object.fromEntries(targetBodies.map((b) => [b, session.creditMinutes[b] ?? null])),
  };
}

async function insertCopies(tx: DbOrTx, course: Course, drafts: SessionDraft[], field: string, actor: Actor, action: string, detail: Record<string, unknown>): Promise<number> {
  if (drafts.length === 0) throw new DomainError('COPY_NOTHING', course.id, { [field]: 'COPY_NOTHING' });
  const bodies = accreditingBodies(course.accreditation);
  const placed: PlacedSession[] = await tx
    .select({ id: courseSessions.id, title: courseSessions.title, startsAt: courseSessions.startsAt, endsAt: courseSessions.endsAt })
    .from(courseSessions)
    .where(eq(courseSessions.courseId, course.id));
  const failures: CopyFailure[] = [];
  const rows: (typeof courseSessions.$inferInsert)[] = [];
  for (const draft of drafts) {
    const checked = checkSession(draft, course, bodies, placed);
    if (!checked.ok) {
      const o = checked.overlapping;
      failures.push({
        title: draft.title,
        date: draft.date,
        startTime: draft.startTime,
        problem: Object.values(checked.problems)[0]!,
        ...(o ? { overlapping: { title: o.title, startsAt: o.startsAt, endsAt: o.endsAt } } : {}),
      });
      continue;
    }
    placed.push({ id: 'copy', title: draft.title, startsAt: checked.session.startsAt, endsAt: checked.session.endsAt });
    rows.push({
      organizationId: course.organizationId,
      courseId: course.id,
      kind: draft.kind,
      title: draft.title,
      description: draft.description,
      startsAt: checked.session.startsAt,
      endsAt: checked.session.endsAt,
      room: draft.room,
      onlineUrl: draft.onlineUrl,
      creditMinutes: checked.session.creditMinutes,
      isPublic: draft.isPublic,
      calendarUid: randomUUID(),
    });
  }
  if (failures.length > 0) throw new CopyRejected(field, failures);
  const created = await tx.insert(courseSessions).values(rows).returning({ id: courseSessions.id });
  await recordAudit(tx, actor, { organizationId: course.organizationId, action, entityType: 'course', entityId: course.id, after: { ...detail, sessionIds: created.map((c) => c.id) } });
  return created.length;
}

/** Copies every session of `fromDate` to `toDate` (both days of the course). Returns how many. */
export async function copyDay(db: Db, scope: SessionScope, input: { fromDate: string; toDate: string }, actor: Actor): Promise<number> {
  if (input.fromDate === input.toDate) throw new DomainError('COPY_SAME_DAY', input.toDate, { toDate: 'COPY_SAME_DAY' });
  return db.transaction(async (tx) => {
    const course = await lockCourse(tx, scope.organizationId, scope.courseId);
    if (input.toDate < course.startsOn || input.toDate > course.endsOn) throw new DomainError('SESSION_OUTSIDE_COURSE', input.toDate, { toDate: 'SESSION_OUTSIDE_COURSE' });
    const all = await tx.select().from(courseSessions).where(eq(courseSessions.courseId, course.id)).orderBy(asc(courseSessions.startsAt));
    const ofDay = all.filter((s) => instantToLocal(s.startsAt, course.timeZone).date === input.fromDate);
    const bodies = accreditingBodies(course.accreditation);
    const drafts = ofDay.map((s) => draftOf(s, course.timeZone, daysBetween(input.fromDate, input.toDate), bodies));
    return insertCopies(tx, course, drafts, ofDay.length === 0 ? 'fromDate' : 'toDate', actor, 'course_schedule.day_copied', input);
  });
}

/**
 * Copies a previous course's schedule (of the same organization) onto this course, each
 * session moved by the days between the two start dates, at the same local clock time.
 */
export async function copySchedule(db: Db, scope: SessionScope, input: { sourceCourseId: string }, actor: Actor): Promise<number> {
  if (!/^[0-9a-f-]{36}$/i.test(input.sourceCourseId) || input.sourceCourseId === scope.courseId) {
    throw new DomainError('COPY_SOURCE_NOT_FOUND', input.sourceCourseId, { sourceCourseId: 'COPY_SOURCE_NOT_FOUND' });
  }
  return db.transaction(async (tx) => {
    const course = await lockCourse(tx, scope.organizationId, scope.courseId);
    const [source] = await tx
      .select()
      .from(courses)
      .where(and(eq(courses.id, input.sourceCourseId), eq(courses.organizationId, scope.organizationId)));
    if (!source) throw new DomainError('COPY_SOURCE_NOT_FOUND', input.sourceCourseId, { sourceCourseId: 'COPY_SOURCE_NOT_FOUND' });
    const sessions = await tx.select().from(courseSessions).where(eq(courseSessions.courseId, source.id)).orderBy(asc(courseSessions.startsAt));
    const shift = daysBetween(source.startsOn, course.startsOn);
    const bodies = accreditingBodies(course.accreditation);
    const drafts = sessions.map((s) => draftOf(s, source.timeZone, shift, bodies));
    return insertCopies(tx, course, drafts, 'sourceCourseId', actor, 'course_schedule.copied', { sourceCourseId: source.id, dayShift: shift });
  });
}

/** Other courses of the organization that have sessions to copy from, newest first. */
export async function findCopySources(db: DbOrTx, scope: SessionScope) {
  const rows = await db
    .selectDistinct({ id: courses.id, title: courses.title, startsOn: courses.startsOn, endsOn: courses.endsOn })
    .from(courses)
    .innerJoin(courseSessions, eq(courseSessions.courseId, courses.id))
    .where(eq(courses.organizationId, scope.organizationId));
  return rows.filter((r) => r.id !== scope.courseId).sort((a, b) => b.startsOn.localeCompare(a.startsOn));
}
