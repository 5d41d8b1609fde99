// The money core through the registration flows: when a registration is charged, what
// happens to money when it leaves its place, payments and confirmation, payment holds.
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { aidApplications } from '#db/schema/aid.ts';
import { ledgerEntries, refunds } from '#db/schema/money.ts';
import { courses } from '#db/schema/courses.ts';
import { registrations } from '#db/schema/registration.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { decideApplication } from '#domain/registration/decide-application.server.ts';
import { expirePaymentHolds } from '#domain/registration/lapse-holds.server.ts';
import { respondAsApplicant } from '#domain/registration/respond-as-applicant.server.ts';
import { changeCategory } from '#domain/registration/change-category.server.ts';
import { withScarceLocks } from '#domain/transaction.server.ts';
import { payRegistration, setupCourse } from '../../tests/helpers/money-fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { createCourse, DURING_REGISTRATION } from '../../tests/helpers/fixtures.ts';
import { applyPayment } from './apply-payment.server.ts';
import { registrationAccount, registrationEntries } from './read-account.server.ts';

const testDb = useTestDatabase();
const context = { publicUrl: 'http://localhost:3000', now: DURING_REGISTRATION };

async function setup(overrides: Parameters<typeof createCourse>[2] = {}) {
  const { org, course, apply } = await setupCourse(testDb.db, overrides, context);
  const pay = (registrationId: string, amountMinor: number, method: 'check' | 'card' = 'check', now = DURING_REGISTRATION) =>
    payRegistration(testDb.db, { id: registrationId, organizationId: org.id }, amountMinor, { method, receivedOn: '2025-02-01', reference: 'check 1001', now });
  const decide = (registrationId: string, decision: 'accept' | 'decline' | 'waitlist') =>
    decideApplication(testDb.db, { organizationId: org.id, registrationId, decision }, systemActor, context);
  const account = (id: string) => registrationAccount(testDb.db, id);
  const openRefunds = (id: string) => testDb.db.select().from(refunds).where(and(eq(refunds.registrationId, id), eq(refunds.status, 'due')));
  return { org, course, apply, pay, decide, account, openRefunds };
}

describe('charges', () => {
  test('a registration that takes a place is charged its price less its discount; the waitlist owes nothing', async () => {
    const { apply, account } = await setup({ capacity: 1 });
    const placed = await apply();
    expect(await account(placed.id)).toMatchObject({ chargedMinor: 90000, dueMinor: 90000, balanceMinor: 90000, paidMinor: 0 });
    const waiting = await apply();
    expect(waiting.status).toBe('waitlisted');
    expect(await account(waiting.id)).toMatchObject({ chargedMinor: 0, balanceMinor: 0 });
  });

  test('a waitlist offer charges the re-quoted price; a declined offer reverses it', async () => {
    const { apply, decide, account, org } = await setup({ capacity: 1 });
    const first = await apply();
    const second = await apply();
    await decide(first.id, 'decline');
    const [offered] = await testDb.db.select().from(registrations).where(eq(registrations.id, second.id));
    expect(offered!.status).toBe('offered');
    expect((await account(second.id)).balanceMinor).toBe(offered!.amountMinor);
    await respondAsApplicant(testDb.db, { organizationId: org.id, registrationId: second.id, userId: offered!.userId, response: 'decline_offer' }, systemActor, context);
    expect((await account(second.id)).balanceMinor).toBe(0);
  });

  test('ledger rows cannot be changed or deleted', async () => {
    const { apply } = await setup();
    const placed = await apply();
    const [entry] = await registrationEntries(testDb.db, placed.id);
    await expect(testDb.db.execute(sql`update ledger_entries set amount_minor = 1 where id = ${entry!.id}`)).rejects.toThrow();
    await expect(testDb.db.execute(sql`delete from ledger_entries where id = ${entry!.id}`)).rejects.toThrow();
    expect((await registrationEntries(testDb.db, placed.id))[0]!.amountMinor).toBe(90000);
  });

  test('a category change after payment posts the difference and refunds an overpayment', async () => {
    const { apply, pay, account, org, openRefunds } = await setup();
    const placed = await apply();
    await pay(placed.id, 90000);
    await changeCategory(testDb.db, { organizationId: org.id, registrationId: placed.id, categoryKey: 'trainee', reason: 'resident, proof received' }, systemActor, context);
    expect(await account(placed.id)).toMatchObject({ dueMinor: 64000, paidMinor: 90000, balanceMinor: -26000 });
    expect((await openRefunds(placed.id)).map((r) => [r.amountMinor, r.reason])).toEqual([[26000, 'overpayment']]);
  });
});

