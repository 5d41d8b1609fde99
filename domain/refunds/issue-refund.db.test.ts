// Refunds paid out by hand and to the card through the fake Stripe server: idempotency keys,
// failures and retries, crashes resumed, refunds the processor reports failed later, and the
// automatic card refunds of the periodic task — on a real PostgreSQL through the real functions.
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { payments, refunds } from '#db/schema/money.ts';
import { registrationAccount } from '#domain/money/read-account.server.ts';
import { decideApplication } from '#domain/registration/decide-application.server.ts';
import { createStripe } from '#lib/stripe.server.ts';
import { startFakeStripe, type FakeStripe } from '../../tests/helpers/fake-stripe.ts';
import { createOrganization, DURING_REGISTRATION } from '../../tests/helpers/fixtures.ts';
import { BEFORE_CANCELLATION_DEADLINE as BEFORE, moneyFixtures, stripeSettings } from '../../tests/helpers/money-fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { createLogger } from '#lib/log.server.ts';
import { refundsTasks } from '#server/jobs/refunds.jobs.ts';
import { issueAutomaticRefunds, resumeStalledRefunds } from './auto-refunds.server.ts';
import { applyRefundEvent } from '#domain/payments/refund-events.server.ts';
import { cancelRegistration } from './cancel-registration.server.ts';
import { issueRefund } from './issue-refund.server.ts';
import { recordRefundPaid } from './record-refund-paid.server.ts';
import { findRefunds } from './find-refunds.server.ts';

const testDb = useTestDatabase();
const publicUrl = 'http://localhost:3000';
const staff = { userId: null, requestId: 'test' };

let fake: FakeStripe;
beforeAll(async () => {
  fake = await startFakeStripe();
});
afterAll(async () => {
  await fake?.close();
});
const settings = () => stripeSettings(fake);

const { setup, pay, payByCard, cancelled, refundsOf, refundEntries } = moneyFixtures(testDb, { publicUrl, fake: () => fake });

