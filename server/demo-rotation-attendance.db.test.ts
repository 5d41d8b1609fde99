// The demo's rotation and attendance for a course that was run, made on the course-run
// fixtures: a plan for every group, attendance at past credit sessions only, a few late
// arrivals and one absence, the demo member present throughout; seeding twice adds nothing.
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { attendance, attendanceMarks, rotationTurns } from '#db/schema/course-running.ts';
import { createCourseRun, createPerson } from '../tests/helpers/course-run-fixtures.ts';
import { useTestDatabase } from '../tests/helpers/test-database.ts';
import { DEMO_MEMBER_EMAIL, seedRotationAndAttendance } from './demo-rotation-attendance.server.ts';

const testDb = useTestDatabase();

describe('seedRotationAndAttendance', () => {
  test('a course that was run: rotation, attendance with a few late arrivals and one absence, the demo member present throughout', async () => {
    const member = await createPerson(testDb.db, 'Morgan Member', DEMO_MEMBER_EMAIL);
    // Five small-group sessions (one a day from the 24th), a large group and a meal (no credit)
    // after them; "now" falls after the fourth.
    const run = await createCourseRun(testDb.db, {
      groups: 2,
      membersPerGroup: 5,
      sessions: 5,
      otherSessions: ['large_group', 'meal'],
      firstSessionAt: new Date('2025-04-24T16:00:00Z'),
      memberUserId: (g, i) => (g === 1 && i === 2 ? member : undefined),
    });
    const now = new Date('2025-04-27T20:00:00Z');
    const result = await seedRotationAndAttendance(testDb.db, run.courseId, now);
    const counted = run.sessions.filter((s) => s.endsAt <= now && s.kind !== 'meal');
    expect(counted.map((s) => s.kind)).toEqual(['small_group', 'small_group', 'small_group', 'small_group']);
    const rows = await testDb.db.select().from(attendance).where(eq(attendance.courseId, run.courseId));
    expect(rows).toHaveLength(counted.length * 10);
    expect(result).toMatchObject({ marks: counted.length * 10, late: 4, absent: 1 });
    expect(rows.filter((r) => r.status === 'absent')).toHaveLength(1);
    const late = rows.filter((r) => r.lateMinutes > 0);
    expect(late).toHaveLength(4);
    for (const r of late) expect(r.lateMinutes).toBeGreaterThanOrEqual(10), expect(r.lateMinutes).toBeLessThanOrEqual(20);
    const memberReg = run.groups[1]!.members[2]!.registrationId;
    const own = rows.filter((r) => r.registrationId === memberReg);
    expect(own).toHaveLength(counted.length);
    expect(own.every((r) => r.status === 'present' && r.lateMinutes === 0 && r.leftEarlyMinutes === 0)).toBe(true);
    // Marked by the group's faculty, one applied mark per attendance row.
    expect(rows.every((r) => run.groups.some((g) => g.faculty[0]!.userId === r.markedBy))).toBe(true);
    expect(await testDb.db.select().from(attendanceMarks).where(eq(attendanceMarks.courseId, run.courseId))).toHaveLength(rows.length);

    const turns = await testDb.db.select().from(rotationTurns).where(eq(rotationTurns.courseId, run.courseId));
    for (const g of run.groups) {
      const mine = turns.filter((t) => t.smallGroupId === g.id);
      // Five small-group sessions (the rotation covers the whole course, past and future): one presenter each.
      expect(mine.filter((t) => t.role === 'presenter')).toHaveLength(5);
      expect(mine.filter((t) => t.role === 'co_leader')).toHaveLength(2);
    }

    // Seeding again adds nothing.
    expect(await seedRotationAndAttendance(testDb.db, run.courseId, now)).toMatchObject({ turns: 0, marks: 0 });
  });
});
