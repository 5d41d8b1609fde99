// Records a batch of attendance marks sent by a device (online at once, or a queue replayed
// when the network returns). Each mark is kept under the id the device gave it: a mark already
// received is never applied again, its stored outcome is returned. The attendance row of each
// person at each session is locked (FOR UPDATE; the first mark inserts it, and a second device
// inserting at the same moment loses the unique race and is retried onto the lock), in a fixed
// order, so two devices syncing at once cannot lose a mark. Every mark received is audited with
// the attendance before and after. ADR 0053, ADR 0056.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { attendance, attendanceMarks, courseSessions, smallGroupMembers } from '#db/schema/course-running.ts';
import { registrations } from '#db/schema/registration.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { reissueAfterAttendanceChange } from '#domain/certificates/reissue-after-correction.server.ts';
import { locksDisabledForTest, withScarceLocks, type Tx } from '#domain/transaction.server.ts';
import { racePoint } from '#db/test-hooks.server.ts';
import { mayMark, type AttendanceAccess } from './access.server.ts';
import type { AttendanceErrorCode } from './error-codes.ts';
import { decideMark, MAX_CLOCK_AHEAD_MS, normalizeMark, type AttendanceState, type MarkInput, type MarkOutcome } from './marks.ts';

/** Registrations whose holder takes part in the course (and so has attendance). */
export const PARTICIPATING = ['accepted', 'confirmed'] as const;

export interface MarkProblem {
  markId: string;
  code: AttendanceErrorCode;
  /** For ATTENDANCE_MINUTES_OUT_OF_RANGE: the session's length in minutes. */
  maxMinutes?: number;
}

/** The batch was refused whole (nothing written): one problem per refused mark. */
export class MarkBatchRejected extends Error {
  readonly problems: MarkProblem[];
  constructor(problems: MarkProblem[]) {
    super(`attendance marks refused: ${problems.map((p) => p.code).join(', ')}`);
    this.problems = problems;
  }
  /** 403 when a mark is outside what the person may mark, 422 otherwise. */
  get status(): 403 | 422 {
    return this.problems.some((p) => p.code === 'ATTENDANCE_NOT_YOUR_GROUP') ? 403 : 422;
  }
}

export interface AttendanceView {
  sessionId: string;
  registrationId: string;
  status: 'present' | 'absent';
  lateMinutes: number;
  leftEarlyMinutes: number;
  markedAt: string;
  markedBy: string;
  version: number;
  conflictMarkId: string | null;
}

export interface MarkResult {
  id: string;
  outcome: MarkOutcome;
  /** Received before: nothing was applied now. */
  duplicate: boolean;
}

export interface RecordMarksResult {
  results: MarkResult[];
  /** The attendance of every person marked, after the batch. */
  attendance: AttendanceView[];
  /** Certificates reissued because a correction changed someone's credit: their emails, to deliver. */
  emailIds: string[];
}

const keyOf = (m: { sessionId: string; registrationId: string }) => `${m.sessionId}/${m.registrationId}`;

function view(sessionId: string, registrationId: string, s: AttendanceState): AttendanceView {
  return {
    sessionId,
    registrationId,
    status: s.status,
    lateMinutes: s.lateMinutes,
    leftEarlyMinutes: s.leftEarlyMinutes,
    markedAt: s.markedAt.toISOString(),
    markedBy: s.markedBy,
    version: s.version,
    conflictMarkId: s.conflictMarkId,
  };
}

