// The small-group pages called as React Router calls them: whatever a person types or a crafted
// form sends is answered 400 or 409 in words, never a 500; a run asked for reaches the runner;
// rosters come out as CSV and PDF; only course managers get in.
import crypto from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { profiles, users } from '#db/schema/accounts.ts';
import { courseFaculty } from '#db/schema/courses.ts';
import { registrations } from '#db/schema/registration.ts';
import { assignRole, createVerifiedAccount } from '#domain/accounts/create-account.server.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { loadCourseGroups } from '#domain/small-groups/course-groups.server.ts';
import { saveGroupDetails, saveSmallGroupSettings } from '#domain/small-groups/save-settings.server.ts';
import { createCourse, createOrganization, validAnswers } from '../../../tests/helpers/fixtures.ts';
import { routeHarness, thrownStatus } from '../../../tests/helpers/route-harness.ts';
import { useTestDatabase } from '../../../tests/helpers/test-database.ts';
import { action as overviewAction, loader as overviewLoader } from './overview.tsx';
import { action as participantsAction } from './participants.tsx';
import { loader as progressLoader } from './progress.ts';
import { loader as csvLoader } from './rosters-csv.ts';
import { loader as pdfLoader } from './rosters-pdf.ts';
import { action as settingsAction } from './settings.tsx';

const testDb = useTestDatabase();
const BASE = 'http://localhost:3997';
const harness = routeHarness(testDb, { baseUrl: BASE, encryptionKey: crypto.randomBytes(32) });

async function person(orgId: string, role: 'course_director' | 'treasurer') {
  const email = `${role}-${crypto.randomBytes(4).toString('hex')}@example.org`;
  const password = 'director-password-123';
  const { userId } = await createVerifiedAccount(testDb.db, { email, name: `A ${role}`, password }, systemActor);
  await assignRole(testDb.db, { organizationId: orgId, userId, role }, systemActor);
  return { email, password };
}

async function setup() {
  const db = testDb.db;
  const org = await createOrganization(db);
  const course = await createCourse(db, org.id);
  for (let k = 0; k < 8; k++) {
    const id = crypto.randomUUID();
    await db.insert(users).values({ id, name: `Zoë Łukasiewicz ${k}`, email: `z${k}-${id.slice(0, 6)}@example.org`, emailVerified: true });
    await db.insert(profiles).values({ userId: id, region: k % 2 ? 'WA' : 'OR' });
    await db.insert(registrations).values({
      organizationId: org.id,
      courseId: course.id,
      userId: id,
      submissionKey: `k-${id}`,
      status: 'confirmed',
      name: `Zoë Łukasiewicz ${k}`,
      email: `z${k}-${id.slice(0, 6)}@example.org`,
      categoryKey: 'non_member',
      tier: 'regular',
      baseAmountMinor: 1000,
      amountMinor: 1000,
      currency: 'USD',
      answers: validAnswers({ discipline: k % 2 ? 'Psychology' : 'Family medicine', institution: `Clinic ${k}` }),
      policy: {} as never,
    });
  }
  const faculty = await db
    .insert(courseFaculty)
    .values([0, 1, 2, 3].map((i) => ({ organizationId: org.id, courseId: course.id, position: i, role: 'faculty' as const, name: `Faculty ${i}`, behavioralHealth: i % 2 === 1 })))
    .returning();
  const ids = { organizationId: org.id, courseId: course.id };
  await saveSmallGroupSettings(db, { ...ids, version: 0, groupCount: 2, minSize: 3, maxSize: 5, weights: { profession: 3, experience: 2, region: 1, gender: 1 }, leaderRules: { leadersPerGroup: 2, requireBehavioralHealth: true } }, systemActor);
  const state = await loadCourseGroups(db, org.id, course.id);
  await saveGroupDetails(db, { ...ids, version: state.plan.version, groups: state.groups.map((g, i) => ({ id: g.id, name: g.name, room: '', leaderIds: [faculty[2 * i]!.id, faculty[2 * i + 1]!.id] })) }, systemActor);
  const director = await person(org.id, 'course_director');
  const url = `${BASE}/o/${org.slug}/admin/courses/${course.id}/small-groups`;
  return { org, course, director, url, params: { org: org.slug, courseId: course.id }, state: await loadCourseGroups(db, org.id, course.id) };
}

async function post(url: string, who: { email: string; password: string }, fields: Record<string, string | string[]>) {
  const signed = await harness.signedInRequest(url, who);
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const value of [v].flat()) body.append(k, value);
  return new Request(url, { method: 'POST', body, headers: { cookie: signed.headers.get('cookie')! } });
}

const statusOf = (result: unknown) => (result as { init?: { status?: number } } | undefined)?.init?.status ?? 200;

