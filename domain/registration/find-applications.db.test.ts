import { describe, expect, test } from 'vitest';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { application, createCourse, createOrganization, DURING_REGISTRATION, validAnswers } from '../../tests/helpers/fixtures.ts';
import { decideApplication } from './decide-application.server.ts';
import { getCourseDashboard } from './dashboard.server.ts';
import { applicationFiltersFrom, findApplications, getApplication } from './find-applications.server.ts';
import { placeRegistration } from './place-registration.server.ts';

const testDb = useTestDatabase();
const context = { publicUrl: 'http://localhost:3000', now: DURING_REGISTRATION };

async function setup() {
  const org = await createOrganization(testDb.db);
  const course = await createCourse(testDb.db, org.id, { capacity: 3, earlyPlaceLimit: 2 });
  const apply = async (extra: Record<string, unknown> = {}) => (await placeRegistration(testDb.db, application(org.id, course.id, extra), systemActor, context)).registration;
  return { org, course, apply };
}

describe('findApplications', () => {
  test('filters by status, category, membership check and name or email, in submission order', async () => {
    const { org, course, apply } = await setup();
    const ann = await apply({ name: 'Ann Smith', email: 'ann@example.org' });
    const bob = await apply({ name: 'Bob Jones', categoryKey: 'member' });
    const cy = await apply({ name: 'Cy 100%_match', categoryKey: 'trainee', answers: validAnswers({ trainingProgram: 'Residency', traineeAttested: true }) });
    await decideApplication(testDb.db, { organizationId: org.id, registrationId: bob.id, decision: 'accept' }, systemActor, context);
    const find = (filters: Parameters<typeof findApplications>[1] extends infer F ? Partial<F> : never) =>
      findApplications(testDb.db, { organizationId: org.id, courseId: course.id, ...filters }).then((rows) => rows.map((r) => r.name));
    expect(await find({})).toEqual(['Ann Smith', 'Bob Jones', 'Cy 100%_match']);
    expect(await find({ status: 'accepted' })).toEqual(['Bob Jones']);
    expect(await find({ categoryKey: 'trainee' })).toEqual(['Cy 100%_match']);
    expect(await find({ membershipCheck: 'to_verify' })).toEqual(['Bob Jones']);
    expect(await find({ q: 'ANN@' })).toEqual(['Ann Smith']);
    expect(await find({ q: '%' })).toEqual(['Cy 100%_match']);
    // What a row carries for the review page: the id it links to, its category and its state.
    const rows = await findApplications(testDb.db, { organizationId: org.id, courseId: course.id });
    expect(rows.map((r) => [r.id, r.status])).toEqual([
      [ann.id, 'submitted'],
      [bob.id, 'accepted'],
      [cy.id, 'submitted'],
    ]);
  });

  test("another organization's application is not found", async () => {
    const { course, apply } = await setup();
    const other = await createOrganization(testDb.db);
    const mine = await apply();
    expect(await findApplications(testDb.db, { organizationId: other.id, courseId: course.id })).toEqual([]);
    await expect(getApplication(testDb.db, { organizationId: other.id, courseId: course.id, registrationId: mine.id })).rejects.toThrow(DomainError);
  });

  test('query-string filters ignore unknown values', () => {
    expect(applicationFiltersFrom(new URLSearchParams('status=bogus&membership=to_verify&category=member&q=%20ann%20'))).toEqual({
      status: undefined,
      membershipCheck: 'to_verify',
      categoryKey: 'member',
      q: 'ann',
    });
  });
});

describe('getCourseDashboard', () => {
  test('counts by status and category, early places left and a cumulative series by local day', async () => {
    const { org, course, apply } = await setup();
    const first = await apply();
    await apply({ categoryKey: 'member' });
    await apply();
    await apply(); // the fourth goes to the waitlist (capacity 3)
    await decideApplication(testDb.db, { organizationId: org.id, registrationId: first.id, decision: 'decline' }, systemActor, context);
    const dashboard = await getCourseDashboard(testDb.db, org.id, course.id, DURING_REGISTRATION);
    expect(dashboard.total).toBe(4);
    expect(dashboard.byStatus).toMatchObject({ declined: 1, submitted: 2, offered: 1, waitlisted: 0 });
    expect(dashboard.byCategory.find((c) => c.key === 'non_member')?.active).toBe(2);
    expect(dashboard.byCategory.find((c) => c.key === 'member')?.active).toBe(1);
    expect(dashboard.availability).toMatchObject({ capacity: 3, earlyPlaceLimit: 2 });
    expect(dashboard.series.at(-1)?.cumulative).toBe(4);
    expect(dashboard.series.every((p) => /^\d{4}-\d{2}-\d{2}$/.test(p.day))).toBe(true);
  });
});
