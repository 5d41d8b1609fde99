// Two devices syncing at once cannot lose a mark. The race is forced (tests/helpers/forced-race.ts):
// every contender is held after reading the person's attendance, before writing. With the row
// lock each goes in turn and the latest mark is the state; the negative control switches the
// lock off and must see marks overwrite each other every round.
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { attendance, attendanceMarks } from '#db/schema/course-running.ts';
import { createCourseRun, createPerson } from '../../tests/helpers/course-run-fixtures.ts';
import { forceRace, withLocksOff } from '../../tests/helpers/forced-race.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { getAttendanceAccess } from './access.server.ts';
import { recordMarks } from './record-marks.server.ts';

const testDb = useTestDatabase();
const DEVICES = 6;
const NOW = new Date('2025-04-24T18:00:00Z');
const at = (minute: number) => new Date(Date.UTC(2025, 3, 24, 16, minute)).toISOString();

/** One person marked once by their faculty; then six staff devices send a later edit each, at once. */
async function round() {
  const run = await createCourseRun(testDb.db, { groups: 1, membersPerGroup: 1, sessions: 1 });
  const sessionId = run.sessions[0]!.id;
  const registrationId = run.groups[0]!.members[0]!.registrationId;
  const faculty = await getAttendanceAccess(testDb.db, { organizationId: run.organizationId, userId: run.groups[0]!.faculty[0]!.userId, roles: ['faculty'] });
  const first = { id: crypto.randomUUID(), sessionId, registrationId, status: 'present' as const, lateMinutes: 0, leftEarlyMinutes: 0, markedAt: at(0), baseVersion: 0 };
  await recordMarks(testDb.db, { organizationId: run.organizationId, marks: [first] }, faculty, { userId: faculty.userId }, NOW);
  const devices = await Promise.all(
    Array.from({ length: DEVICES }, async () => getAttendanceAccess(testDb.db, { organizationId: run.organizationId, userId: await createPerson(testDb.db, 'Staff'), roles: ['course_director'] })),
  );
  const race = forceRace(testDb.pool, 'attendance.read', DEVICES);
  try {
    await Promise.all(
      devices.map((access, i) =>
        race.run(() =>
          recordMarks(
            testDb.db,
            { organizationId: run.organizationId, marks: [{ ...first, id: crypto.randomUUID(), lateMinutes: i + 1, markedAt: at(10 + i), baseVersion: 1 }] },
            access,
            { userId: access.userId },
            NOW,
          ),
        ),
      ),
    );
  } finally {
    race.end();
  }
  const [state] = await testDb.db.select().from(attendance).where(and(eq(attendance.sessionId, sessionId), eq(attendance.registrationId, registrationId)));
  const marks = await testDb.db.select().from(attendanceMarks).where(eq(attendanceMarks.sessionId, sessionId));
  return { state: state!, marks, applied: marks.filter((m) => m.outcome === 'applied').length };
}

test('six devices editing one person at once: every mark stored, each applied one counted, the latest is the state', async () => {
  for (let r = 0; r < 3; r++) {
    const { state, marks, applied } = await round();
    expect(marks).toHaveLength(DEVICES + 1);
    // The devices had not seen each other's edits: disagreements may be kept as a conflict, but
    // the latest edit is the state and every applied mark raised the version once.
    expect(state).toMatchObject({ lateMinutes: DEVICES, version: applied });
  }
}, 120_000);

test('negative control: without the row lock the same forced race loses edits, every round', async () => {
  await withLocksOff(async () => {
    for (let r = 0; r < 3; r++) {
      const { state, marks, applied } = await round();
      expect(marks).toHaveLength(DEVICES + 1);
      // Every device read version 1 and applied its mark over it: six applied, one version bump.
      expect(applied).toBe(DEVICES + 1);
      expect(state.version).toBe(2);
    }
  });
}, 120_000);
