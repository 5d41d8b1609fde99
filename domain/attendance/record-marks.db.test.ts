// Attendance marks on a real PostgreSQL through the real functions: replays from two devices
// at once, the later edit kept, conflicts kept and shown, faculty limited to their own group,
// validation, the audit trail.
import crypto from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { auditEvents } from '#db/schema/audit.ts';
import { attendance, attendanceMarks } from '#db/schema/course-running.ts';
import { createCourseRun, createPerson, type CourseRun } from '../../tests/helpers/course-run-fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import type { AttendanceAccess } from './access.server.ts';
import { getAttendanceAccess } from './access.server.ts';
import { findSessionRoster } from './find-roster.server.ts';
import type { MarkInput } from './marks.ts';
import { MarkBatchRejected, recordMarks } from './record-marks.server.ts';

const testDb = useTestDatabase();
const NOW = new Date('2025-04-24T18:00:00Z');
const AT = (minute: number) => new Date(Date.UTC(2025, 3, 24, 16, minute)).toISOString();

function mark(run: CourseRun, person: string, values: Partial<MarkInput> = {}): MarkInput {
  return { id: crypto.randomUUID(), sessionId: run.sessions[0]!.id, registrationId: person, status: 'present', lateMinutes: 0, leftEarlyMinutes: 0, markedAt: AT(0), baseVersion: 0, ...values };
}

async function staffAccess(organizationId: string): Promise<AttendanceAccess> {
  const userId = await createPerson(testDb.db, 'Dana Director');
  return getAttendanceAccess(testDb.db, { organizationId, userId, roles: ['course_director'] });
}

async function facultyAccess(run: CourseRun, group = 0): Promise<AttendanceAccess> {
  return getAttendanceAccess(testDb.db, { organizationId: run.organizationId, userId: run.groups[group]!.faculty[0]!.userId, roles: ['faculty'] });
}

const actorOf = (access: AttendanceAccess) => ({ userId: access.userId, requestId: 'test' });

