// Paths across capabilities where the ledger, the stored cancellation outcome and the refund
// tracker must agree — each found in review, each ending with a clean reconcile report.
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { aidApplications } from '#db/schema/aid.ts';
import { ledgerEntries, refunds } from '#db/schema/money.ts';
import { organizations } from '#db/schema/organizations.ts';
import { registrations } from '#db/schema/registration.ts';
import { applyForAid } from '#domain/aid/apply-for-aid.server.ts';
import { decideAidApplication } from '#domain/aid/decide-application.server.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { summarize } from '#domain/money/account.ts';
import { reconcile } from '#domain/billing/reconcile.server.ts';
import { recordRegistrationPayment } from '#domain/billing/record-registration-payment.server.ts';
import { createCheckout } from '#domain/payments/create-checkout.server.ts';
import { cancelRegistration } from '#domain/refunds/cancel-registration.server.ts';
import { overrideCancellation } from '#domain/refunds/override-cancellation.server.ts';
import { changeCategory } from '#domain/registration/change-category.server.ts';
import { decideApplication } from '#domain/registration/decide-application.server.ts';
import { expireOffers } from '#domain/registration/lapse-holds.server.ts';
import type { Registration } from '#domain/registration/place-registration.server.ts';
import { createCourse, DURING_REGISTRATION } from '../../tests/helpers/fixtures.ts';
import { payRegistration, setupCourse } from '../../tests/helpers/money-fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { registrationAccount } from './read-account.server.ts';

const testDb = useTestDatabase();
const publicUrl = 'http://localhost:3000';
const staff = { userId: null, requestId: 'test' };
const BEFORE_DEADLINE = new Date('2025-03-01T20:00:00Z');
const AFTER_DEADLINE = new Date('2025-03-20T20:00:00Z');
const AID = { financialAidDeadline: '2025-02-25', financialAidAwards: 4, financialAidMaxMinor: 95_000, financialAidStatement: 'Eligibility' };

const setup = (overrides: Parameters<typeof createCourse>[2] = {}) => setupCourse(testDb.db, overrides, { publicUrl });

const pay = (registration: Registration, amountMinor: number) => payRegistration(testDb.db, registration, amountMinor, { reference: 'check 7' });

async function award(orgId: string, reg: Registration, amountMinor: number) {
  const { application: aid } = await applyForAid(
    testDb.db,
    { organizationId: orgId, registrationId: reg.id, userId: reg.userId, requestedMinor: amountMinor, content: { statement: 'A hardship.', groups: [], selfDescribed: '', preferNotToSay: false } },
    { userId: reg.userId },
    { keys: crypto.randomBytes(32), publicUrl, now: DURING_REGISTRATION },
  );
  await decideAidApplication(testDb.db, { organizationId: orgId, applicationId: aid.id, decision: 'award', amountMinor }, staff, { publicUrl, now: DURING_REGISTRATION });
}

const openRefundsMinor = async (id: string) =>
  (await testDb.db.select().from(refunds).where(eq(refunds.registrationId, id))).filter((r) => ['due', 'processing', 'failed'].includes(r.status)).reduce((sum, r) => sum + r.amountMinor, 0);

