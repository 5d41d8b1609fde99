// The JSON API end to end through handleApi, on a real database with real auth.
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { apiTokens, registrations } from '#db/schema/registration.ts';
import { outboxMessages } from '#db/schema/email.ts';
import { APPLICATIONS_PER_ADDRESS_ENV } from '#domain/registration/apply-throttle.server.ts';
import { assignRole, createVerifiedAccount } from '#domain/accounts/create-account.server.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { createAccountsAuth } from '#domain/accounts/auth.server.ts';
import { createLogger } from '#lib/log.server.ts';
import type { AppServices } from '#app/lib/context.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { createCourse, createOrganization, validAnswers } from '../../tests/helpers/fixtures.ts';
import { handleApi } from './handle-api.server.ts';
import { issueApiToken } from '#domain/api-tokens/issue-api-token.server.ts';
import { revokeApiToken } from '#domain/api-tokens/revoke-api-token.server.ts';
import { hashToken } from '#domain/api-tokens/token.server.ts';

const testDb = useTestDatabase();
const BASE = 'http://localhost:3999';
// Open today whatever today is: the API decides with the real clock.
const OPEN_NOW = { registrationOpensOn: null, registrationDeadline: '2099-12-31', startsOn: '2099-12-30', endsOn: '2099-12-31', earlyRateUntil: null };

let services: AppServices;
let delivered: string[][];

function call(method: string, path: string, options: { body?: unknown; raw?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  return handleApi(new Request(`${BASE}${path}`, { method, headers, body }), services);
}

async function read(response: Response) {
  return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as Record<string, any> };
}

function applicationBody(overrides: Record<string, unknown> = {}) {
  const id = crypto.randomBytes(5).toString('hex');
  return { name: `Api Applicant ${id}`, email: `api-${id}@example.org`, categoryKey: 'non_member', answers: validAnswers(), ...overrides };
}

const key = () => `key-${crypto.randomUUID()}`;

async function staffOf(organizationId: string, role: 'course_director' | 'faculty' = 'course_director') {
  const email = `staff-${crypto.randomBytes(4).toString('hex')}@example.org`;
  const { userId } = await createVerifiedAccount(testDb.db, { email, name: 'Staff', password: 'staff-password-123' }, systemActor);
  await assignRole(testDb.db, { organizationId, userId, role }, systemActor);
  const { id, token } = await issueApiToken(testDb.db, { organizationId, userId, name: 'test' });
  return { userId, tokenId: id, token, auth: { authorization: `Bearer ${token}` } };
}

/** Applications of one course in submission order (anonymous callers get no id back: ADR 0047). */
async function idsOf(courseId: string): Promise<string[]> {
  const rows = await testDb.db.select().from(registrations).where(eq(registrations.courseId, courseId));
  return rows.sort((a, b) => a.sequence - b.sequence).map((r) => r.id);
}