function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('recordMarks', () => {
  test('20 marks replayed 3 times each in shuffled order from two devices at once: 20 stored, the later edit kept', async () => {
    const run = await createCourseRun(testDb.db, { groups: 1, membersPerGroup: 10 });
    const people = run.groups[0]!.members.map((m) => m.registrationId);
    const faculty = await facultyAccess(run);
    const staff = await staffAccess(run.organizationId);
    // The faculty's phone marks everyone present at the start; the staff's tablet, having seen
    // those marks (base version 1), records a late arrival for each a few minutes later.
    const first = people.map((p, i) => mark(run, p, { markedAt: AT(i) }));
    const edits = people.map((p, i) => mark(run, p, { lateMinutes: 10 + i, markedAt: AT(20 + i), baseVersion: 1 }));
    const device = async (access: AttendanceAccess, deviceId: string, marks: MarkInput[]) => {
      const queue = shuffle([...marks, ...marks, ...marks]);
      while (queue.length > 0) {
        const batch = queue.splice(0, 1 + crypto.randomInt(5));
        await recordMarks(testDb.db, { organizationId: run.organizationId, deviceId, marks: batch }, access, actorOf(access), NOW);
      }
    };
    await Promise.all([device(faculty, 'phone', first), device(staff, 'tablet', edits)]);

    const stored = await testDb.db.select().from(attendanceMarks).where(eq(attendanceMarks.courseId, run.courseId));
    expect(stored).toHaveLength(20);
    expect(new Set(stored.map((m) => m.id))).toEqual(new Set([...first, ...edits].map((m) => m.id)));
    const rows = await testDb.db.select().from(attendance).where(eq(attendance.courseId, run.courseId));
    expect(rows).toHaveLength(10);
    for (const [i, p] of people.entries()) {
      const row = rows.find((r) => r.registrationId === p)!;
      expect(row).toMatchObject({ status: 'present', lateMinutes: 10 + i, markedBy: staff.userId });
      // Whichever arrived first, the staff's edit is current. If the faculty's earlier mark
      // arrived after it, the staff had not seen that mark: the disagreement is kept.
      const firstMark = stored.find((m) => m.id === first[i]!.id)!;
      const editMark = stored.find((m) => m.id === edits[i]!.id)!;
      expect(editMark.outcome).toBe('applied');
      if (firstMark.outcome === 'applied') expect(row).toMatchObject({ version: 2, conflictMarkId: null });
      else expect(row).toMatchObject({ version: 1, conflictMarkId: firstMark.id, status: 'present' });
    }
    // One audit row per mark received, none for a replay.
    const audits = await testDb.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, run.organizationId), eq(auditEvents.entityType, 'attendance')));
    expect(audits).toHaveLength(20);
    expect(audits.every((a) => a.actorUserId === faculty.userId || a.actorUserId === staff.userId)).toBe(true);
  });

  test('a replay returns the stored outcome and changes nothing', async () => {
    const run = await createCourseRun(testDb.db, { groups: 1, membersPerGroup: 2 });
    const faculty = await facultyAccess(run);
    const p = run.groups[0]!.members[0]!.registrationId;
    const m1 = mark(run, p, { markedAt: AT(5) });
    const m0 = mark(run, p, { status: 'absent', markedAt: AT(1) });
    const send = (marks: MarkInput[]) => recordMarks(testDb.db, { organizationId: run.organizationId, marks }, faculty, actorOf(faculty), NOW);
    expect((await send([m1])).results).toEqual([{ id: m1.id, outcome: 'applied', duplicate: false }]);
    // Made earlier, arrived later, same person: superseded, not a conflict.
    expect((await send([m0])).results).toEqual([{ id: m0.id, outcome: 'superseded', duplicate: false }]);
    const again = await send([m0, m1, m1]);
    expect(again.results).toEqual([
      { id: m0.id, outcome: 'superseded', duplicate: true },
      { id: m1.id, outcome: 'applied', duplicate: true },
      { id: m1.id, outcome: 'applied', duplicate: true },
    ]);
    expect(again.attendance).toEqual([expect.objectContaining({ registrationId: p, status: 'present', version: 1, conflictMarkId: null })]);
  });

  test('two people disagreeing without seeing each other: the later kept, the conflict shown until someone marks again', async () => {
    const run = await createCourseRun(testDb.db, { groups: 1, membersPerGroup: 3 });
    const [x, y] = run.groups[0]!.members.map((m) => m.registrationId);
    const faculty = await facultyAccess(run);
    const staff = await staffAccess(run.organizationId);
    const org = run.organizationId;
    const sessionId = run.sessions[0]!.id;

    // X: the faculty marks present at 16:02; the staff, offline since before, marks absent at 16:05.
    const fx = mark(run, x!, { markedAt: AT(2), lateMinutes: 2 });
    const sx = mark(run, x!, { status: 'absent', markedAt: AT(5) });
    await recordMarks(testDb.db, { organizationId: org, marks: [fx] }, faculty, actorOf(faculty), NOW);
    const r = await recordMarks(testDb.db, { organizationId: org, marks: [sx] }, staff, actorOf(staff), NOW);
    expect(r.results[0]).toMatchObject({ outcome: 'applied' });
    expect(r.attendance[0]).toMatchObject({ status: 'absent', version: 2, conflictMarkId: fx.id });

    // Y: the staff marks absent at 16:09 first; the faculty's earlier mark (16:03) arrives after.
    const sy = mark(run, y!, { status: 'absent', markedAt: AT(9) });
    const fy = mark(run, y!, { markedAt: AT(3) });
    await recordMarks(testDb.db, { organizationId: org, marks: [sy] }, staff, actorOf(staff), NOW);
    const late = await recordMarks(testDb.db, { organizationId: org, marks: [fy] }, faculty, actorOf(faculty), NOW);
    expect(late.results[0]).toMatchObject({ outcome: 'conflict' });
    expect(late.attendance[0]).toMatchObject({ status: 'absent', version: 1, conflictMarkId: fy.id });

    // The roster shows both conflicts with the other mark's values and who made it.
    const roster = await findSessionRoster(testDb.db, { organizationId: org, sessionId, access: staff });
    const shown = (id: string) => roster.people.find((p) => p.registrationId === id)!;
    expect(shown(x!).attendance).toMatchObject({ status: 'absent' });
    expect(shown(x!).conflict).toMatchObject({ status: 'present', lateMinutes: 2, markedByName: 'Faculty 1' });
    expect(shown(y!).conflict).toMatchObject({ status: 'present', markedByName: 'Faculty 1' });

    // Someone marks X again, having seen the conflict (base version 2): resolved.
    const again = mark(run, x!, { markedAt: AT(30), baseVersion: 2, lateMinutes: 2 });
    const resolved = await recordMarks(testDb.db, { organizationId: org, marks: [again] }, faculty, actorOf(faculty), NOW);
    expect(resolved.attendance[0]).toMatchObject({ status: 'present', lateMinutes: 2, version: 3, conflictMarkId: null });
    const after = await findSessionRoster(testDb.db, { organizationId: org, sessionId, access: faculty });
    expect(after.people.find((p) => p.registrationId === x)!.conflict).toBeNull();

    const audits = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'attendance'), eq(auditEvents.entityId, `${sessionId}/${x}`)));
    expect(audits.map((a) => a.action)).toEqual(['attendance.applied', 'attendance.applied', 'attendance.applied']);
    expect(audits[1]!.before).toMatchObject({ status: 'present', lateMinutes: 2 });
    expect(audits[1]!.after).toMatchObject({ status: 'absent', conflictMarkId: fx.id, markId: sx.id });
  });

  test('faculty of another group are refused, and nothing of the batch is written', async () => {
    const run = await createCourseRun(testDb.db, { groups: 2, membersPerGroup: 2 });
    const otherFaculty = await facultyAccess(run, 1);
    const mine = mark(run, run.groups[1]!.members[0]!.registrationId);
    const notMine = mark(run, run.groups[0]!.members[0]!.registrationId);
    const error = await recordMarks(testDb.db, { organizationId: run.organizationId, marks: [mine, notMine] }, otherFaculty, actorOf(otherFaculty), NOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MarkBatchRejected);
    expect((error as MarkBatchRejected).status).toBe(403);
    expect((error as MarkBatchRejected).problems).toEqual([{ markId: notMine.id, code: 'ATTENDANCE_NOT_YOUR_GROUP' }]);
    expect(await testDb.db.select().from(attendanceMarks).where(inArray(attendanceMarks.id, [mine.id, notMine.id]))).toEqual([]);
    // Someone leading no group at all, and a member: refused too.
    const nobody = await getAttendanceAccess(testDb.db, { organizationId: run.organizationId, userId: run.groups[0]!.members[1]!.userId, roles: ['member'] });
    await expect(recordMarks(testDb.db, { organizationId: run.organizationId, marks: [mark(run, run.groups[0]!.members[1]!.registrationId)] }, nobody, actorOf(nobody), NOW)).rejects.toBeInstanceOf(MarkBatchRejected);
    // Their own group: accepted.
    const ok = await recordMarks(testDb.db, { organizationId: run.organizationId, marks: [mine] }, otherFaculty, actorOf(otherFaculty), NOW);
    expect(ok.results[0]).toMatchObject({ outcome: 'applied' });
  });

  test('validation: minutes beyond the session, a session or person of another organization or course, a clock in the future, a reused id', async () => {
    const run = await createCourseRun(testDb.db, { groups: 1, membersPerGroup: 2, sessionMinutes: 90 });
    const other = await createCourseRun(testDb.db, { groups: 1, membersPerGroup: 1 });
    const staff = await staffAccess(run.organizationId);
    const p = run.groups[0]!.members[0]!.registrationId;
    const send = (marks: MarkInput[]) => recordMarks(testDb.db, { organizationId: run.organizationId, marks }, staff, actorOf(staff), NOW).catch((e: unknown) => e as MarkBatchRejected);
    const tooLong = mark(run, p, { lateMinutes: 60, leftEarlyMinutes: 31 });
    const foreignSession = mark(run, p, { sessionId: other.sessions[0]!.id });
    const foreignPerson = mark(run, other.groups[0]!.members[0]!.registrationId);
    const future = mark(run, p, { markedAt: new Date(NOW.getTime() + 3600_000).toISOString() });
    const refused = (await send([tooLong, foreignSession, foreignPerson, future])) as MarkBatchRejected;
    expect(refused.status).toBe(422);
    expect(refused.problems).toEqual([
      { markId: tooLong.id, code: 'ATTENDANCE_MINUTES_OUT_OF_RANGE', maxMinutes: 90 },
      { markId: foreignSession.id, code: 'SESSION_NOT_FOUND' },
      { markId: foreignPerson.id, code: 'ATTENDANCE_NOT_PARTICIPANT' },
      { markId: future.id, code: 'ATTENDANCE_MARKED_IN_FUTURE' },
    ]);
    // The whole session, exactly: accepted. Absent drops the minutes typed before.
    const whole = mark(run, p, { lateMinutes: 45, leftEarlyMinutes: 45 });
    await send([whole]);
    const absent = mark(run, run.groups[0]!.members[1]!.registrationId, { status: 'absent', lateMinutes: 5 });
    const r = (await send([absent])) as Awaited<ReturnType<typeof recordMarks>>;
    expect(r.attendance[0]).toMatchObject({ status: 'absent', lateMinutes: 0 });
    // A mark id already used for someone else: refused, not taken as a replay.
    const reused = { ...mark(run, run.groups[0]!.members[1]!.registrationId), id: whole.id };
    expect(((await send([reused])) as MarkBatchRejected).problems).toEqual([{ markId: whole.id, code: 'ATTENDANCE_MARK_ID_REUSED' }]);
  });
});
