// Creating, changing and deleting a session of a course's schedule. Each runs in one
// transaction under the course's row lock, so two staff members cannot slip overlapping
// sessions past each other's check; each writes its audit row in that transaction.
import { randomUUID } from 'node:crypto';
import { and, eq, ne } from 'drizzle-orm';
import type { Db, DbOrTx } from '#db/client.server.ts';
import { attendance, courseSessions } from '#db/schema/course-running.ts';
import { racePoint } from '#db/test-hooks.server.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { lockCourse } from '#domain/courses/lock-course.server.ts';
import { DomainError } from '#domain/errors.ts';
import { accreditingBodies, calendarChanged, checkSession, type PlacedSession, type SessionDraft } from './rules.ts';

export type CourseSession = typeof courseSessions.$inferSelect;

/** A session refused: field problems, and the session it would overlap if that is one of them. */
export class SessionRejected extends DomainError {
  readonly overlapping: PlacedSession | undefined;
  constructor(problems: Record<string, string>, overlapping?: PlacedSession) {
    super('INVALID_SESSION', Object.values(problems).join(','), problems);
    this.overlapping = overlapping;
  }
}

export interface SessionScope {
  organizationId: string;
  courseId: string;
}

async function placedSessions(tx: DbOrTx, courseId: string, exceptId?: string): Promise<PlacedSession[]> {
  return tx
    .select({ id: courseSessions.id, title: courseSessions.title, startsAt: courseSessions.startsAt, endsAt: courseSessions.endsAt })
    .from(courseSessions)
    .where(exceptId ? and(eq(courseSessions.courseId, courseId), ne(courseSessions.id, exceptId)) : eq(courseSessions.courseId, courseId));
}

export async function createSession(db: Db, scope: SessionScope, draft: SessionDraft, actor: Actor): Promise<CourseSession> {
  return db.transaction(async (tx) => {
    const course = await lockCourse(tx, scope.organizationId, scope.courseId);
    const checked = checkSession(draft, course, accreditingBodies(course.accreditation), await placedSessions(tx, course.id));
    if (!checked.ok) throw new SessionRejected(checked.problems, checked.overlapping);
    await racePoint('schedule.checked');
    const [created] = await tx
      .insert(courseSessions)
      .values({
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
      })
      .returning();
    await recordAudit(tx, actor, { organizationId: course.organizationId, action: 'course_session.created', entityType: 'course_session', entityId: created!.id, after: created });
    return created!;
  });
}

async function lockSession(tx: DbOrTx, scope: SessionScope, sessionId: string): Promise<CourseSession> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) throw new DomainError('SESSION_NOT_FOUND', sessionId);
  const [found] = await tx
    .select()
    .from(courseSessions)
    .where(and(eq(courseSessions.id, sessionId), eq(courseSessions.courseId, scope.courseId), eq(courseSessions.organizationId, scope.organizationId)))
    .for('update');
  if (!found) throw new DomainError('SESSION_NOT_FOUND', sessionId);
  return found;
}

/** A change to what a calendar shows (time, place, title, description, kind) bumps the SEQUENCE; the UID never changes. */
export async function updateSession(db: Db, scope: SessionScope, sessionId: string, draft: SessionDraft, actor: Actor): Promise<CourseSession> {
  return db.transaction(async (tx) => {
    const course = await lockCourse(tx, scope.organizationId, scope.courseId);
    const before = await lockSession(tx, scope, sessionId);
    const checked = checkSession(draft, course, accreditingBodies(course.accreditation), await placedSessions(tx, course.id, before.id));
    if (!checked.ok) throw new SessionRejected(checked.problems, checked.overlapping);
    await racePoint('schedule.checked');
    const next = {
      kind: draft.kind,
      title: draft.title,
      description: draft.description,
      startsAt: checked.session.startsAt,
      endsAt: checked.session.endsAt,
      room: draft.room,
      onlineUrl: draft.onlineUrl,
      creditMinutes: checked.session.creditMinutes,
      isPublic: draft.isPublic,
    };
    const bump = calendarChanged(before, next) || before.isPublic !== next.isPublic;
    const [updated] = await tx
      .update(courseSessions)
      .set({ ...next, sequence: bump ? before.sequence + 1 : before.sequence, updatedAt: new Date() })
      .where(eq(courseSessions.id, before.id))
      .returning();
    await recordAudit(tx, actor, { organizationId: course.organizationId, action: 'course_session.updated', entityType: 'course_session', entityId: before.id, before, after: updated });
    return updated!;
  });
}

export async function deleteSession(db: Db, scope: SessionScope, sessionId: string, actor: Actor): Promise<CourseSession> {
  return db.transaction(async (tx) => {
    const course = await lockCourse(tx, scope.organizationId, scope.courseId);
    const before = await lockSession(tx, scope, sessionId);
    // Attendance taken at a session is what certificates are computed from: it is never dropped with it.
    const [taken] = await tx.select({ id: attendance.sessionId }).from(attendance).where(eq(attendance.sessionId, before.id)).limit(1);
    if (taken) throw new DomainError('SESSION_HAS_ATTENDANCE', before.id);
    await tx.delete(courseSessions).where(eq(courseSessions.id, before.id));
    await recordAudit(tx, actor, { organizationId: course.organizationId, action: 'course_session.deleted', entityType: 'course_session', entityId: before.id, before });
    return before;
  });
}