/** A verified account, signed in: its session cookie. */
async function signedIn(): Promise<{ email: string; cookie: string }> {
  const email = `signed-in-${crypto.randomBytes(4).toString('hex')}@example.org`;
  await createVerifiedAccount(testDb.db, { email, name: 'Signed In', password: 'signed-in-password-1' }, systemActor);
  const response = await services.auth.handler(
    new Request(`${BASE}/api/auth/sign-in/email`, { method: 'POST', headers: { 'content-type': 'application/json', origin: BASE }, body: JSON.stringify({ email, password: 'signed-in-password-1' }) }),
  );
  expect(response.status).toBe(200);
  return { email, cookie: response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') };
}

beforeAll(() => {
  // The per-address limit is tested on its own below, from its own address.
  process.env[APPLICATIONS_PER_ADDRESS_ENV] = '0';
  delivered = [];
  services = {
    db: testDb.db,
    auth: createAccountsAuth({ db: testDb.db, baseUrl: BASE, secret: 'x'.repeat(40), sessionDays: 7, onEmailQueued: async () => {} }),
    jobs: { deliverEmails: async (ids) => void delivered.push(ids), requestPasswordReset: async () => {}, stop: async () => {} },
    log: createLogger('silent'),
    requestId: 'req-test-1',
    clientAddress: '127.0.0.1',
    publicUrl: BASE,
    smtpConfigured: false,
    payments: null,
    encryptionKey: Buffer.alloc(32, 7),
    groupingRunner: { start: () => {} },
  };
});

describe('public endpoints', () => {
  test('lists published courses and shows one with its price table', async () => {
    const org = await createOrganization(testDb.db);
    const course = await createCourse(testDb.db, org.id, OPEN_NOW);
    await createCourse(testDb.db, org.id, { ...OPEN_NOW, status: 'draft' });
    const list = await read(await call('GET', `/api/v1/organizations/${org.slug}/courses`));
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { slug: string }) => c.slug)).toEqual([course.slug]);

    const one = await read(await call('GET', `/api/v1/organizations/${org.slug}/courses/${course.slug}`));
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ slug: course.slug, capacity: 60, earlyPlaceLimit: 30, currency: 'USD' });
    expect(one.body.prices[0]).toEqual({ categoryKey: 'non_member', categoryLabel: 'Single Registration', early: 90000, regular: 97500 });
  });

  test('availability counts places, early places and the waitlist', async () => {
    const org = await createOrganization(testDb.db);
    const course = await createCourse(testDb.db, org.id, { ...OPEN_NOW, capacity: 2, earlyPlaceLimit: 1 });
    for (let i = 0; i < 3; i++) {
      expect((await call('POST', `/api/v1/organizations/${org.slug}/courses/${course.slug}/applications`, { body: applicationBody(), headers: { 'idempotency-key': key() } })).status).toBe(202);
    }
    const availability = await read(await call('GET', `/api/v1/organizations/${org.slug}/courses/${course.slug}/availability`));
    expect(availability.body).toMatchObject({
      capacity: 2,
      taken: 2,
      placesLeft: 0,
      earlyPlacesLeft: 0,
      earlyRateOpen: false,
      waitlistLength: 1,
      registration: { state: 'open', deadline: '2099-12-31', timeZone: 'America/Los_Angeles' },
    });
  });

  test('unknown organization or course is a 404 problem', async () => {
    const org = await createOrganization(testDb.db);
    for (const path of [`/api/v1/organizations/nope-${org.slug}/courses`, `/api/v1/organizations/${org.slug}/courses/nope`, `/api/v1/organizations/${org.slug}/courses/nope/availability`, '/api/v1/nothing']) {
      const r = await read(await call('GET', path));
      expect(r.status, path).toBe(404);
      expect(r.type).toBe('application/problem+json');
      expect(r.body).toMatchObject({ status: 404, requestId: 'req-test-1' });
    }
    const post = await read(await call('POST', `/api/v1/organizations/${org.slug}/courses/nope/applications`, { body: applicationBody(), headers: { 'idempotency-key': key() } }));
    expect(post).toMatchObject({ status: 404, body: { code: 'COURSE_NOT_FOUND' } });
  });

  test('a course of another organization is not found through this one', async () => {
    const org = await createOrganization(testDb.db);
    const other = await createOrganization(testDb.db);
    const course = await createCourse(testDb.db, other.id, OPEN_NOW);
    expect((await call('GET', `/api/v1/organizations/${org.slug}/courses/${course.slug}`)).status).toBe(404);
    const post = await call('POST', `/api/v1/organizations/${org.slug}/courses/${course.slug}/applications`, { body: applicationBody(), headers: { 'idempotency-key': key() } });
    expect(post.status).toBe(404);
  });

  test('a wrong method is 405 with Allow', async () => {
    const r = await call('DELETE', '/api/v1/organizations/x/courses');
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('GET');
  });
});