describe('the ledger, the outcome and the tracker agree', () => {
  test('a category change after an aid award keeps the award', async () => {
    const { org, apply } = await setup(AID);
    const reg = await apply();
    await award(org.id, reg, 50_000);
    await changeCategory(testDb.db, { organizationId: org.id, registrationId: reg.id, categoryKey: reg.categoryKey, reason: 'typo, same category' }, staff, { publicUrl, now: DURING_REGISTRATION });
    expect(await registrationAccount(testDb.db, reg.id)).toMatchObject({ aidMinor: -50_000, dueMinor: 40_000 });
    await changeCategory(testDb.db, { organizationId: org.id, registrationId: reg.id, categoryKey: 'trainee', reason: 'resident' }, staff, { publicUrl, now: DURING_REGISTRATION });
    expect((await registrationAccount(testDb.db, reg.id)).dueMinor).toBe(64_000 - 50_000);
    expect(await reconcile(testDb.db, org.id)).toEqual([]);
  });

  test('a registration that ends frees its aid award for another applicant', async () => {
    const { org, apply } = await setup({ ...AID, financialAidAwards: 1 });
    const first = await apply();
    await award(org.id, first, 50_000);
    const second = await apply();
    await expect(award(org.id, second, 50_000)).rejects.toMatchObject({ code: expect.stringMatching(/^AID_/) });
    await decideApplication(testDb.db, { organizationId: org.id, registrationId: first.id, decision: 'decline' }, staff, { publicUrl, now: DURING_REGISTRATION });
    const [ended] = await testDb.db.select().from(aidApplications).where(eq(aidApplications.registrationId, first.id));
    expect(ended).toMatchObject({ status: 'withdrawn', awardedMinor: 50_000 });
    expect((await registrationAccount(testDb.db, first.id)).balanceMinor).toBe(0);
    const [pending] = await testDb.db.select().from(aidApplications).where(eq(aidApplications.registrationId, second.id));
    await decideAidApplication(testDb.db, { organizationId: org.id, applicationId: pending!.id, decision: 'award', amountMinor: 50_000 }, staff, { publicUrl, now: DURING_REGISTRATION });
    expect((await registrationAccount(testDb.db, second.id)).aidMinor).toBe(-50_000);
    expect(await reconcile(testDb.db, org.id)).toEqual([]);
  });

  test('paid in full, then aid: a cancellation keeps at most what is still owed, and says so', async () => {
    const { org, apply } = await setup(AID);
    const reg = await apply();
    await pay(reg, 90_000);
    await award(org.id, reg, 85_000); // $850 comes back as aid; $50 is all the place still costs
    const { cancellation } = await cancelRegistration(testDb.db, { organizationId: org.id, registrationId: reg.id, channel: 'online', userId: reg.userId }, { userId: reg.userId }, { publicUrl, now: BEFORE_DEADLINE });
    expect(cancellation.outcome).toMatchObject({ rule: 'before_deadline', paidMinor: 90_000, retainedMinor: 5_000, refundMinor: 85_000 });
    const account = await registrationAccount(testDb.db, reg.id);
    expect(account.feeRetainedMinor).toBe(5_000);
    expect(await openRefundsMinor(reg.id)).toBe(85_000);
    expect(account.balanceMinor).toBe(-85_000);
    expect(await reconcile(testDb.db, org.id)).toEqual([]);
  });

  test('an overpaid registration cancelled after the deadline, then overridden to refund everything: money paid comes back once', async () => {
    const { org, apply } = await setup();
    const reg = await apply();
    await pay(reg, 120_000); // $300 over the $900 price: an overpayment refund is due
    const { cancellation } = await cancelRegistration(testDb.db, { organizationId: org.id, registrationId: reg.id, channel: 'online', userId: reg.userId }, { userId: reg.userId }, { publicUrl, now: AFTER_DEADLINE });
    expect(cancellation.outcome).toMatchObject({ rule: 'after_deadline', retainedMinor: 90_000, refundMinor: 30_000 });
    expect(await openRefundsMinor(reg.id)).toBe(30_000);
    await overrideCancellation(testDb.db, { organizationId: org.id, registrationId: reg.id, refundMinor: 120_000, reason: 'hardship: refund all' }, staff, { publicUrl, now: AFTER_DEADLINE });
    const account = await registrationAccount(testDb.db, reg.id);
    expect(account.balanceMinor).toBe(-120_000);
    expect(await openRefundsMinor(reg.id)).toBe(120_000);
    expect(await reconcile(testDb.db, org.id)).toEqual([]);
  });

  test('a lapsed offer that was paid is refunded; the waitlist holds no money', async () => {
    const { org, apply } = await setup({ capacity: 1, offerHoldHours: 1 });
    const first = await apply();
    const second = await apply();
    await apply(); // next in line after the lapse
    await decideApplication(testDb.db, { organizationId: org.id, registrationId: first.id, decision: 'decline' }, staff, { publicUrl, now: DURING_REGISTRATION });
    const [offered] = await testDb.db.select().from(registrations).where(eq(registrations.id, second.id));
    await pay(offered!, offered!.amountMinor);
    await expireOffers(testDb.db, systemActor, { publicUrl, now: new Date(DURING_REGISTRATION.getTime() + 2 * 3_600_000) });
    const [lapsed] = await testDb.db.select().from(registrations).where(eq(registrations.id, second.id));
    expect(lapsed!.status).toBe('waitlisted');
    expect(await openRefundsMinor(second.id)).toBe(offered!.amountMinor);
    expect(await reconcile(testDb.db, org.id)).toEqual([]);
  });

  test('a check for a whole invoice recorded on its registration pays the gift line too', async () => {
    const { org, apply } = await setup();
    // Invoices are issued only with payment instructions.
    await testDb.db.update(organizations).set({ paymentInstructions: 'Checks to the society' }).where(eq(organizations.id, org.id));
    const reg = await apply();
    const created = await createCheckout(
      testDb.db,
      { organizationId: org.id, userId: reg.userId, payer: { name: reg.name, email: reg.email }, lines: [{ kind: 'registration', registrationId: reg.id }, { kind: 'donation', amountMinor: 10_000, fund: 'financial_aid' }], method: 'invoice' },
      systemActor,
      { publicUrl, payments: null, now: DURING_REGISTRATION },
    );
    const result = await recordRegistrationPayment(
      testDb.db,
      { organizationId: org.id, registrationId: reg.id, amountMinor: created.checkout.totalMinor, checkoutId: created.checkout.id, receivedOn: '2025-02-01', method: 'check', reference: 'check 12' },
      systemActor,
      { publicUrl, now: DURING_REGISTRATION },
    );
    expect(result.invoicePaid).toBe(true);
    expect(result.refunds).toEqual([]);
    const donationId = created.lines.find((l) => l.kind === 'donation')!.donationId!;
    expect(summarize(await testDb.db.select().from(ledgerEntries).where(eq(ledgerEntries.donationId, donationId))).balanceMinor).toBe(0);
    expect((await registrationAccount(testDb.db, reg.id)).balanceMinor).toBe(0);
    expect(await reconcile(testDb.db, org.id)).toEqual([]);
  });
});
