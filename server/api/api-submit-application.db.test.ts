// The JSON API's submitApplication through handleApi, on a real database with real auth:
// signed in and not, emails, the per-address limit, the waitlist, schema and rule problems.
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { registrations } from '#db/schema/registration.ts';
import { outboxMessages } from '#db/schema/email.ts';
import { APPLICATIONS_PER_ADDRESS_ENV } from '#domain/registration/apply-throttle.server.ts';
import { BASE, OPEN_NOW, useApiHarness } from '../../tests/helpers/api-harness.ts';
import { createCourse, createOrganization, validAnswers } from '../../tests/helpers/fixtures.ts';
import { handleApi } from './handle-api.server.ts';

const api = useApiHarness();
const { testDb, call, read, applicationBody, key, signedIn } = api;

describe('applying', () => {
  test('signed in: creates a registration (201), a repeat with the same key returns it (200), emails are api.delivered once, a second application is 409', async () => {
    const org = await createOrganization(testDb.db);
    const course = await createCourse(testDb.db, org.id, OPEN_NOW);
    const path = `/api/v1/organizations/${org.slug}/courses/${course.slug}/applications`;
    const { email, cookie } = await signedIn();
    const body = applicationBody({ email });
    const k = key();
    api.delivered = [];
    const first = await read(await call('POST', path, { body, headers: { 'idempotency-key': k, cookie } }));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'submitted', tier: 'early', amount: 90000, currency: 'USD', waitlistPosition: null, registrationUrl: `${BASE}/o/${org.slug}/registrations` });
    expect(api.delivered).toHaveLength(1);
    expect(api.delivered[0]).toHaveLength(1);

    const repeat = await read(await call('POST', path, { body, headers: { 'idempotency-key': k, cookie } }));
    expect(repeat.status).toBe(200);
    expect(repeat.body.id).toBe(first.body.id);
    expect(api.delivered.slice(1).flat()).toEqual([]);
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
    const from = (addr: string) => handleApi(new Request(`${BASE}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key() }, body: JSON.stringify(applicationBody()) }), { ...api.services, clientAddress: addr });
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