/** Checks every mark against the sessions, the course's participants and the marker's groups. */
async function validate(db: Db, organizationId: string, marks: MarkInput[], access: AttendanceAccess, now: Date): Promise<MarkProblem[]> {
  const sessionIds = [...new Set(marks.map((m) => m.sessionId))];
  const registrationIds = [...new Set(marks.map((m) => m.registrationId))];
  const sessions = new Map(
    (
      await db
        .select({ id: courseSessions.id, courseId: courseSessions.courseId, startsAt: courseSessions.startsAt, endsAt: courseSessions.endsAt })
        .from(courseSessions)
        .where(and(eq(courseSessions.organizationId, organizationId), inArray(courseSessions.id, sessionIds)))
    ).map((s) => [s.id, s]),
  );
  const people = new Map(
    (
      await db
        .select({ id: registrations.id, courseId: registrations.courseId, status: registrations.status, smallGroupId: smallGroupMembers.smallGroupId })
        .from(registrations)
        .leftJoin(smallGroupMembers, eq(smallGroupMembers.registrationId, registrations.id))
        .where(and(eq(registrations.organizationId, organizationId), inArray(registrations.id, registrationIds)))
    ).map((r) => [r.id, r]),
  );
  const problems: MarkProblem[] = [];
  for (const mark of marks) {
    const session = sessions.get(mark.sessionId);
    const person = people.get(mark.registrationId);
    if (!session) {
      problems.push({ markId: mark.id, code: 'SESSION_NOT_FOUND' });
      continue;
    }
    if (!person || person.courseId !== session.courseId || !(PARTICIPATING as readonly string[]).includes(person.status)) {
      problems.push({ markId: mark.id, code: 'ATTENDANCE_NOT_PARTICIPANT' });
      continue;
    }
    if (!mayMark(access, person.smallGroupId)) {
      problems.push({ markId: mark.id, code: 'ATTENDANCE_NOT_YOUR_GROUP' });
      continue;
    }
    const length = Math.round((session.endsAt.getTime() - session.startsAt.getTime()) / 60_000);
    if (mark.status === 'present' && mark.lateMinutes + mark.leftEarlyMinutes > length) {
      problems.push({ markId: mark.id, code: 'ATTENDANCE_MINUTES_OUT_OF_RANGE', maxMinutes: length });
      continue;
    }
    if (new Date(mark.markedAt).getTime() > now.getTime() + MAX_CLOCK_AHEAD_MS) problems.push({ markId: mark.id, code: 'ATTENDANCE_MARKED_IN_FUTURE' });
  }
  return problems;
}

async function lockAttendance(tx: Tx, sessionId: string, registrationId: string) {
  const query = tx
    .select()
    .from(attendance)
    .where(and(eq(attendance.sessionId, sessionId), eq(attendance.registrationId, registrationId)));
  // Test-only negative control: without the lock two devices overwrite each other's mark.
  const [row] = locksDisabledForTest() ? await query : await query.for('update');
  return row;
}

/** The applied mark that made the current attendance: the latest by device clock, then by id. */
async function winningMarkId(tx: Tx, sessionId: string, registrationId: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: attendanceMarks.id })
    .from(attendanceMarks)
    .where(and(eq(attendanceMarks.sessionId, sessionId), eq(attendanceMarks.registrationId, registrationId), eq(attendanceMarks.outcome, 'applied')))
    .orderBy(desc(attendanceMarks.markedAt), desc(attendanceMarks.id))
    .limit(1);
  return row?.id ?? null;
}

