import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import type { Db } from '#db/client.server.ts';
import { profiles, users } from '#db/schema/accounts.ts';
import { auditEvents } from '#db/schema/audit.ts';
import { courseSessions, groupingRuns, participantGroupingFacts, smallGroupMembers, smallGroupPlans } from '#db/schema/course-running.ts';
import { courseFaculty } from '#db/schema/courses.ts';
import { outboxMessages } from '#db/schema/email.ts';
import { registrations, type RegistrationStatus } from '#db/schema/registration.ts';
import type { Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { solveInWorker } from '#domain/grouping/solve-in-worker.ts';
import { evaluateAssignment } from '#domain/grouping/partition.ts';
import { createCourse, createOrganization, validAnswers } from '../../tests/helpers/fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { courseProblem, currentAssignment, loadCourseGroups } from './course-groups.server.ts';
import { CO_LEADER_KIND } from './grouping-input.ts';
import { applyOptimizerRun, moveParticipant, placeLateChanges } from './membership.server.ts';
import { executeOptimizerRun, failAbandonedRuns, requestOptimizerRun, requestRunStop, type GroupingSolver } from './optimizer-runs.server.ts';
import { publishSmallGroups } from './publish.server.ts';
import { saveGroupDetails, saveSmallGroupSettings } from './save-settings.server.ts';
import { saveParticipantFacts } from './save-facts.server.ts';
import { summarizeGroups } from './summarize.server.ts';

const testDb = useTestDatabase();
const context = { publicUrl: 'http://localhost:3000' };
const actor: Actor = { userId: null, requestId: 'test' };

const PROFESSIONS = ['Family medicine', 'Psychiatry', 'Psychology', 'Social work', 'Nursing'];
const REGIONS = ['Northwest', 'Southwest', 'Midwest', 'Northeast'];

async function addParticipant(db: Db, organizationId: string, courseId: string, k: number, overrides: { institution?: string; status?: RegistrationStatus } = {}) {
  const id = crypto.randomUUID();
  const email = `p${k}-${id.slice(0, 6)}@example.org`;
  await db.insert(users).values({ id, name: `Participant ${k}`, email, emailVerified: true });
  await db.insert(profiles).values({ userId: id, region: REGIONS[k % REGIONS.length]! });
  const [row] = await db
    .insert(registrations)
    .values({
      organizationId,
      courseId,
      userId: id,
      submissionKey: `key-${id}`,
      status: overrides.status ?? (k % 2 ? 'confirmed' : 'accepted'),
      name: `Participant ${String(k).padStart(2, '0')}`,
      email,
      categoryKey: 'non_member',
      tier: 'regular',
      baseAmountMinor: 97500,
      amountMinor: 97500,
      currency: 'USD',
      answers: validAnswers({ discipline: PROFESSIONS[k % PROFESSIONS.length]!, institution: overrides.institution ?? `Clinic ${k}` }),
      policy: {} as never,
    })
    .returning();
  return row!;
}

/** A course with `n` participants, `groups` groups of 4–8 and two leaders per group (one behavioral health). */
async function setup(n = 16, groups = 3) {
  const db = testDb.db;
  const org = await createOrganization(db);
  const course = await createCourse(db, org.id);
  const people = [];
  for (let k = 0; k < n; k++) people.push(await addParticipant(db, org.id, course.id, k, { institution: k < 2 ? 'Providence Sacred Heart' : k === 2 ? '  providence sacred HEART ' : undefined }));
  const faculty = await db
    .insert(courseFaculty)
    .values(Array.from({ length: groups * 2 }, (_, i) => ({ organizationId: org.id, courseId: course.id, position: i, role: 'faculty' as const, name: `Faculty ${i}`, behavioralHealth: i % 2 === 1 })))
    .returning();
  const base = { organizationId: org.id, courseId: course.id };
  await saveSmallGroupSettings(db, { ...base, version: 0, groupCount: groups, minSize: 4, maxSize: 8, weights: { profession: 3, experience: 2, region: 1, gender: 1 }, leaderRules: { leadersPerGroup: 2, requireBehavioralHealth: true } }, actor);
  let state = await loadCourseGroups(db, org.id, course.id);
  await saveGroupDetails(
    db,
    { ...base, version: state.plan.version, groups: state.groups.map((g, i) => ({ id: g.id, name: g.name, room: `Room ${i + 1}`, leaderIds: [faculty[2 * i]!.id, faculty[2 * i + 1]!.id] })) },
    actor,
  );
  state = await loadCourseGroups(db, org.id, course.id);
  return { db, org, course, people, faculty, base, state };
}

const syncSolver: GroupingSolver = (problem, options) => solveInWorker(problem, options);

async function runToEnd(db: Db, base: { organizationId: string; courseId: string }, timeLimitMs = 1000, mode: 'fresh' | 'reoptimize' = 'fresh') {
  const run = await requestOptimizerRun(db, { ...base, timeLimitMs, mode }, actor);
  const done = await executeOptimizerRun(db, run.id, mode, syncSolver, { heartbeatMs: 200, seed: 7 });
  return done!;
}

const version = async (db: Db, courseId: string) => (await db.select().from(smallGroupPlans).where(eq(smallGroupPlans.courseId, courseId)))[0]!.version;

describe('small groups', () => {
  let s: Awaited<ReturnType<typeof setup>>;
  beforeEach(async () => {
    s = await setup();
  });

  test('the grouping input: participants are accepted and confirmed registrations, one institution apart, co-leader candidates at most one per group', async () => {
    await addParticipant(s.db, s.org.id, s.course.id, 90, { status: 'waitlisted' });
    await addParticipant(s.db, s.org.id, s.course.id, 91, { status: 'cancelled' });
    await saveParticipantFacts(
      s.db,
      { ...s.base, facts: s.people.slice(0, 2).map((p) => ({ registrationId: p.id, experience: 'leader' as const, coLeaderCandidate: true, gender: '' })) },
      actor,
    );
    const state = await loadCourseGroups(s.db, s.org.id, s.course.id);
    expect(state.participants).toHaveLength(16);
    const { problem } = courseProblem(state);
    const institution = problem.rules.apart.find((r) => r.id.startsWith('apart:institution='));
    // "Providence Sacred Heart" written two ways is one institution: three people apart.
    expect(institution?.people).toHaveLength(3);
    expect(problem.rules.kinds).toEqual([expect.objectContaining({ maxPerGroup: 1, members: expect.any(Array) })]);
    expect(problem.rules.kinds[0]!.members).toHaveLength(2);
    expect(CO_LEADER_KIND).toBe('coLeaderCandidate');
    // Region comes from the profile, profession from the application.
    const summary = summarizeGroups(state);
    expect(summary.unplaced).toHaveLength(16);
    expect(summary.violations).toContain('16 participants are not in a group yet');
  });

  test('a run writes its progress, is applied, and a move pins the person with the score recomputed', async () => {
    const run = await runToEnd(s.db, s.base);
    expect(run.status).toBe('finished');
    expect(run.bestScore).toBeGreaterThan(0);
    expect(Object.keys(run.bestAssignment!)).toHaveLength(16);
    expect(run.elapsedMs).toBeGreaterThan(0);
    await applyOptimizerRun(s.db, { ...s.base, runId: run.id, version: await version(s.db, s.course.id) }, actor, context);
    let summary = summarizeGroups(await loadCourseGroups(s.db, s.org.id, s.course.id));
    expect(summary.unplaced).toHaveLength(0);
    expect(summary.violations).toEqual([]);
    expect(summary.score).toBeCloseTo(run.bestScore!, 6);
    // The three people of one institution sit in three different groups.
    const providence = summary.cards.map((c) => c.members.filter((m) => m.institution.toLowerCase().includes('providence')).length);
    expect(providence).toEqual([1, 1, 1]);
    const mover = summary.cards[0]!.members.find((m) => !m.institution.toLowerCase().includes('providence'))!;
    const target = summary.cards[1]!;
    const before = summary.score;
    await moveParticipant(s.db, { ...s.base, registrationId: mover.registrationId, smallGroupId: target.id, version: await version(s.db, s.course.id) }, actor, context);
    const afterMove = await loadCourseGroups(s.db, s.org.id, s.course.id);
    summary = summarizeGroups(afterMove);
    expect(summary.cards[1]!.members.find((m) => m.registrationId === mover.registrationId)?.pinned).toBe(true);
    // The score is the grouping's objective of the new assignment, recomputed at once.
    const recomputed = evaluateAssignment(courseProblem(afterMove).problem, currentAssignment(afterMove));
    expect(summary.score).toBeCloseTo(recomputed, 9);
    expect(summary.cards[0]!.diversity + summary.cards[1]!.diversity + summary.cards[2]!.diversity).toBeCloseTo(recomputed, 9);
    expect(before).toBeGreaterThan(0);
    const [row] = await s.db.select().from(smallGroupMembers).where(eq(smallGroupMembers.registrationId, mover.registrationId));
    expect(row).toMatchObject({ pinned: true, smallGroupId: target.id });
    const audits = await s.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, s.course.id), eq(auditEvents.action, 'small_groups.participant_moved')));
    expect(audits).toHaveLength(1);
  });

  test('re-optimizing keeps a hand placement', async () => {
    const run = await runToEnd(s.db, s.base);
    await applyOptimizerRun(s.db, { ...s.base, runId: run.id, version: await version(s.db, s.course.id) }, actor, context);
    const state = await loadCourseGroups(s.db, s.org.id, s.course.id);
    const summary = summarizeGroups(state);
    const mover = summary.cards[2]!.members.find((m) => !m.institution.toLowerCase().includes('providence'))!;
    await moveParticipant(s.db, { ...s.base, registrationId: mover.registrationId, smallGroupId: summary.cards[0]!.id, version: await version(s.db, s.course.id) }, actor, context);
    for (const mode of ['reoptimize', 'fresh'] as const) {
      const again = await runToEnd(s.db, s.base, 800, mode);
      expect(again.status).toBe('finished');
      expect(again.bestAssignment![mover.registrationId]).toBe(summary.cards[0]!.id);
      await applyOptimizerRun(s.db, { ...s.base, runId: again.id, version: await version(s.db, s.course.id) }, actor, context);
      const [row] = await s.db.select().from(smallGroupMembers).where(eq(smallGroupMembers.registrationId, mover.registrationId));
      expect(row).toMatchObject({ pinned: true, smallGroupId: summary.cards[0]!.id });
    }
  });

  test('a change made on a stale version is refused and changes nothing', async () => {
    const run = await runToEnd(s.db, s.base);
    const v = await version(s.db, s.course.id);
    await applyOptimizerRun(s.db, { ...s.base, runId: run.id, version: v }, actor, context);
    const state = await loadCourseGroups(s.db, s.org.id, s.course.id);
    const person = state.members[0]!;
    const other = state.groups.find((g) => g.id !== person.smallGroupId)!;
    const attempt = moveParticipant(s.db, { ...s.base, registrationId: person.registrationId, smallGroupId: other.id, version: v }, actor, context);
    await expect(attempt).rejects.toMatchObject({ code: 'SMALL_GROUPS_STALE' });
    const [row] = await s.db.select().from(smallGroupMembers).where(eq(smallGroupMembers.registrationId, person.registrationId));
    expect(row!.smallGroupId).toBe(person.smallGroupId);
  });

  test('publishing emails each participant once with group, leaders, room and first session; a late change emails only the people affected', async () => {
    await s.db.insert(courseSessions).values({
      organizationId: s.org.id,
      courseId: s.course.id,
      kind: 'small_group',
      title: 'Small group 1',
      startsAt: new Date('2025-04-23T17:00:00Z'),
      endsAt: new Date('2025-04-23T18:30:00Z'),
      calendarUid: crypto.randomUUID(),
    });
    const run = await runToEnd(s.db, s.base);
    await applyOptimizerRun(s.db, { ...s.base, runId: run.id, version: await version(s.db, s.course.id) }, actor, context);
    const published = await publishSmallGroups(s.db, { ...s.base, version: await version(s.db, s.course.id) }, actor, context);
    expect(published.emailIds).toHaveLength(16);
    const mails = await s.db.select().from(outboxMessages).where(and(eq(outboxMessages.organizationId, s.org.id), eq(outboxMessages.kind, 'small-groups.published')));
    expect(new Set(mails.map((m) => m.toAddress)).size).toBe(16);
    const state = await loadCourseGroups(s.db, s.org.id, s.course.id);
    const first = state.members.find((m) => m.registrationId === s.people[5]!.id)!;
    const group = state.groups.find((g) => g.id === first.smallGroupId)!;
    const mail = mails.find((m) => m.toAddress === s.people[5]!.email)!;
    expect(mail.text).toContain(group.name);
    expect(mail.text).toContain(group.room);
    expect(mail.text).toContain(group.leaders[0]!.name);
    expect(mail.text).toContain('Wednesday, April 23, 2025 at 10:00 AM PDT');
    // Publishing again sends nothing.
    expect((await publishSmallGroups(s.db, { ...s.base, version: await version(s.db, s.course.id) }, actor, context)).emailIds).toEqual([]);

    // A cancellation and a new participant: the newcomer is placed, nobody else is told.
    await s.db.update(registrations).set({ status: 'cancelled' }).where(eq(registrations.id, s.people[6]!.id));
    const newcomer = await addParticipant(s.db, s.org.id, s.course.id, 40, { status: 'accepted' });
    const late = await placeLateChanges(s.db, { ...s.base, version: await version(s.db, s.course.id) }, actor, context);
    expect(late.removed).toEqual([s.people[6]!.id]);
    expect(late.placed).toEqual([newcomer.id]);
    expect(late.changed).toEqual([newcomer.id]);
    expect(late.emailIds).toHaveLength(1);
    const changed = await s.db.select().from(outboxMessages).where(and(eq(outboxMessages.organizationId, s.org.id), eq(outboxMessages.kind, 'small-groups.changed')));
    expect(changed.map((m) => m.toAddress)).toEqual([newcomer.email]);

    // A move after publication emails the moved person only.
    const now = summarizeGroups(await loadCourseGroups(s.db, s.org.id, s.course.id));
    const mover = now.cards[0]!.members.find((m) => !m.institution.toLowerCase().includes('providence'))!;
    const moved = await moveParticipant(s.db, { ...s.base, registrationId: mover.registrationId, smallGroupId: now.cards[1]!.id, version: await version(s.db, s.course.id) }, actor, context);
    expect(moved.emailIds).toHaveLength(1);
    const [movedMail] = await s.db.select().from(outboxMessages).where(eq(outboxMessages.id, moved.emailIds[0]!));
    expect(movedMail).toMatchObject({ toAddress: mover.email, kind: 'small-groups.changed' });
    expect(movedMail!.text).toContain(now.cards[1]!.name);
  });

  test('one running run per course; stop keeps the best; an abandoned run is marked failed', async () => {
    const run = await requestOptimizerRun(s.db, { ...s.base, timeLimitMs: 120_000, mode: 'fresh' }, actor);
    await expect(requestOptimizerRun(s.db, { ...s.base, timeLimitMs: 1000, mode: 'fresh' }, actor)).rejects.toMatchObject({ code: 'SMALL_GROUPS_RUN_IN_PROGRESS' });
    // Two requests at once: the partial unique index lets one through.
    const other = await setup(12, 2);
    const both = await Promise.allSettled([
      requestOptimizerRun(other.db, { ...other.base, timeLimitMs: 1000, mode: 'fresh' }, actor),
      requestOptimizerRun(other.db, { ...other.base, timeLimitMs: 1000, mode: 'fresh' }, actor),
    ]);
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((both.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(DomainError);

    const seen: { elapsedMs: number; iterations: number; bestScore: number | null }[] = [];
    const execution = executeOptimizerRun(s.db, run.id, 'fresh', syncSolver, { heartbeatMs: 100, seed: 3 });
    // Wait until the run has written a best-so-far, then ask it to stop.
    for (;;) {
      const [row] = await s.db.select().from(groupingRuns).where(eq(groupingRuns.id, run.id));
      seen.push({ elapsedMs: row!.elapsedMs, iterations: row!.iterations, bestScore: row!.bestScore ?? null });
      if (row!.bestScore !== null && row!.bestAssignment) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await requestRunStop(s.db, { ...s.base, runId: run.id }, actor);
    const done = await execution;
    expect(done).toMatchObject({ status: 'stopped', stopRequested: true });
    expect(done!.bestScore).toBeGreaterThan(0);
    expect(Object.keys(done!.bestAssignment!)).toHaveLength(16);
    expect(done!.elapsedMs).toBeLessThan(120_000);
    expect(seen.at(-1)!.elapsedMs).toBeGreaterThan(0);

    // A run nobody has written for more than 30 s: its process died.
    const [ghost] = await s.db
      .insert(groupingRuns)
      .values({ organizationId: s.org.id, courseId: s.course.id, timeLimitMs: 60_000, startedAt: new Date(Date.now() - 60_000), elapsedMs: 5_000 })
      .returning();
    expect(await failAbandonedRuns(s.db)).toBeGreaterThanOrEqual(1);
    const [failed] = await s.db.select().from(groupingRuns).where(eq(groupingRuns.id, ghost!.id));
    expect(failed!.status).toBe('failed');
    const fresh = await requestOptimizerRun(s.db, { ...s.base, timeLimitMs: 1000, mode: 'fresh' }, actor);
    expect(fresh.status).toBe('running');
  });

  test('infeasible rules are named in words', async () => {
    // Four co-leader candidates, at most one per group, three groups.
    await saveParticipantFacts(s.db, { ...s.base, facts: s.people.slice(4, 8).map((p) => ({ registrationId: p.id, experience: '' as const, coLeaderCandidate: true, gender: '' })) }, actor);
    const run = await runToEnd(s.db, s.base);
    expect(run.status).toBe('infeasible');
    expect(run.message).toMatch(/co-leader candidates/);
    expect(run.bestAssignment).toBeNull();
  });

  test('leader rules are checked and named', async () => {
    const state = s.state;
    const result = await saveGroupDetails(
      s.db,
      {
        ...s.base,
        version: await version(s.db, s.course.id),
        groups: state.groups.map((g, i) => ({ id: g.id, name: g.name, room: g.room, leaderIds: i === 0 ? [s.faculty[0]!.id] : i === 1 ? [s.faculty[0]!.id, s.faculty[2]!.id] : [s.faculty[4]!.id, s.faculty[5]!.id] })),
      },
      actor,
    );
    expect(result.violations).toEqual([
      'Small group 1 has 1 leader; 2 per group wanted',
      'Small group 1 has no behavioral-health clinician among its leaders',
      'Small group 2 has no behavioral-health clinician among its leaders',
      'Faculty 0 leads more than one group (Small group 1, Small group 2)',
    ]);
  });

  test('facts are saved and audited; participants of another course are refused', async () => {
    const result = await saveParticipantFacts(s.db, { ...s.base, facts: [{ registrationId: s.people[0]!.id, experience: 'training', coLeaderCandidate: false, gender: 'woman' }] }, actor);
    expect(result.changed).toBe(1);
    const [facts] = await s.db.select().from(participantGroupingFacts).where(eq(participantGroupingFacts.registrationId, s.people[0]!.id));
    expect(facts).toMatchObject({ balintExperience: 'training', gender: 'woman' });
    const other = await setup(2, 1);
    await expect(saveParticipantFacts(s.db, { ...s.base, facts: [{ registrationId: other.people[0]!.id, experience: '', coLeaderCandidate: true, gender: '' }] }, actor)).rejects.toMatchObject({
      code: 'SMALL_GROUPS_PARTICIPANT_NOT_FOUND',
    });
  });
});
