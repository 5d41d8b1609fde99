// Money settings are audited with before and after; a course's new policy leaves existing
// registrations' snapshots alone.
import { and, eq } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { auditEvents } from '#db/schema/audit.ts';
import { courses } from '#db/schema/courses.ts';
import { organizations } from '#db/schema/organizations.ts';
import { registrations } from '#db/schema/registration.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { placeRegistration } from '#domain/registration/place-registration.server.ts';
import { application, createCourse, createOrganization, DURING_REGISTRATION } from '../../tests/helpers/fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { updateCourseMoneyPolicy, updateOrganizationMoneySettings } from './settings.server.ts';

const testDb = useTestDatabase();

test('organization money settings are saved and audited', async () => {
  const org = await createOrganization(testDb.db);
  const settings = { postalAddress: 'PO Box 1, Spokane', paymentInstructions: 'Checks to ABS', invoiceDueDays: 21, giftReceiptStatement: '501(c)(3)' };
  await updateOrganizationMoneySettings(testDb.db, org.id, settings, systemActor);
  const [after] = await testDb.db.select().from(organizations).where(eq(organizations.id, org.id));
  expect(after).toMatchObject(settings);
  const [audit] = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, org.id), eq(auditEvents.action, 'organization.money_settings_changed')));
  expect(audit).toMatchObject({ before: { invoiceDueDays: 14, postalAddress: '' }, after: settings });
});

test('a course policy change is audited and applies to later registrations only', async () => {
  const org = await createOrganization(testDb.db);
  const course = await createCourse(testDb.db, org.id);
  const context = { publicUrl: 'http://localhost:3000', now: DURING_REGISTRATION };
  const { registration: before } = await placeRegistration(testDb.db, application(org.id, course.id), systemActor, context);
  const policy = { paymentTiming: 'after_acceptance' as const, paymentHoldHours: 72, cancellationDeadline: '2025-03-01', cancellationFeeMinor: 5000, refundWithinDays: 14 };
  await updateCourseMoneyPolicy(testDb.db, org.id, course.id, policy, systemActor);
  const [saved] = await testDb.db.select().from(courses).where(eq(courses.id, course.id));
  expect(saved).toMatchObject(policy);
  const [audit] = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, course.id), eq(auditEvents.action, 'course.money_policy_changed')));
  expect(audit).toMatchObject({ before: { cancellationFeeMinor: 10000, cancellationDeadline: '2025-03-12' }, after: policy });

  const [unchanged] = await testDb.db.select().from(registrations).where(eq(registrations.id, before.id));
  expect(unchanged!.policy).toMatchObject({ cancellationFeeMinor: 10000, cancellationDeadline: '2025-03-12', refundWithinDays: 30 });
  const { registration: later } = await placeRegistration(testDb.db, application(org.id, course.id), systemActor, context);
  expect(later.policy).toMatchObject({ cancellationFeeMinor: 5000, cancellationDeadline: '2025-03-01', refundWithinDays: 14, paymentTiming: 'after_acceptance' });

  // Another organization's course cannot be changed through this one.
  const other = await createOrganization(testDb.db);
  await expect(updateCourseMoneyPolicy(testDb.db, other.id, course.id, policy, systemActor)).rejects.toMatchObject({ code: 'COURSE_NOT_FOUND' });
});
