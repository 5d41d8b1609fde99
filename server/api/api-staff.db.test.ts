// The JSON API's staff endpoints (listApplications, decideApplication) through handleApi, on a
// real database: filters, pagination, decisions, and who a token lets in.
import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { apiTokens, registrations } from '#db/schema/registration.ts';
import { revokeApiToken } from '#domain/api-tokens/revoke-api-token.server.ts';
import { hashToken } from '#domain/api-tokens/token.server.ts';
import { OPEN_NOW, useApiHarness } from '../../tests/helpers/api-harness.ts';
import { createCourse, createOrganization, validAnswers } from '../../tests/helpers/fixtures.ts';

const api = useApiHarness();
const { testDb, call, read, applicationBody, key, staffOf, idsOf } = api;

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
    api.delivered = [];
    // Declining a place-holder offers the freed place to the first on the waitlist.
    const declined = await read(await call('POST', decisionPath, { body: { decision: 'decline', message: 'Not this year.' }, headers: staff.auth }));
    expect(declined).toMatchObject({ status: 200, body: { id: ids[0], status: 'declined', decisionMessage: 'Not this year.' } });
    expect(api.delivered.flat().length).toBeGreaterThanOrEqual(2);
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