describe('paying refunds out', () => {
  test('by hand: done with date and reference, one ledger entry; never twice', async () => {
    const { org, reg } = await cancelled();
    const [refund] = await refundsOf(reg.id);
    const later = new Date('2025-03-16T18:00:00Z');
    await expect(recordRefundPaid(testDb.db, { organizationId: org.id, refundId: refund!.id, method: 'check', paidOn: '2025-03-17', reference: 'c' }, staff, later)).rejects.toMatchObject({ code: 'REFUND_PAID_ON_INVALID' });
    const done = await recordRefundPaid(testDb.db, { organizationId: org.id, refundId: refund!.id, method: 'bank_transfer', paidOn: '2025-03-16', reference: 'TR-55' }, staff, later);
    expect(done).toMatchObject({ status: 'done', method: 'bank_transfer', completedOn: '2025-03-16', reference: 'TR-55' });
    await expect(recordRefundPaid(testDb.db, { organizationId: org.id, refundId: refund!.id, method: 'check', paidOn: '2025-03-16', reference: 'again' }, staff, later)).rejects.toMatchObject({ code: 'REFUND_NOT_OPEN' });
    expect(await refundEntries(reg.id)).toHaveLength(1);
    expect(await registrationAccount(testDb.db, reg.id)).toMatchObject({ balanceMinor: 0, refundedMinor: 80000, netPaidMinor: 10000 });
    const other = await createOrganization(testDb.db);
    await expect(issueRefund(testDb.db, refund!.id, staff, settings(), { organizationId: other.id })).rejects.toMatchObject({ code: 'REFUND_NOT_FOUND' });
  });

  test('to the card through Stripe: the idempotency key names the refund and the payment; one provider refund, one entry', async () => {
    const { reg } = await cancelled(90000, 'card');
    const [refund] = await refundsOf(reg.id);
    const before = fake.refunds.size;
    const due = await findRefunds(testDb.db, reg.organizationId, { view: 'due' }, new Date('2025-03-14T18:00:00Z'));
    expect(due.find((r) => r.id === refund!.id)).toMatchObject({ cardRefundable: true });
    const touched = await issueRefund(testDb.db, refund!.id, staff, settings(), { now: new Date('2025-03-14T18:00:00Z') });
    expect(touched).toHaveLength(1);
    expect(touched[0]).toMatchObject({ status: 'done', method: 'card', amountMinor: 80000, completedOn: '2025-03-14' });
    expect(fake.refunds.size).toBe(before + 1);
    // The tracker offered "Refund to card" while it was due, and no longer does.
    const done = await findRefunds(testDb.db, reg.organizationId, { view: 'done' }, new Date('2025-03-14T18:00:00Z'));
    expect(done.find((r) => r.id === refund!.id)).toMatchObject({ cardRefundable: false, status: 'done' });
    const provider = fake.refunds.get(touched[0]!.providerRefundId!);
    expect(provider).toMatchObject({ amount: 80000, status: 'succeeded' });
    const request = fake.requests.filter((r) => r.path === '/v1/refunds').at(-1)!;
    expect(request.idempotencyKey).toBe(`refund:${refund!.id}:${touched[0]!.paymentId}`);
    expect(await refundEntries(reg.id)).toHaveLength(1);
    await expect(issueRefund(testDb.db, refund!.id, staff, settings())).rejects.toMatchObject({ code: 'REFUND_NOT_OPEN' });
  });

  test('a card refund the processor later reports failed is reversed in the ledger once and due again for staff', async () => {
    const { reg } = await cancelled(90000, 'card');
    const [refund] = await refundsOf(reg.id);
    fake.setRefundStatus('pending');
    try {
      const [done] = await issueRefund(testDb.db, refund!.id, staff, settings(), { now: new Date('2025-03-14T18:00:00Z') });
      expect(done).toMatchObject({ status: 'done', amountMinor: 80000 });
      expect((await registrationAccount(testDb.db, reg.id)).balanceMinor).toBe(0);
      const failed = fake.settleRefund(done!.providerRefundId!, 'failed', 'expired_or_canceled_card');
      const stripe = createStripe(settings());
      // Reported twice (refund.failed and a repeat): reversed once.
      const outcomes = await Promise.all([
        applyRefundEvent(testDb.db, stripe, failed as never, new Date('2025-03-20T18:00:00Z')),
        applyRefundEvent(testDb.db, stripe, { ...failed, id: `${failed.id}_again`, type: 'refund.updated' } as never, new Date('2025-03-20T18:00:00Z')),
      ]);
      expect(outcomes.map((o) => o.outcome).sort()).toEqual(['refund-ok', 'refund-reopened']);
      expect((await registrationAccount(testDb.db, reg.id)).balanceMinor).toBe(-80000);
      const open = (await refundsOf(reg.id)).filter((r) => r.status === 'due');
      expect(open.map((r) => [r.amountMinor, r.dueOn])).toEqual([[80000, '2025-03-20']]);
      const [original] = (await refundsOf(reg.id)).filter((r) => r.id === done!.id);
      expect(original!.failureMessage).toContain('expired_or_canceled_card');
    } finally {
      fake.setRefundStatus('succeeded');
    }
  });

  test('a failed provider call leaves the refund failed with the message; a retry pays it once', async () => {
    const { reg } = await cancelled(90000, 'card');
    const [refund] = await refundsOf(reg.id);
    fake.setFailure({ method: 'POST', path: '/v1/refunds', status: 402, type: 'card_error', message: 'The card was closed.' });
    const [failed] = await issueRefund(testDb.db, refund!.id, staff, settings());
    expect(failed).toMatchObject({ status: 'failed', failureMessage: 'The card was closed.' });
    expect(await refundEntries(reg.id)).toHaveLength(0);
    const [retried] = await issueRefund(testDb.db, refund!.id, staff, settings());
    expect(retried).toMatchObject({ status: 'done' });
    expect(await refundEntries(reg.id)).toHaveLength(1);
    expect([...fake.refunds.values()].filter((r) => r.metadata?.refund_id === refund!.id)).toHaveLength(1);
  });

  test('a refund left processing by a crash is resumed with the same key: the provider refunds once', async () => {
    const { reg } = await cancelled(90000, 'card');
    const [refund] = await refundsOf(reg.id);
    const [payment] = await testDb.db.select().from(payments).where(eq(payments.method, 'card')).orderBy(desc(payments.createdAt)).limit(1);
    // The first attempt marked it processing and reached Stripe, then the process died.
    await testDb.db.update(refunds).set({ status: 'processing', method: 'card', paymentId: payment!.id }).where(eq(refunds.id, refund!.id));
    await createStripe(settings()).refunds.create(
      { payment_intent: payment!.providerPaymentId!, amount: 80000, metadata: { refund_id: refund!.id, registration_id: reg.id } },
      { idempotencyKey: `refund:${refund!.id}:${payment!.id}` },
    );
    await expect(issueRefund(testDb.db, refund!.id, staff, settings())).rejects.toMatchObject({ code: 'REFUND_IN_PROGRESS' });
    const [resumed] = await issueRefund(testDb.db, refund!.id, staff, settings(), { resume: true });
    expect(resumed).toMatchObject({ status: 'done', amountMinor: 80000 });
    expect([...fake.refunds.values()].filter((r) => r.metadata?.refund_id === refund!.id)).toHaveLength(1);
    expect(await refundEntries(reg.id)).toHaveLength(1);
  });

  test('the refunds job resumes a card refund stuck processing for 15 minutes, and finds the refund Stripe made even after the key is forgotten', async () => {
    const { reg } = await cancelled(90000, 'card');
    const [refund] = await refundsOf(reg.id);
    const [payment] = await testDb.db.select().from(payments).where(eq(payments.method, 'card')).orderBy(desc(payments.createdAt)).limit(1);
    const since = new Date('2025-03-14T18:00:00Z');
    await testDb.db.update(refunds).set({ status: 'processing', method: 'card', paymentId: payment!.id, processingSince: since }).where(eq(refunds.id, refund!.id));
    // Stripe made the refund, but more than 24 hours ago: its idempotency key is gone, so asking
    // again with the same key would refund a second time. Only the metadata still names the row.
    const made = await createStripe(settings()).refunds.create(
      { payment_intent: payment!.providerPaymentId!, amount: 80000, metadata: { refund_id: refund!.id, registration_id: reg.id } },
      { idempotencyKey: `an-expired-key-${refund!.id}` },
    );
    const asked = () => fake.requests.filter((r) => r.path === '/v1/refunds').length;
    const before = asked();
    // Exactly 15 minutes is not yet stalled; one millisecond later it is.
    expect(await resumeStalledRefunds(testDb.db, settings(), { now: new Date(since.getTime() + 15 * 60_000) })).toEqual({ done: 0, failed: 0, waiting: 0 });
    expect(asked()).toBe(before);
    expect(await resumeStalledRefunds(testDb.db, settings(), { now: new Date(since.getTime() + 15 * 60_000 + 1) })).toEqual({ done: 1, failed: 0, waiting: 0 });
    const [after] = await refundsOf(reg.id);
    expect(after).toMatchObject({ status: 'done', providerRefundId: made.id, amountMinor: 80000 });
    expect([...fake.refunds.values()].filter((r) => r.metadata?.refund_id === refund!.id)).toHaveLength(1);
    expect(await refundEntries(reg.id)).toHaveLength(1);
    expect(await registrationAccount(testDb.db, reg.id)).toMatchObject({ balanceMinor: 0, refundedMinor: 80000 });
  });

  test('a stalled card refund Stripe never made is asked again by the job and paid once; no answer keeps it waiting', async () => {
    const { reg } = await cancelled(90000, 'card');
    const [refund] = await refundsOf(reg.id);
    const [payment] = await testDb.db.select().from(payments).where(eq(payments.method, 'card')).orderBy(desc(payments.createdAt)).limit(1);
    const since = new Date('2025-03-14T18:00:00Z');
    await testDb.db.update(refunds).set({ status: 'processing', method: 'card', paymentId: payment!.id, processingSince: since }).where(eq(refunds.id, refund!.id));
    // Stripe still does not answer: the refund keeps waiting, now counted from this attempt.
    const firstTry = new Date(since.getTime() + 20 * 60_000);
    // A server error on every attempt the client makes (it retries twice): no answer. Stripe
    // stores it under the key and would repeat it for 24 hours to that key.
    fake.setFailure({ method: 'POST', path: '/v1/refunds', status: 500, type: 'api_error', message: 'Upstream timeout.', times: 3, storedUnderKey: true });
    try {
      expect(await resumeStalledRefunds(testDb.db, settings(), { now: firstTry })).toMatchObject({ done: 0, failed: 0, waiting: 1 });
    } finally {
      fake.clearFailures();
    }
    const [waiting] = await refundsOf(reg.id);
    expect(waiting).toMatchObject({ status: 'processing', processingSince: firstTry });
    // Staff pressing Resume while the job's call may still be running are told to wait (up to 2 minutes after it began, inclusive).
    await expect(issueRefund(testDb.db, refund!.id, staff, settings(), { resume: true, now: new Date(firstTry.getTime() + 60_000) })).rejects.toMatchObject({ code: 'REFUND_IN_PROGRESS' });
    await expect(issueRefund(testDb.db, refund!.id, staff, settings(), { resume: true, now: new Date(firstTry.getTime() + 2 * 60_000 - 1) })).rejects.toMatchObject({ code: 'REFUND_IN_PROGRESS' });
    expect(await resumeStalledRefunds(testDb.db, settings(), { now: new Date(firstTry.getTime() + 5 * 60_000) })).toMatchObject({ done: 0, waiting: 0 });
    // The next resume finds nothing at Stripe and asks under a new key: the stored 500 is not repeated.
    expect(await resumeStalledRefunds(testDb.db, settings(), { now: new Date(firstTry.getTime() + 16 * 60_000) })).toMatchObject({ done: 1 });
    const keys = fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/refunds' && r.idempotencyKey?.startsWith(`refund:${refund!.id}:`)).map((r) => r.idempotencyKey);
    expect(new Set(keys)).toEqual(new Set([`refund:${refund!.id}:${payment!.id}`, `refund:${refund!.id}:${payment!.id}:2`]));
    expect([...fake.refunds.values()].filter((r) => r.metadata?.refund_id === refund!.id)).toHaveLength(1);
    expect(await refundEntries(reg.id)).toHaveLength(1);
  });

  test('a 409 from Stripe (the same key still running) is no answer: the refund stays processing, never failed', async () => {
    const { reg } = await cancelled(90000, 'card');
    const [refund] = await refundsOf(reg.id);
    fake.setFailure({ method: 'POST', path: '/v1/refunds', status: 409, type: 'idempotency_error', message: 'A request with this key is in progress.', times: 3 });
    try {
      const [waiting] = await issueRefund(testDb.db, refund!.id, staff, settings(), { now: new Date('2025-03-14T18:00:00Z') });
      expect(waiting).toMatchObject({ status: 'processing' });
    } finally {
      fake.clearFailures();
    }
    // Recording it as paid by hand is refused while the card refund may be under way.
    await expect(recordRefundPaid(testDb.db, { organizationId: reg.organizationId, refundId: refund!.id, method: 'check', paidOn: '2025-03-14', reference: 'x' }, staff, new Date('2025-03-14T18:00:00Z'))).rejects.toMatchObject({ code: 'REFUND_IN_PROGRESS' });
    const [done] = await issueRefund(testDb.db, refund!.id, staff, settings(), { resume: true, now: new Date('2025-03-14T18:05:00Z') });
    expect(done).toMatchObject({ status: 'done' });
    expect([...fake.refunds.values()].filter((r) => r.metadata?.refund_id === refund!.id)).toHaveLength(1);
    expect(await refundEntries(reg.id)).toHaveLength(1);
  });

  test('paid partly by card and partly by check: the card takes its part, the rest stays due for staff', async () => {
    const { org, apply } = await setup();
    const reg = await apply();
    await payByCard(reg, 50000);
    await pay(reg, 40000);
    await cancelRegistration(testDb.db, { organizationId: org.id, registrationId: reg.id, channel: 'online', userId: reg.userId }, staff, { publicUrl, now: BEFORE });
    const [refund] = await refundsOf(reg.id);
    const touched = await issueRefund(testDb.db, refund!.id, staff, settings());
    expect(touched.map((r) => [r.status, r.amountMinor])).toEqual([['done', 50000], ['due', 30000]]);
    await expect(issueRefund(testDb.db, touched[1]!.id, staff, settings())).rejects.toMatchObject({ code: 'REFUND_NO_CARD_PAYMENT' });
    expect(await registrationAccount(testDb.db, reg.id)).toMatchObject({ balanceMinor: -30000, refundedMinor: 50000 });
  });

  test('without card settings a card refund is refused and nothing changes', async () => {
    const { reg } = await cancelled(90000, 'card');
    const [refund] = await refundsOf(reg.id);
    await expect(issueRefund(testDb.db, refund!.id, staff, null)).rejects.toMatchObject({ code: 'CARD_PAYMENTS_OFF' });
    expect((await refundsOf(reg.id))[0]!.status).toBe('due');
  });

  test('the refunds helper pays ended applications back to the card by itself, but not registrant cancellations', async () => {
    const { org, apply } = await setup();
    const declined = await apply();
    await payByCard(declined, 90000);
    await decideApplication(testDb.db, { organizationId: org.id, registrationId: declined.id, decision: 'decline' }, staff, { publicUrl, now: DURING_REGISTRATION });
    const own = await apply();
    await payByCard(own, 90000);
    await cancelRegistration(testDb.db, { organizationId: org.id, registrationId: own.id, channel: 'online', userId: own.userId }, staff, { publicUrl, now: BEFORE });
    // Through the periodic task itself, as pg-boss runs it.
    const task = refundsTasks.find((t) => t.queue === 'refunds.issue-card-refunds')!;
    expect(await task.run({ db: testDb.db, log: createLogger('silent'), publicUrl, payments: settings(), courseMessagesPerMinute: 60, secretKey: Buffer.alloc(32, 1) })).toEqual([]);
    // Without Stripe settings the helper does nothing (and calls nobody).
    expect(await issueAutomaticRefunds(testDb.db, null)).toEqual({ issued: 0, failed: 0 });
    expect((await refundsOf(declined.id)).map((r) => [r.reason, r.status, r.amountMinor])).toEqual([['application_ended', 'done', 90000]]);
    expect((await refundsOf(own.id)).map((r) => [r.reason, r.status])).toEqual([['cancellation', 'due']]);
    expect(await registrationAccount(testDb.db, declined.id)).toMatchObject({ balanceMinor: 0, refundedMinor: 90000 });
  });
});