describe('applying', () => {
  test('signed in: creates a registration (201), a repeat with the same key returns it (200), emails are delivered once, a second application is 409', async () => {
    const org = await createOrganization(testDb.db);
    const course = await createCourse(testDb.db, org.id, OPEN_NOW);
    const path = `/api/v1/organizations/${org.slug}/courses/${course.slug}/applications`;
    const { email, cookie } = await signedIn();
    const body = applicationBody({ email });
    const k = key();
    delivered = [];
    const first = await read(await call('POST', path, { body, headers: { 'idempotency-key': k, cookie } }));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'submitted', tier: 'early', amount: 90000, currency: 'USD', waitlistPosition: null, registrationUrl: `${BASE}/o/${org.slug}/registrations` });
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toHaveLength(1);

    const repeat = await read(await call('POST', path, { body, headers: { 'idempotency-key': k, cookie } }));
    expect(repeat.status).toBe(200);
    expect(repeat.body.id).toBe(first.body.id);
    expect(delivered.slice(1).flat()).toEqual([]);
    const rows = await testDb.db.select().from(registrations).where(eq(registrations.courseId, course.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.submissionKey.startsWith(`api:${k}`)).toBe(true);
    // A verified, signed-in applicant is confirmed at once (ADR 0047).
    expect(rows[0]!.addressConfirmedAt).not.toBeNull();

    // The signed-in owner with a new key: already applied, said plainly.
    const again = await read(await call('POST', path, { body, headers: { 'idempotency-key': key(), cookie } }));
    expect(again).toMatchObject({ status: 409, body: { code: 'ALREADY_APPLIED' } });
  });

  test('not signed in: 202 "confirmation_sent", the same status and body whether or not the address has applied; only the owner hears which (issue 9 item 9)', async () => {
    const org = await createOrganization(testDb.db);
    const course = await createCourse(testDb.db, org.id, OPEN_NOW);
    const path = `/api/v1/organizations/${org.slug}/courses/${course.slug}/applications`;
    const body = applicationBody();
    const k = key();
    const first = await call('POST', path, { body, headers: { 'idempotency-key': k } });
    const fresh = await call('POST', path, { body: applicationBody(), headers: { 'idempotency-key': key() } });
    const known = await call('POST', path, { body: { ...body, name: 'Someone Else' }, headers: { 'idempotency-key': key() } });
    const repeat = await call('POST', path, { body, headers: { 'idempotency-key': k } });
    const answers = await Promise.all([first, fresh, known, repeat].map(async (r) => ({ status: r.status, type: r.headers.get('content-type'), location: r.headers.get('location'), body: await r.text() })));
    expect(answers[0]).toEqual({ status: 202, type: 'application/json', location: null, body: JSON.stringify({ status: 'confirmation_sent', confirmWithinHours: 24 }) });
    for (const answer of answers.slice(1)) expect(answer).toEqual(answers[0]);

    const rows = await testDb.db.select().from(registrations).where(eq(registrations.courseId, course.id));
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.addressConfirmedAt === null && r.confirmBy !== null)).toBe(true);
    const mails = await testDb.db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, body.email));
    // The first application's link, then (the address applied again while unconfirmed) a new link; nothing to the caller.
    expect(mails.map((m) => m.kind)).toEqual(['registration.confirm', 'registration.confirm']);
    // The same key for someone else reveals nothing.
    const reused = await read(await call('POST', path, { body: applicationBody(), headers: { 'idempotency-key': k } }));
    expect(reused).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(JSON.stringify(reused.body)).not.toContain(body.email);
  });

  test('an applicant through the API is emailed a link that confirms the application and lets them choose a password (issue 9 item 12)', async () => {
    const org = await createOrganization(testDb.db);
    const course = await createCourse(testDb.db, org.id, OPEN_NOW);
    const body = applicationBody();
    expect((await call('POST', `/api/v1/organizations/${org.slug}/courses/${course.slug}/applications`, { body, headers: { 'idempotency-key': key() } })).status).toBe(202);
    const [mail] = await testDb.db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, body.email));
    expect(mail).toMatchObject({ kind: 'registration.confirm', credential: true });
    expect(mail!.text).toMatch(new RegExp(`${BASE}/o/${org.slug}/registrations/confirm/[A-Za-z0-9_-]{40,}`));
    expect(mail!.text).toContain('choose a password');
  });

  test('each client address may apply a limited number of times an hour: then 429 with Retry-After, form and API sharing the count', async () => {
    const org = await createOrganization(testDb.db);
    const course = await createCourse(testDb.db, org.id, OPEN_NOW);
    const path = `/api/v1/organizations/${org.slug}/courses/${course.slug}/applications`;
    const address = `198.51.100.${crypto.randomInt(1, 250)}`;
    const from = (addr: string) => handleApi(new Request(`${BASE}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key() }, body: JSON.stringify(applicationBody()) }), { ...services, clientAddress: addr });
    process.env[APPLICATIONS_PER_ADDRESS_ENV] = '3';
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await from(address)).status);
      expect(statuses).toEqual([202, 202, 202, 429, 429]);
      const limited = await from(address);
      expect(limited.headers.get('retry-after')).toBe('3600');
      expect(await read(limited)).toMatchObject({ status: 429, type: 'application/problem+json', body: { code: 'RATE_LIMITED' } });
      // Another address is not limited by this one.
      expect((await from('198.51.100.251')).status).toBe(202);
    } finally {
      process.env[APPLICATIONS_PER_ADDRESS_ENV] = '0';
    }
    expect(await testDb.db.select().from(registrations).where(eq(registrations.courseId, course.id))).toHaveLength(4);
  });

  test('waitlisted applicants (signed in) get their position', async () => {
    const org = await createOrganization(testDb.db);
    const course = await createCourse(testDb.db, org.id, { ...OPEN_NOW, capacity: 1 });
    const path = `/api/v1/organizations/${org.slug}/courses/${course.slug}/applications`;
    await call('POST', path, { body: applicationBody(), headers: { 'idempotency-key': key() } });
    const second = await read(await call('POST', path, { body: applicationBody(), headers: { 'idempotency-key': key(), cookie: (await signedIn()).cookie } }));
    const third = await read(await call('POST', path, { body: applicationBody(), headers: { 'idempotency-key': key(), cookie: (await signedIn()).cookie } }));
    expect(second.body).toMatchObject({ status: 'waitlisted', tier: 'regular', amount: 97500, waitlistPosition: 1 });
    expect(third.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
  });

  test('schema problems are 400 with per-field errors and messages; domain rule problems are 422', async () => {
    const org = await createOrganization(testDb.db);
    const course = await createCourse(testDb.db, org.id, OPEN_NOW);
    const path = `/api/v1/organizations/${org.slug}/courses/${course.slug}/applications`;
    const bad = await read(
      await call('POST', path, { body: { name: '', email: 'not-an-email', categoryKey: 'non_member', extra: 1, answers: { ...validAnswers(), discipline: 'x'.repeat(300) } }, headers: { 'idempotency-key': key() } }),
    );
    expect(bad.status).toBe(400);
    expect(bad.type).toBe('application/problem+json');
    expect(bad.body).toMatchObject({ code: 'INVALID_REQUEST', type: 'urn:balint-hub:problem:invalid-request', requestId: 'req-test-1' });
    expect(bad.body.errors).toMatchObject({
      name: { code: 'REQUIRED' },
      email: { code: 'INVALID_EMAIL', message: 'Enter a valid email address.' },
      extra: { code: 'UNKNOWN_FIELD' },
      'answers.discipline': { code: 'TOO_LONG' },
    });

    const rules = await read(
      await call('POST', path, {
        body: applicationBody({ answers: validAnswers({ commitsToAttendAll: false, attestations: {}, custom: { intensives_before: 'Many' } }) }),
        headers: { 'idempotency-key': key() },
      }),
    );
    expect(rules.status).toBe(422);
    expect(rules.body.code).toBe('INVALID_APPLICATION');
    expect(rules.body.errors).toEqual({
      'answers.commitsToAttendAll': { code: 'MUST_AGREE', message: 'Please confirm this to apply.' },
      'answers.attestations.covid_vaccination': { code: 'MUST_AGREE', message: 'Please confirm this to apply.' },
      'answers.custom.intensives_before': { code: 'INVALID_CHOICE', message: 'Choose one of the options.' },
    });

    const category = await read(await call('POST', path, { body: applicationBody({ categoryKey: 'royalty' }), headers: { 'idempotency-key': key() } }));
    expect(category).toMatchObject({ status: 422, body: { code: 'UNKNOWN_CATEGORY', errors: { categoryKey: { code: 'UNKNOWN_CATEGORY' } } } });
  });

  test('malformed JSON, a wrong media type and a missing Idempotency-Key are 4xx, never 500', async () => {
    const org = await createOrganization(testDb.db);
    const course = await createCourse(testDb.db, org.id, OPEN_NOW);
    const path = `/api/v1/organizations/${org.slug}/courses/${course.slug}/applications`;
    expect((await read(await call('POST', path, { raw: '{"name": ', headers: { 'idempotency-key': key() } }))).body.code).toBe('MALFORMED_JSON');
    expect((await call('POST', path, { raw: '[1,2]', headers: { 'idempotency-key': key() } })).status).toBe(400);
    expect((await call('POST', path, { raw: 'null', headers: { 'idempotency-key': key() } })).status).toBe(400);
    expect((await call('POST', path, { raw: 'name=x', headers: { 'idempotency-key': key(), 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(415);
    const noKey = await read(await call('POST', path, { body: applicationBody() }));
    expect(noKey).toMatchObject({ status: 400, body: { code: 'IDEMPOTENCY_KEY_REQUIRED', errors: { 'Idempotency-Key': { code: 'REQUIRED' } } } });
    expect((await call('POST', path, { body: applicationBody(), headers: { 'idempotency-key': 'short' } })).status).toBe(400);
    expect((await call('POST', path, { raw: JSON.stringify(applicationBody({ name: 'x'.repeat(70_000) })), headers: { 'idempotency-key': key() } })).status).toBe(413);
  });

  test('a closed registration is 409 REGISTRATION_CLOSED', async () => {
    const org = await createOrganization(testDb.db);
    const course = await createCourse(testDb.db, org.id, { ...OPEN_NOW, registrationDeadline: '2020-01-01' });
    const r = await read(await call('POST', `/api/v1/organizations/${org.slug}/courses/${course.slug}/applications`, { body: applicationBody(), headers: { 'idempotency-key': key() } }));
    expect(r).toMatchObject({ status: 409, body: { code: 'REGISTRATION_CLOSED' } });
  });
});

describe('staff endpoints', () => {
  test('list applications with filters and pagination; decide one', async () => {
    const org = await createOrganization(testDb.db);
    const course = await createCourse(testDb.db, org.id, { ...OPEN_NOW, capacity: 3 });
    const staff = await staffOf(org.id);
    const path = `/api/v1/organizations/${org.slug}/courses/${course.slug}/applications`;
    for (let i = 0; i < 5; i++) {
      const body = applicationBody({ categoryKey: i === 0 ? 'trainee' : 'non_member', answers: validAnswers({ trainingProgram: 'UW', traineeAttested: true }) });
      expect((await call('POST', path, { body, headers: { 'idempotency-key': key() } })).status).toBe(202);
    }
    const ids = await idsOf(course.id);

    const page1 = await read(await call('GET', `${path}?limit=2`, { headers: staff.auth }));
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((r: { id: string }) => r.id)).toEqual(ids.slice(0, 2));
    expect(page1.body.items[0].answers.discipline).toBe('Family medicine');
    const page2 = await read(await call('GET', `${path}?limit=2&cursor=${page1.body.nextCursor}`, { headers: staff.auth }));
    const page3 = await read(await call('GET', `${path}?limit=2&cursor=${page2.body.nextCursor}`, { headers: staff.auth }));
    expect([...page2.body.items, ...page3.body.items].map((r: { id: string }) => r.id)).toEqual(ids.slice(2));
    expect(page3.body.nextCursor).toBeNull();
    const waitlisted = await read(await call('GET', `${path}?status=waitlisted`, { headers: staff.auth }));
    expect(waitlisted.body.items.map((r: { waitlistPosition: number }) => r.waitlistPosition)).toEqual([1, 2]);
    const trainees = await read(await call('GET', `${path}?category=trainee`, { headers: staff.auth }));
    expect(trainees.body.items.map((r: { id: string }) => r.id)).toEqual([ids[0]]);
    expect((await call('GET', `${path}?status=lost`, { headers: staff.auth })).status).toBe(400);
    expect((await call('GET', `${path}?limit=2&cursor=garbage`, { headers: staff.auth })).status).toBe(400);

    const decisionPath = `/api/v1/organizations/${org.slug}/registrations/${ids[0]}/decision`;
    delivered = [];
    // Declining a place-holder offers the freed place to the first on the waitlist.
    const declined = await read(await call('POST', decisionPath, { body: { decision: 'decline', message: 'Not this year.' }, headers: staff.auth }));
    expect(declined).toMatchObject({ status: 200, body: { id: ids[0], status: 'declined', decisionMessage: 'Not this year.' } });
    expect(delivered.flat().length).toBeGreaterThanOrEqual(2);
    const accepted = await read(await call('POST', `/api/v1/organizations/${org.slug}/registrations/${ids[1]}/decision`, { body: { decision: 'accept' }, headers: staff.auth }));
    expect(accepted.body.status).toBe('accepted');
    const again = await read(await call('POST', decisionPath, { body: { decision: 'accept' }, headers: staff.auth }));
    expect(again).toMatchObject({ status: 409, body: { code: 'TRANSITION_NOT_ALLOWED' } });
    expect((await read(await call('POST', decisionPath, { body: { decision: 'maybe' }, headers: staff.auth }))).body.errors).toMatchObject({ decision: { code: 'INVALID_CHOICE' } });
    expect((await call('POST', `/api/v1/organizations/${org.slug}/registrations/not-a-uuid/decision`, { body: { decision: 'accept' }, headers: staff.auth })).status).toBe(404);
    const [row] = await testDb.db.select().from(apiTokens).where(eq(apiTokens.id, staff.tokenId));
    expect(row!.lastUsedAt).not.toBeNull();
    expect(row!.tokenHash).toBe(hashToken(staff.token));
    expect(row!.tokenHash).not.toContain(staff.token);
  });

  test('no token is 401; a token of another organization, a revoked token or a role without the permission are refused', async () => {
    const org = await createOrganization(testDb.db);
    const other = await createOrganization(testDb.db);
    const course = await createCourse(testDb.db, org.id, OPEN_NOW);
    const path = `/api/v1/organizations/${org.slug}/courses/${course.slug}/applications`;
    await call('POST', path, { body: applicationBody(), headers: { 'idempotency-key': key() } });
    const reg = { id: (await idsOf(course.id))[0]! };
    const decisionPath = `/api/v1/organizations/${org.slug}/registrations/${reg.id}/decision`;

    const none = await call('GET', path);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect((await call('GET', path, { headers: { authorization: 'Bearer bh_made-up' } })).status).toBe(401);

    const foreign = await staffOf(other.id);
    expect((await read(await call('GET', path, { headers: foreign.auth }))).body.code).toBe('FORBIDDEN');
    expect((await call('POST', decisionPath, { body: { decision: 'accept' }, headers: foreign.auth })).status).toBe(403);
    // Even through its own organization's path, another organization's registration is not found.
    const viaOwnOrg = await call('POST', `/api/v1/organizations/${other.slug}/registrations/${reg.id}/decision`, { body: { decision: 'accept' }, headers: foreign.auth });
    expect(viaOwnOrg.status).toBe(404);
    expect((await call('GET', `/api/v1/registrations/${reg.id}`, { headers: foreign.auth })).status).toBe(404);

    const faculty = await staffOf(org.id, 'faculty');
    expect((await call('GET', path, { headers: faculty.auth })).status).toBe(403);

    const director = await staffOf(org.id);
    expect((await call('GET', path, { headers: director.auth })).status).toBe(200);
    expect((await call('GET', `/api/v1/registrations/${reg.id}`, { headers: director.auth })).status).toBe(200);
    await revokeApiToken(testDb.db, director.tokenId);
    expect((await call('GET', path, { headers: director.auth })).status).toBe(401);

    const [still] = await testDb.db.select().from(registrations).where(and(eq(registrations.id, reg.id), eq(registrations.organizationId, org.id)));
    expect(still!.status).toBe('submitted');
  });
});

describe('own registration', () => {
  test('readable with the applicant’s session; not without one or with someone else’s', async () => {
    const org = await createOrganization(testDb.db);
    const course = await createCourse(testDb.db, org.id, OPEN_NOW);
    const signIn = async (email: string, password: string) => {
      const response = await services.auth.handler(
        new Request(`${BASE}/api/auth/sign-in/email`, { method: 'POST', headers: { 'content-type': 'application/json', origin: BASE }, body: JSON.stringify({ email, password }) }),
      );
      expect(response.status).toBe(200);
      return response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    };
    const email = `own-${crypto.randomBytes(4).toString('hex')}@example.org`;
    await createVerifiedAccount(testDb.db, { email, name: 'Own Applicant', password: 'own-password-123' }, systemActor);
    await call('POST', `/api/v1/organizations/${org.slug}/courses/${course.slug}/applications`, { body: applicationBody({ email }), headers: { 'idempotency-key': key() } });
    const reg = { id: (await idsOf(course.id))[0]! };

    const anonymous = await read(await call('GET', `/api/v1/registrations/${reg.id}`));
    expect(anonymous).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });

    const cookie = await signIn(email, 'own-password-123');
    const mine = await read(await call('GET', `/api/v1/registrations/${reg.id}`, { headers: { cookie } }));
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ id: reg.id, status: 'submitted', tier: 'early', amount: 90000, organization: org.slug, course: course.slug });
    expect(mine.body.answers).toBeUndefined();

    const otherEmail = `other-${crypto.randomBytes(4).toString('hex')}@example.org`;
    await createVerifiedAccount(testDb.db, { email: otherEmail, name: 'Other', password: 'other-password-123' }, systemActor);
    const otherCookie = await signIn(otherEmail, 'other-password-123');
    expect((await call('GET', `/api/v1/registrations/${reg.id}`, { headers: { cookie: otherCookie } })).status).toBe(404);
    expect((await call('GET', `/api/v1/registrations/not-a-uuid`, { headers: { cookie } })).status).toBe(404);
  });
});

describe('idempotency, NUL characters and body size (issue 9 item 8, issue 10 item 8)', () => {
  test('the same Idempotency-Key with a different body is a 422 IDEMPOTENCY_KEY_REUSED; the same body (any key order) replays the first answer', async () => {
    const org = await createOrganization(testDb.db);
    const course = await createCourse(testDb.db, org.id, OPEN_NOW);
    const path = `/api/v1/organizations/${org.slug}/courses/${course.slug}/applications`;
    // Signed in, so the answers carry the registration (a visitor's are all alike: ADR 0047).
    const email = `idem-${crypto.randomBytes(4).toString('hex')}@example.org`;
    await createVerifiedAccount(testDb.db, { email, name: 'Idem Potent', password: 'idem-password-123' }, systemActor);
    const signedIn = await services.auth.handler(
      new Request(`${BASE}/api/auth/sign-in/email`, { method: 'POST', headers: { 'content-type': 'application/json', origin: BASE }, body: JSON.stringify({ email, password: 'idem-password-123' }) }),
    );
    const cookie = signedIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const body = applicationBody({ email });
    const k = key();
    const first = await read(await call('POST', path, { body, headers: { 'idempotency-key': k, cookie } }));
    expect(first.status).toBe(201);

    // The same person, the same key, another answer: not the first request, and not silently its result.
    const changed = { ...body, answers: { ...body.answers, dietaryNeeds: 'vegetarian' } };
    const reused = await read(await call('POST', path, { body: changed, headers: { 'idempotency-key': k, cookie } }));
    expect(reused).toMatchObject({ status: 422, type: 'application/problem+json', body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    const otherCategory = await read(await call('POST', path, { body: { ...body, categoryKey: 'trainee' }, headers: { 'idempotency-key': k, cookie } }));
    expect(otherCategory).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    // Without the session too: the key is taken by another body.
    const anonymous = await read(await call('POST', path, { body: changed, headers: { 'idempotency-key': k } }));
    expect(anonymous).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });

    // The same JSON value written differently is the same request.
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(body).reverse()), null, 2);
    const replay = await call('POST', path, { raw: reordered, headers: { 'idempotency-key': k, cookie } });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(((await replay.json()) as { id: string }).id).toBe(first.body.id);

    const rows = await testDb.db.select().from(registrations).where(eq(registrations.courseId, course.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.answers.dietaryNeeds).toBe(body.answers.dietaryNeeds);
  });

  test('a NUL character in any string of the body is a 400 problem naming the field, and the error log holds no personal data', async () => {
    const org = await createOrganization(testDb.db);
    const course = await createCourse(testDb.db, org.id, OPEN_NOW);
    const path = `/api/v1/organizations/${org.slug}/courses/${course.slug}/applications`;
    const lines: string[] = [];
    const log = createLogger('debug', { write: (line: string) => void lines.push(line) });
    const canary = crypto.randomBytes(6).toString('hex');
    const cases: [Record<string, unknown>, string][] = [
      [applicationBody({ name: `Nul ${canary}\u0000Person`, email: `nul-${canary}@example.org` }), 'name'],
      [applicationBody({ email: `nul2-${canary}@example.org`, answers: validAnswers({ dietaryNeeds: `none\u0000${canary}` }) }), 'answers.dietaryNeeds'],
      [applicationBody({ email: `nul3-${canary}@example.org`, answers: validAnswers({ custom: { [`q\u0000${canary}`]: 'x' } }) }), 'answers.custom.q\\u0000' + canary],
    ];
    for (const [body, field] of cases) {
      const raw = JSON.stringify(body);
      expect(raw).toContain('\\u0000');
      const response = await handleApi(
        new Request(`${BASE}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key() }, body: raw }),
        { ...services, log },
      );
      const problem = await read(response);
      expect(problem).toMatchObject({ status: 400, type: 'application/problem+json', body: { code: 'INVALID_REQUEST' } });
      expect(Object.keys(problem.body.errors)).toEqual([field]);
    }
    expect(await testDb.db.select().from(registrations).where(eq(registrations.courseId, course.id))).toHaveLength(0);
    expect(lines.join('\n')).not.toContain(canary);
  });

  test('a chunked JSON body over 64 KiB is refused with 413 without reading the rest of it', async () => {
    const org = await createOrganization(testDb.db);
    const course = await createCourse(testDb.db, org.id, OPEN_NOW);
    const path = `/api/v1/organizations/${org.slug}/courses/${course.slug}/applications`;
    let pulled = 0;
    const total = 50 * 1024 * 1024;
    const chunk = new TextEncoder().encode(' '.repeat(16 * 1024));
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= total) return controller.close();
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const request = new Request(`${BASE}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key() }, body: stream, duplex: 'half' } as RequestInit);
    const response = await handleApi(request, services);
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(1024 * 1024);
  });
});