describe('small-group pages', () => {
  test('garbage and stale forms are answered 400 or 409, never 500', async () => {
    const s = await setup();
    const call = async (action: typeof overviewAction, suffix: string, fields: Record<string, string | string[]>) =>
      statusOf(await action({ request: await post(`${s.url}${suffix}`, s.director, fields), context: harness.routeContext(), params: s.params } as never));
    const random = crypto.randomUUID();
    const version = String(s.state.plan.version);
    expect(await call(overviewAction, '', {})).toBe(400);
    expect(await call(overviewAction, '', { intent: 'move', registrationId: 'x', groupId: "'; drop table", version })).toBe(400);
    expect(await call(overviewAction, '', { intent: 'move', registrationId: random, groupId: random, version })).toBe(409);
    expect(await call(overviewAction, '', { intent: 'move', registrationId: s.state.participants[0]!.registrationId, groupId: s.state.groups[0]!.id, version: '999' })).toBe(409);
    expect(await call(overviewAction, '', { intent: 'stop', runId: random })).toBe(409);
    expect(await call(overviewAction, '', { intent: 'apply', runId: random, version })).toBe(409);
    expect(await call(overviewAction, '', { intent: 'run', mode: 'fresh', timeLimit: '100000' })).toBe(400);
    expect(await call(overviewAction, '', { intent: 'publish', version })).toBe(400);
    // Publishing with everyone unplaced is refused in words.
    expect(await call(overviewAction, '', { intent: 'publish', version, confirm: 'yes' })).toBe(409);
    expect(await call(settingsAction as never, '/settings', {})).toBe(400);
    expect(await call(settingsAction as never, '/settings', { intent: 'settings', version, groupCount: '2', minSize: '9', maxSize: '4', weightProfession: '1', weightExperience: '1', weightRegion: '1', weightGender: '1', leadersPerGroup: '2' })).toBe(400);
    expect(await call(settingsAction as never, '/settings', { intent: 'groups', version, groupId: 'not-a-uuid' })).toBe(400);
    const g = s.state.groups[0]!.id;
    expect(await call(settingsAction as never, '/settings', { intent: 'groups', version, groupId: g, [`name:${g}`]: 'A', [`leader:${g}`]: 'nope' })).toBe(400);
    expect(await call(settingsAction as never, '/settings', { intent: 'groups', version, groupId: random, [`name:${random}`]: 'A' })).toBe(409);
    expect(await call(participantsAction as never, '/participants', {})).toBe(400);
    expect(await call(participantsAction as never, '/participants', { participant: 'garbage' })).toBe(400);
    expect(await call(participantsAction as never, '/participants', { participant: random })).toBe(409);
    const p = s.state.participants[0]!.registrationId;
    expect(await call(participantsAction as never, '/participants', { participant: p, [`experience:${p}`]: 'guru' })).toBe(400);
    expect(await call(participantsAction as never, '/participants', { participant: p, [`experience:${p}`]: 'leader', [`coLeader:${p}`]: 'yes' })).toBe(200);
  });

  test('a run asked for reaches the runner; progress and rosters answer; a treasurer is refused', async () => {
    const s = await setup();
    const started: string[] = [];
    harness.services.groupingRunner = { start: (runId) => void started.push(runId) };
    const result = await overviewAction({ request: await post(s.url, s.director, { intent: 'run', mode: 'fresh', timeLimit: '5' }), context: harness.routeContext(), params: s.params } as never);
    expect(statusOf(result)).toBe(200);
    expect(started).toHaveLength(1);
    const progress = (await progressLoader({ request: await harness.signedInRequest(`${s.url}/progress`, s.director), context: harness.routeContext(), params: s.params } as never)) as Response;
    expect(await progress.json()).toMatchObject({ id: started[0], status: 'running', timeLimitMs: 5000 });
    // A second run while one runs is refused in words.
    expect(statusOf(await overviewAction({ request: await post(s.url, s.director, { intent: 'run', mode: 'fresh', timeLimit: '5' }), context: harness.routeContext(), params: s.params } as never))).toBe(409);

    const csv = (await csvLoader({ request: await harness.signedInRequest(`${s.url}/rosters.csv`, s.director), context: harness.routeContext(), params: s.params } as never)) as Response;
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(await csv.text()).toContain('Faculty 0');
    const pdf = (await pdfLoader({ request: await harness.signedInRequest(`${s.url}/rosters.pdf`, s.director), context: harness.routeContext(), params: s.params } as never)) as Response;
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');

    const treasurer = await person(s.org.id, 'treasurer');
    expect(await thrownStatus(async () => overviewLoader({ request: await harness.signedInRequest(s.url, treasurer), context: harness.routeContext(), params: s.params } as never))).toBe(403);
    const other = await createOrganization(testDb.db);
    const outsider = await person(other.id, 'course_director');
    expect(await thrownStatus(async () => overviewLoader({ request: await harness.signedInRequest(`${BASE}/o/${other.slug}/admin/courses/${s.course.id}/small-groups`, outsider), context: harness.routeContext(), params: { org: other.slug, courseId: s.course.id } } as never))).toBe(404);
  });
});