describe('payments', () => {
  test('an accepted registration paid in full is confirmed; a paid application is confirmed when accepted', async () => {
    const { apply, pay, decide } = await setup();
    const a = await apply();
    await decide(a.id, 'accept');
    const paid = await pay(a.id, 90000);
    expect(paid.confirmed.map((r) => r.id)).toEqual([a.id]);
    const b = await apply();
    await pay(b.id, 90000);
    const decision = await decide(b.id, 'accept');
    expect(decision.registration.status).toBe('confirmed');
  });

  test('a payment arriving after the application was declined is recorded and refunded in full, and takes no place', async () => {
    const { apply, pay, decide, account, openRefunds } = await setup();
    const a = await apply();
    await decide(a.id, 'decline');
    const late = await pay(a.id, 90000);
    expect(late.refunds.map((r) => [r.amountMinor, r.reason])).toEqual([[90000, 'late_payment']]);
    expect((await openRefunds(a.id)).length).toBe(1);
    expect(await account(a.id)).toMatchObject({ paidMinor: 90000, balanceMinor: -90000 });
    const [row] = await testDb.db.select().from(registrations).where(eq(registrations.id, a.id));
    expect(row!.status).toBe('declined');
  });

  test('allocations must add up to the payment', async () => {
    const { apply, org } = await setup();
    const a = await apply();
    await expect(
      withScarceLocks(testDb.db, (tx) =>
        applyPayment(tx, { organizationId: org.id, method: 'check', amountMinor: 100, currency: 'USD', receivedOn: '2025-02-01' }, [{ registrationId: a.id, amountMinor: 99 }], systemActor),
      ),
    ).rejects.toBeInstanceOf(DomainError);
    expect(await testDb.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.kind, 'payment'), eq(ledgerEntries.registrationId, a.id)))).toEqual([]);
  });
});

describe('no money left behind', () => {
  test('a declined paid application gets a full refund due today', async () => {
    const { apply, pay, decide, account, openRefunds } = await setup();
    const a = await apply();
    await pay(a.id, 50000);
    await decide(a.id, 'decline');
    expect(await account(a.id)).toMatchObject({ dueMinor: 0, netPaidMinor: 50000, balanceMinor: -50000 });
    expect((await openRefunds(a.id)).map((r) => [r.amountMinor, r.reason, r.dueOn])).toEqual([[50000, 'application_ended', '2025-02-01']]);
  });

  test('an application that ends withdraws its pending aid application', async () => {
    const { apply, decide, org, course } = await setup();
    const a = await apply();
    await testDb.db.insert(aidApplications).values({ organizationId: org.id, courseId: course.id, registrationId: a.id, userId: a.userId, requestedMinor: 50000, currency: 'USD', sealedContent: 'v1.x.y.z' });
    await decide(a.id, 'decline');
    const [aid] = await testDb.db.select().from(aidApplications).where(eq(aidApplications.registrationId, a.id));
    expect(aid!.status).toBe('withdrawn');
  });

  test('withdrawing a paid place is refused: it is a cancellation under the policy', async () => {
    const { apply, pay, org } = await setup();
    const a = await apply();
    await pay(a.id, 1000);
    await expect(respondAsApplicant(testDb.db, { organizationId: org.id, registrationId: a.id, userId: a.userId, response: 'withdraw' }, systemActor, context)).rejects.toMatchObject({
      code: 'CANCEL_INSTEAD',
    });
  });

  test('moved back to the waitlist, a paid registration is refunded in full: the waitlist holds no money', async () => {
    const { apply, pay, account, openRefunds, org } = await setup({ capacity: 1 });
    const a = await apply();
    const b = await apply();
    await pay(a.id, 90000);
    await decideApplication(testDb.db, { organizationId: org.id, registrationId: a.id, decision: 'waitlist' }, systemActor, { ...context, now: new Date(DURING_REGISTRATION.getTime() + 60_000) });
    const [offered] = await testDb.db.select().from(registrations).where(eq(registrations.id, b.id));
    expect(offered!.status).toBe('offered');
    expect(await account(a.id)).toMatchObject({ dueMinor: 0, balanceMinor: -90000 });
    expect((await openRefunds(a.id)).map((r) => [r.amountMinor, r.reason])).toEqual([[90000, 'application_ended']]);
  });

  test('a director accepting straight from the waitlist charges the registration its quote', async () => {
    const { apply, decide, account, course } = await setup({ capacity: 1 });
    await apply();
    const waiting = await apply();
    await testDb.db.update(courses).set({ capacity: 2 }).where(eq(courses.id, course.id));
    const accepted = await decide(waiting.id, 'accept');
    expect(accepted.registration.status).toBe('accepted');
    expect(await account(waiting.id)).toMatchObject({ chargedMinor: 97500, balanceMinor: 97500 });
  });

  test('a category change while on the waitlist is not counted twice when a place is offered', async () => {
    const { apply, decide, account, org } = await setup({ capacity: 1 });
    const first = await apply();
    const waiting = await apply();
    await changeCategory(testDb.db, { organizationId: org.id, registrationId: waiting.id, categoryKey: 'trainee', reason: 'resident' }, systemActor, context);
    await decide(first.id, 'decline');
    const [offered] = await testDb.db.select().from(registrations).where(eq(registrations.id, waiting.id));
    expect(offered!.status).toBe('offered');
    expect((await account(waiting.id)).balanceMinor).toBe(offered!.amountMinor);
    expect(offered!.amountMinor).toBe(64000);
  });

  test('an unpaid withdrawal owes nothing', async () => {
    const { apply, account, org } = await setup();
    const b = await apply();
    await respondAsApplicant(testDb.db, { organizationId: org.id, registrationId: b.id, userId: b.userId, response: 'withdraw' }, systemActor, context);
    expect(await account(b.id)).toMatchObject({ dueMinor: 0, balanceMinor: 0 });
  });
});

