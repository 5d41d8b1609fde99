// The JSON API's getRegistration through handleApi: one's own registration with a session.
import crypto from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { createVerifiedAccount } from '#domain/accounts/create-account.server.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { BASE, OPEN_NOW, useApiHarness } from '../../tests/helpers/api-harness.ts';
import { createCourse, createOrganization } from '../../tests/helpers/fixtures.ts';

const api = useApiHarness();
const { testDb, call, read, applicationBody, key, idsOf } = api;

describe('own registration', () => {
  test('readable with the applicant’s session; not without one or with someone else’s', async () => {
    const org = await createOrganization(testDb.db);
    const course = await createCourse(testDb.db, org.id, OPEN_NOW);
    const signIn = async (email: string, password: string) => {
      const response = await api.services.auth.handler(
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
