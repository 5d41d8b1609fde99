// The JSON API's request bodies through handleApi (submitApplication): idempotency keys,
// NUL characters and the body size limit.
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { registrations } from '#db/schema/registration.ts';
import { createVerifiedAccount } from '#domain/accounts/create-account.server.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { createLogger } from '#lib/log.server.ts';
import { BASE, OPEN_NOW, useApiHarness } from '../../tests/helpers/api-harness.ts';
import { createCourse, createOrganization, validAnswers } from '../../tests/helpers/fixtures.ts';
import { handleApi } from './handle-api.server.ts';

const api = useApiHarness();
const { testDb, call, read, applicationBody, key } = api;

describe('idempotency, NUL characters and body size (issue 9 item 8, issue 10 item 8)', () => {
  test('the same Idempotency-Key with a different body is a 422 IDEMPOTENCY_KEY_REUSED; the same body (any key order) replays the first answer', async () => {
    const org = await createOrganization(testDb.db);
    const course = await createCourse(testDb.db, org.id, OPEN_NOW);
    const path = `/api/v1/organizations/${org.slug}/courses/${course.slug}/applications`;
    // Signed in, so the answers carry the registration (a visitor's are all alike: ADR 0047).
    const email = `idem-${crypto.randomBytes(4).toString('hex')}@example.org`;
    await createVerifiedAccount(testDb.db, { email, name: 'Idem Potent', password: 'idem-password-123' }, systemActor);
    const signedIn = await api.services.auth.handler(
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
        { ...api.services, log },
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
    const response = await handleApi(request, api.services);
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(1024 * 1024);
  });
});
