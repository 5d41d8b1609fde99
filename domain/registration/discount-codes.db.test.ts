import { eq } from 'drizzle-orm';
import { registrations } from '#db/schema/registration.ts';
import { describe, expect, test } from 'vitest';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { application, createCourse, createOrganization, DURING_REGISTRATION } from '../../tests/helpers/fixtures.ts';
import { decideApplication } from './decide-application.server.ts';
import { disableDiscountCode, findDiscountCodes, issueDiscountCode } from './discount-codes.server.ts';
import { placeRegistration } from './place-registration.server.ts';

const testDb = useTestDatabase();
const context = { publicUrl: 'http://localhost:3000', now: DURING_REGISTRATION };

describe('discount codes', () => {
  test('issued normalized, uses count active registrations, disabling stops new uses', async () => {
    const org = await createOrganization(testDb.db);
    const course = await createCourse(testDb.db, org.id);
    const code = await issueDiscountCode(
      testDb.db,
      { organizationId: org.id, courseId: course.id, code: ' ibf 2025 ', kind: 'percent', amount: 20, maxUses: 5, expiresOn: null, categoryKeys: [], note: 'Other societies' },
      systemActor,
    );
    expect(code.code).toBe('IBF2025');
    await expect(
      issueDiscountCode(testDb.db, { organizationId: org.id, courseId: course.id, code: 'ibf2025', kind: 'fixed', amount: 100, maxUses: null, expiresOn: null, categoryKeys: [], note: '' }, systemActor),
    ).rejects.toMatchObject({ code: 'DISCOUNT_CODE_TAKEN' });
    const apply = async () => (await placeRegistration(testDb.db, application(org.id, course.id, { discountCode: 'ibf2025' }), systemActor, context)).registration;
    const first = await apply();
    await apply();
    expect(first.discountMinor).toBe(18000);
    await decideApplication(testDb.db, { organizationId: org.id, registrationId: first.id, decision: 'decline' }, systemActor, context);
    expect((await findDiscountCodes(testDb.db, org.id, course.id))[0]!.uses).toBe(1);
    const other = await createOrganization(testDb.db);
    await expect(disableDiscountCode(testDb.db, { organizationId: other.id, courseId: course.id, codeId: code.id }, systemActor)).rejects.toMatchObject({ code: 'COURSE_NOT_FOUND' });
    const disabled = await disableDiscountCode(testDb.db, { organizationId: org.id, courseId: course.id, codeId: code.id }, systemActor);
    expect(disabled.disabledAt).not.toBeNull();
    expect(disabled.maxUses).toBe(code.maxUses); // disabling is not the same as using up
    await expect(apply()).rejects.toMatchObject({ code: 'DISCOUNT_CODE_UNKNOWN' });
    // Those who used it keep their discount.
    const [kept] = await testDb.db.select().from(registrations).where(eq(registrations.discountCodeId, code.id));
    expect(kept?.discountMinor).toBe(18000);
  });
});
