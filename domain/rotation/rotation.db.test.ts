// The stored rotation on a real PostgreSQL: generating for every group of a course, keeping
// hand edits when generating again, who may see and change a group's plan, the audit trail.
import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { auditEvents } from '#db/schema/audit.ts';
import { rotationTurns } from '#db/schema/course-running.ts';
import { createCourseRun, createPerson } from '../../tests/helpers/course-run-fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { generateCourseRotation, getGroupRotation, rotationAccess, setSessionTurns } from './rotation.server.ts';

const testDb = useTestDatabase();
const staff = { userId: 'staff-user', requestId: 'test' };

describe('the stored rotation', () => {
  test('generated for every group: each willing member presents once, the candidate co-leads twice; generating again keeps hand edits', async () => {
    const run = await createCourseRun(testDb.db, { groups: 2, membersPerGroup: 5, sessions: 6, otherSessions: ['large_group', 'meal'], unwilling: (i) => i === 4 });
    const result = await generateCourseRotation(testDb.db, { organizationId: run.organizationId, courseId: run.courseId }, staff);
    expect(result.groups).toBe(2);
    for (const group of run.groups) {
      const plan = await getGroupRotation(testDb.db, { organizationId: run.organizationId, groupId: group.id });
      // Only the six small-group sessions.
      expect(plan.sessions).toHaveLength(6);
      const presenters = plan.sessions.flatMap((s) => s.presenters);
      const willing = group.members.filter((m) => m.willingToPresent).map((m) => m.registrationId);
      // Four willing, six sessions: everyone once before the first two present again.
      expect(new Set(presenters.slice(0, 4))).toEqual(new Set(willing));
      expect(presenters).not.toContain(group.members[4]!.registrationId);
      const candidate = group.members.find((m) => m.coLeaderCandidate)!;
      expect(plan.sessions.filter((s) => s.coLeaders.includes(candidate.registrationId))).toHaveLength(2);
      expect(plan.sessions.every((s) => !s.edited)).toBe(true);
    }

    // The faculty of group A changes its first session by hand.
    const group = run.groups[0]!;
    const [x, y, z] = group.members.slice(1).map((m) => m.registrationId);
    const session = run.sessions[0]!.id;
    await setSessionTurns(testDb.db, { organizationId: run.organizationId, groupId: group.id, sessionId: session, presenters: [x!], leaders: [y!, z!], coLeaders: [] }, { userId: group.faculty[0]!.userId, requestId: 'test' });
    await generateCourseRotation(testDb.db, { organizationId: run.organizationId, courseId: run.courseId, seed: 99 }, staff);
    const plan = await getGroupRotation(testDb.db, { organizationId: run.organizationId, groupId: group.id });
    expect(plan.sessions[0]).toMatchObject({ edited: true, presenters: [x], coLeaders: [] });
    expect(new Set(plan.sessions[0]!.leaders)).toEqual(new Set([y, z]));
    const turns = await testDb.db.select().from(rotationTurns).where(eq(rotationTurns.smallGroupId, group.id));
    expect(turns.filter((t) => t.sessionId === session).every((t) => t.updatedBy === group.faculty[0]!.userId)).toBe(true);

    const audits = await testDb.db.select().from(auditEvents).where(eq(auditEvents.organizationId, run.organizationId));
    expect(audits.filter((a) => a.action === 'rotation.generated')).toHaveLength(4);
    const edit = audits.find((a) => a.action === 'rotation.edited')!;
    expect(edit).toMatchObject({ actorUserId: group.faculty[0]!.userId, entityId: `${group.id}/${session}` });
    expect((edit.after as { turns: unknown[] }).turns).toHaveLength(3);
  });

  test('refused edits: a non-member, presenting and leading at once, another organization; nothing written', async () => {
    const run = await createCourseRun(testDb.db, { groups: 2, membersPerGroup: 3, sessions: 2 });
    const other = await createCourseRun(testDb.db, { groups: 1, membersPerGroup: 1 });
    const [g, h] = run.groups;
    const base = { organizationId: run.organizationId, groupId: g!.id, sessionId: run.sessions[0]!.id, leaders: [], coLeaders: [] };
    await expect(setSessionTurns(testDb.db, { ...base, presenters: [h!.members[0]!.registrationId] }, staff)).rejects.toMatchObject({ code: 'ROTATION_NOT_A_MEMBER' });
    const m = g!.members[1]!.registrationId;
    await expect(setSessionTurns(testDb.db, { ...base, presenters: [m], leaders: [m] }, staff)).rejects.toMatchObject({ code: 'ROTATION_TWO_ROLES' });
    await expect(setSessionTurns(testDb.db, { ...base, organizationId: other.organizationId, presenters: [] }, staff)).rejects.toMatchObject({ code: 'SMALL_GROUP_NOT_FOUND' });
    await expect(setSessionTurns(testDb.db, { ...base, sessionId: other.sessions[0]!.id, presenters: [] }, staff)).rejects.toMatchObject({ code: 'ROTATION_SESSION_NOT_FOUND' });
    expect(await testDb.db.select().from(rotationTurns).where(eq(rotationTurns.courseId, run.courseId))).toEqual([]);
  });

  test('who sees and who changes a group’s rotation', async () => {
    const run = await createCourseRun(testDb.db, { groups: 2, membersPerGroup: 2, sessions: 1 });
    const [g, h] = run.groups;
    const ask = (userId: string, roles: ('admin' | 'course_director' | 'faculty' | 'member' | 'treasurer')[] = []) => rotationAccess(testDb.db, { organizationId: run.organizationId, groupId: g!.id, userId, roles });
    expect(await ask(g!.faculty[0]!.userId, ['faculty'])).toBe('edit');
    expect(await ask(h!.faculty[0]!.userId, ['faculty'])).toBeNull();
    expect(await ask(g!.members[0]!.userId, ['member'])).toBe('view');
    expect(await ask(h!.members[0]!.userId, ['member'])).toBeNull();
    expect(await ask(await createPerson(testDb.db, 'Dana'), ['course_director'])).toBe('edit');
    expect(await ask(await createPerson(testDb.db, 'Tatum'), ['treasurer'])).toBeNull();
    const audits = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.organizationId, run.organizationId), eq(auditEvents.action, 'rotation.edited')));
    expect(audits).toEqual([]);
  });
});
