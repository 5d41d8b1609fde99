// "Pay now" is one decision: the application's done page and "My registrations" agree, before
// and after the director's decision, under either payment timing, and keep the terms the person
// applied under when the course changes them later.
import { eq } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { courses } from '#db/schema/courses.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { application, createCourse, createOrganization, DURING_REGISTRATION } from '../../tests/helpers/fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { getOwnApplication } from './application-done.server.ts';
import { decideApplication } from './decide-application.server.ts';
import { findMyRegistrations } from './find-my-registrations.server.ts';
import { placeRegistration } from './place-registration.server.ts';

const testDb = useTestDatabase();
const context = { publicUrl: 'http://hub.test', now: DURING_REGISTRATION };

async function applied(paymentTiming: 'at_application' | 'after_acceptance') {
  const org = await createOrganization(testDb.db);
  const course = await createCourse(testDb.db, org.id, { paymentTiming, requiresApproval: true });
  const { registration } = await placeRegistration(testDb.db, application(org.id, course.id), systemActor, context);
  const both = async () => {
    const done = await getOwnApplication(testDb.db, { organizationId: org.id, courseId: course.id, userId: registration.userId, registrationId: registration.id });
    const [mine] = await findMyRegistrations(testDb.db, org.id, registration.userId, DURING_REGISTRATION);
    return { done: done!.payNow, mine: mine!.canPay };
  };
  return { org, course, registration, both };
}

test('paying with the application: both pages offer it at once, and after acceptance', async () => {
  const { org, registration, both } = await applied('at_application');
  expect(await both()).toEqual({ done: true, mine: true });
  await decideApplication(testDb.db, { organizationId: org.id, registrationId: registration.id, decision: 'accept' }, systemActor, context);
  expect(await both()).toEqual({ done: true, mine: true });
});

test('paying after acceptance: neither page asks before the decision, both after it; neither after a decline', async () => {
  const first = await applied('after_acceptance');
  expect(await first.both()).toEqual({ done: false, mine: false });
  await decideApplication(testDb.db, { organizationId: first.org.id, registrationId: first.registration.id, decision: 'accept' }, systemActor, context);
  expect(await first.both()).toEqual({ done: true, mine: true });
  const second = await applied('after_acceptance');
  await decideApplication(testDb.db, { organizationId: second.org.id, registrationId: second.registration.id, decision: 'decline' }, systemActor, context);
  expect(await second.both()).toEqual({ done: false, mine: false });
});

test('a later change of the course’s payment timing does not change the terms applied under', async () => {
  const { course, both } = await applied('after_acceptance');
  await testDb.db.update(courses).set({ paymentTiming: 'at_application' }).where(eq(courses.id, course.id));
  expect(await both()).toEqual({ done: false, mine: false });
});