describe('pay after acceptance', () => {
  test('acceptance holds the place until the payment deadline; an unpaid hold lapses, refunds a part payment and offers the place', async () => {
    const { apply, pay, decide, account, openRefunds, org } = await setup({ capacity: 1, paymentTiming: 'after_acceptance', paymentHoldHours: 72 });
    const a = await apply();
    const waiting = await apply();
    const accepted = await decide(a.id, 'accept');
    expect(accepted.registration.status).toBe('accepted');
    expect(accepted.registration.paymentDueAt?.toISOString()).toBe(new Date(DURING_REGISTRATION.getTime() + 72 * 3_600_000).toISOString());
    await pay(a.id, 20000);
    // Up to the due instant itself the place is held; one millisecond later the hold lapses.
    const dueAt = DURING_REGISTRATION.getTime() + 72 * 3_600_000;
    expect(await expirePaymentHolds(testDb.db, systemActor, { ...context, now: new Date(dueAt) })).toEqual([]);
    const later = new Date(dueAt + 1);
    const emails = await expirePaymentHolds(testDb.db, systemActor, { ...context, now: later });
    expect(emails.length).toBeGreaterThanOrEqual(2); // the lapsed hold and the waitlist offer
    const [lapsed] = await testDb.db.select().from(registrations).where(eq(registrations.id, a.id));
    expect(lapsed!.status).toBe('cancelled');
    expect((await openRefunds(a.id)).map((r) => r.amountMinor)).toEqual([20000]);
    expect((await account(a.id)).balanceMinor).toBe(-20000);
    const [next] = await testDb.db.select().from(registrations).where(and(eq(registrations.id, waiting.id), eq(registrations.organizationId, org.id)));
    expect(next!.status).toBe('offered');
  });

  test('a hold paid in full in time is confirmed and never lapses', async () => {
    const { apply, pay, decide } = await setup({ paymentTiming: 'after_acceptance', paymentHoldHours: 24 });
    const a = await apply();
    await decide(a.id, 'accept');
    await pay(a.id, 90000);
    expect(await expirePaymentHolds(testDb.db, systemActor, { ...context, now: new Date(DURING_REGISTRATION.getTime() + 48 * 3_600_000) })).toEqual([]);
    const [row] = await testDb.db.select().from(registrations).where(eq(registrations.id, a.id));
    expect(row!.status).toBe('confirmed');
  });
});
