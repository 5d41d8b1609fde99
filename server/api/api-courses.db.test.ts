// The JSON API's public course endpoints (listCourses, getCourse, getAvailability) through
// handleApi, on a real database; unknown paths and methods.
import { describe, expect, test } from 'vitest';
import { OPEN_NOW, useApiHarness } from '../../tests/helpers/api-harness.ts';
import { createCourse, createOrganization } from '../../tests/helpers/fixtures.ts';

const api = useApiHarness();
const { testDb, call, read, applicationBody, key } = api;

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
