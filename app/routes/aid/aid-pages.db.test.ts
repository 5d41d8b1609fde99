// The financial-aid pages' own permission rules, called as React Router calls them: the
// applicant page is only the person's own registration's; the application page only the
// organization's committee's, and every view of it is audited without the content.
import crypto from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { assignRole, createVerifiedAccount } from '#domain/accounts/create-account.server.ts';
import { applyForAid } from '#domain/aid/apply-for-aid.server.ts';
import type { AidContent } from '#domain/aid/program.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { placeRegistration } from '#domain/registration/place-registration.server.ts';
import { application, createCourse, createOrganization, DURING_REGISTRATION } from '../../../tests/helpers/fixtures.ts';
import { routeHarness, thrownStatus } from '../../../tests/helpers/route-harness.ts';
import { useTestDatabase } from '../../../tests/helpers/test-database.ts';
import { loader as applicationLoader } from './application.tsx';
import { loader as applyLoader } from './apply.tsx';

const testDb = useTestDatabase();
const KEY = crypto.randomBytes(32);
const BASE = 'http://localhost:3998';
const harness = routeHarness(testDb, { baseUrl: BASE, encryptionKey: KEY });
const STATEMENT = 'My clinic serves a rural county — unique-phrase-route-9c2e.';
const CONTENT: AidContent = { statement: STATEMENT, groups: ['socioeconomic'], selfDescribed: '', preferNotToSay: false };

async function setup() {
  const org = await createOrganization(testDb.db);
  const course = await createCourse(testDb.db, org.id, { financialAidDeadline: '2025-02-25', financialAidAwards: 4, financialAidMaxMinor: 50_000 });
  return { org, course };
}

async function register(orgId: string, courseId: string) {
  return (await placeRegistration(testDb.db, application(orgId, courseId), systemActor, { publicUrl: BASE, now: DURING_REGISTRATION })).registration;
}

async function apply(orgId: string, registration: { id: string; userId: string }) {
  return applyForAid(
    testDb.db,
    { organizationId: orgId, registrationId: registration.id, userId: registration.userId, requestedMinor: 40_000, content: CONTENT },
    { userId: registration.userId },
    { keys: KEY, publicUrl: BASE, now: DURING_REGISTRATION },
  );
}

async function member(orgId: string, role: 'financial_aid_committee' | 'admin' | 'course_director' | 'treasurer') {
  const email = `${role}-${crypto.randomBytes(4).toString('hex')}@example.org`;
  const password = 'member-password-123';
  const { userId } = await createVerifiedAccount(testDb.db, { email, name: `A ${role}`, password }, systemActor);
  await assignRole(testDb.db, { organizationId: orgId, userId, role }, systemActor);
  return { userId, email, password };
}

describe('the applicant page', () => {
  test('the applicant page shows only the person’s own registration', async () => {
    const { org, course } = await setup();
    const registration = await register(org.id, course.id);
    const stranger = await member(org.id, 'treasurer');
    const request = await harness.signedInRequest(`${BASE}/o/${org.slug}/registrations/${registration.id}/financial-aid`, stranger);
    const status = await thrownStatus(() => applyLoader({ request, context: harness.routeContext(), params: { org: org.slug, registrationId: registration.id } } as never));
    expect(status).toBe(404);
  });
});

describe('the application page', () => {
  test('admins and directors are refused the application page; a committee member’s view is audited without the content', async () => {
    const { org, course } = await setup();
    const { application: made } = await apply(org.id, await register(org.id, course.id));
    const url = `${BASE}/o/${org.slug}/admin/financial-aid/${course.id}/applications/${made.id}`;
    const params = { org: org.slug, courseId: course.id, applicationId: made.id };
    const load = async (who: { email: string; password: string }) => applicationLoader({ request: await harness.signedInRequest(url, who), context: harness.routeContext(), params } as never);

    for (const role of ['admin', 'course_director', 'treasurer'] as const) {
      const staff = await member(org.id, role);
      expect(await thrownStatus(() => load(staff)), role).toBe(403);
    }
    // A committee member of another organization is refused too.
    const elsewhere = await member((await createOrganization(testDb.db)).id, 'financial_aid_committee');
    expect(await thrownStatus(() => load(elsewhere))).toBe(403);
    // The audit trail read as a checker would, in SQL.
    const viewsBefore = (await testDb.pool.query(`select organization_id, actor_user_id, entity_type, before, after from audit_events where action = 'aid_application.viewed' and entity_id = $1`, [made.id])).rows;
    expect(viewsBefore).toEqual([]);

    const committee = await member(org.id, 'financial_aid_committee');
    const page = (await load(committee)) as { content: AidContent; applicant: { name: string } };
    expect(page.content.statement).toBe(STATEMENT);
    const views = (await testDb.pool.query(`select organization_id, actor_user_id, entity_type, before, after from audit_events where action = 'aid_application.viewed' and entity_id = $1`, [made.id])).rows;
    expect(views).toHaveLength(1);
    expect(views[0]).toEqual({ organization_id: org.id, actor_user_id: committee.userId, entity_type: 'aid_application', before: null, after: null });
  });
});