export async function recordMarks(
  db: Db,
  input: { organizationId: string; deviceId?: string; marks: MarkInput[]; /** For reissued certificates' links. */ publicUrl?: string },
  access: AttendanceAccess,
  actor: Actor,
  now: Date = new Date(),
): Promise<RecordMarksResult> {
  if (input.marks.length === 0) return { results: [], attendance: [], emailIds: [] };
  const marks = input.marks.map((m) => normalizeMark(m));
  const problems = await validate(db, input.organizationId, marks, access, now);
  if (problems.length > 0) throw new MarkBatchRejected(problems);

  // One fixed order for the locks (person at session), then each person's marks by device clock.
  const ordered = [...marks].sort((a, b) => {
    const k = keyOf(a).localeCompare(keyOf(b));
    if (k !== 0) return k;
    const t = new Date(a.markedAt).getTime() - new Date(b.markedAt).getTime();
    return t !== 0 ? t : a.id.localeCompare(b.id);
  });
  const sessionCourse = new Map(
    (
      await db
        .select({ id: courseSessions.id, courseId: courseSessions.courseId })
        .from(courseSessions)
        .where(inArray(courseSessions.id, [...new Set(marks.map((m) => m.sessionId))]))
    ).map((s) => [s.id, s.courseId]),
  );

  const recorded = await withScarceLocks(db, async (tx) => {
    const outcomes = new Map<string, MarkResult>();
    const finals = new Map<string, AttendanceView>();
    const reused: MarkProblem[] = [];
    for (const mark of ordered) {
      const key = keyOf(mark);
      const row = await lockAttendance(tx, mark.sessionId, mark.registrationId);
      // Under the lock: a replay (this or another device's request) finds the mark stored.
      const [seen] = await tx.select().from(attendanceMarks).where(eq(attendanceMarks.id, mark.id));
      if (seen) {
        if (seen.sessionId !== mark.sessionId || seen.registrationId !== mark.registrationId) reused.push({ markId: mark.id, code: 'ATTENDANCE_MARK_ID_REUSED' });
        else outcomes.set(mark.id, { id: mark.id, outcome: seen.outcome, duplicate: true });
        if (row) finals.set(key, view(mark.sessionId, mark.registrationId, row));
        continue;
      }
      const current: AttendanceState | null = row ?? null;
      const winner = current ? await winningMarkId(tx, mark.sessionId, mark.registrationId) : null;
      const markedAt = new Date(mark.markedAt);
      await racePoint('attendance.read');
      const decision = decideMark(current, winner, { ...mark, markedAt, markedBy: access.userId });
      const courseId = sessionCourse.get(mark.sessionId)!;
      await tx.insert(attendanceMarks).values({
        id: mark.id,
        organizationId: input.organizationId,
        courseId,
        sessionId: mark.sessionId,
        registrationId: mark.registrationId,
        status: mark.status,
        lateMinutes: mark.lateMinutes,
        leftEarlyMinutes: mark.leftEarlyMinutes,
        markedAt,
        markedBy: access.userId,
        baseVersion: mark.baseVersion,
        deviceId: input.deviceId ?? '',
        outcome: decision.outcome,
      });
      const next = decision.next;
      if (next && !current) {
        // A second device inserting the same person at the same moment fails on the primary
        // key; the retried transaction then finds the row and waits on its lock.
        await tx.insert(attendance).values({ sessionId: mark.sessionId, registrationId: mark.registrationId, organizationId: input.organizationId, courseId, ...next });
      } else if (next) {
        await tx
          .update(attendance)
          .set({
            status: next.status,
            lateMinutes: next.lateMinutes,
            leftEarlyMinutes: next.leftEarlyMinutes,
            markedAt: next.markedAt,
            markedBy: next.markedBy,
            version: next.version,
            conflictMarkId: next.conflictMarkId,
          })
          .where(and(eq(attendance.sessionId, mark.sessionId), eq(attendance.registrationId, mark.registrationId)));
      }
      const before = current ? view(mark.sessionId, mark.registrationId, current) : null;
      const after = next ? view(mark.sessionId, mark.registrationId, next) : before;
      await recordAudit(tx, actor, {
        organizationId: input.organizationId,
        action: `attendance.${decision.outcome}`,
        entityType: 'attendance',
        entityId: key,
        before,
        after: { ...after, markId: mark.id, mark: { status: mark.status, lateMinutes: mark.lateMinutes, leftEarlyMinutes: mark.leftEarlyMinutes, markedAt: mark.markedAt, baseVersion: mark.baseVersion } },
      });
      outcomes.set(mark.id, { id: mark.id, outcome: decision.outcome, duplicate: false });
      if (after) finals.set(key, after);
    }
    if (reused.length > 0) throw new MarkBatchRejected(reused);
    return { results: marks.map((m) => outcomes.get(m.id)!), attendance: [...finals.values()] };
  });
  // After the marks are committed: a correction to a course whose certificates were issued
  // reissues what changed (issue 13). Nothing to do for a course still running.
  const changed = marks
    .filter((m) => recorded.results.some((r) => r.id === m.id && !r.duplicate && r.outcome !== 'superseded'))
    .map((m) => ({ courseId: sessionCourse.get(m.sessionId)!, registrationId: m.registrationId }));
  const emailIds = changed.length ? await reissueAfterAttendanceChange(db, actor, { organizationId: input.organizationId, changed, publicUrl: input.publicUrl ?? '', now }) : [];
  return { ...recorded, emailIds };
}
