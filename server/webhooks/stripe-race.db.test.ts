// A card payment racing other money work on the same accounts. Everything runs under the money
// locks (course row, then registration rows, then the checkout row), so whichever goes second
// sees the first. The other operation is started while the payment's transaction is open,
// just before it commits, and the payment commits only once the other has finished or is seen
// waiting on a lock in pg_stat_activity (tests/helpers/forced-race.ts): the two always overlap,
// whatever the machine's speed — no fixed sleep decides it.
// Negative controls, in this file: with the locks switched off both races go wrong every
// round: the decline reverses the charge without seeing the payment while the payment still
// sees a place held (money received, no refund due); the expiry reads the checkout as still
// open, voids the gift that was just paid and marks the paid checkout expired.
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { refunds } from '#db/schema/money.ts';
import { registrations } from '#db/schema/registration.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { registrationAccount } from '#domain/money/read-account.server.ts';
import { openRefundsMinor } from '#domain/money/settle-credit.server.ts';
import { closeCheckout } from '#domain/payments/close-checkout.server.ts';
import { createCheckout } from '#domain/payments/create-checkout.server.ts';
import { checkouts, ledgerEntries, payments } from '#db/schema/money.ts';
import { summarize } from '#domain/money/account.ts';
import { paymentTestHooks } from '#domain/payments/provider-events.server.ts';
import { decideApplication } from '#domain/registration/decide-application.server.ts';
import { placeRegistration } from '#domain/registration/place-registration.server.ts';
import { settledOrBlocked, withLocksOff } from '../../tests/helpers/forced-race.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { application, createCourse, createOrganization, DURING_REGISTRATION } from '../../tests/helpers/fixtures.ts';
import { startFakeStripe, type FakeStripe } from '../../tests/helpers/fake-stripe.ts';
import { handleStripeWebhook } from './stripe.server.ts';

const testDb = useTestDatabase();
const publicUrl = 'http://hub.test';
let fake: FakeStripe;
beforeAll(async () => {
  fake = await startFakeStripe();
});
afterAll(async () => {
  delete paymentTestHooks.beforeCommit;
  await fake.close();
});

/** Three rounds of a card payment racing a decline of its registration; what went wrong in each. */
async function paymentRacingDecline(): Promise<string[]> {
  const settings = { secretKey: fake.secretKey, webhookSecret: fake.webhookSecret, apiUrl: fake.url };
  const org = await createOrganization(testDb.db);
  const course = await createCourse(testDb.db, org.id);
  const problems: string[] = [];
  for (let round = 0; round < 3; round++) {
    const { registration } = await placeRegistration(testDb.db, application(org.id, course.id), systemActor, { publicUrl, now: DURING_REGISTRATION });
    const created = await createCheckout(
      testDb.db,
      { organizationId: org.id, userId: registration.userId, payer: { name: registration.name, email: registration.email }, lines: [{ kind: 'registration', registrationId: registration.id }], method: 'card' },
      systemActor,
      { publicUrl, payments: settings },
    );
    const { body, header } = fake.signedEvent(fake.completeSession(created.checkout.providerSessionId!));
    let decline: Promise<unknown> | undefined;
    paymentTestHooks.beforeCommit = async () => {
      decline ??= decideApplication(testDb.db, { organizationId: org.id, registrationId: registration.id, decision: 'decline' }, systemActor, { publicUrl, now: DURING_REGISTRATION });
      // An unlocked decline finishes; a locked one is seen waiting for this commit.
      await settledOrBlocked(testDb.pool, decline);
    };
    const response = await handleStripeWebhook(new Request(`${publicUrl}/webhooks/stripe`, { method: 'POST', headers: { 'stripe-signature': header }, body }), {
      db: testDb.db,
      payments: settings,
      log: pino({ level: 'silent' }),
      publicUrl,
      requestId: `race-${round}`,
      deliverEmails: async () => {},
    });
    delete paymentTestHooks.beforeCommit;
    await decline;
    expect(response.status).toBe(200);
    const [after] = await testDb.db.select().from(registrations).where(eq(registrations.id, registration.id));
    const account = await registrationAccount(testDb.db, registration.id);
    const promised = await openRefundsMinor(testDb.db, registration.id);
    const rows = await testDb.db.select().from(refunds).where(eq(refunds.registrationId, registration.id));
    if (after!.status !== 'declined' || account.paidMinor !== 90000 || promised !== 90000 || account.balanceMinor + promised !== 0) {
      problems.push(`round ${round}: status ${after!.status}, paid ${account.paidMinor}, balance ${account.balanceMinor}, refunds ${rows.map((r) => `${r.reason}:${r.amountMinor}`).join(',') || 'none'}`);
    }
  }
  return problems;
}

/** Three rounds of a card payment racing the expiry of its checkout; what went wrong in each. */
async function paymentRacingExpiry(): Promise<string[]> {
  const settings = { secretKey: fake.secretKey, webhookSecret: fake.webhookSecret, apiUrl: fake.url };
  const org = await createOrganization(testDb.db);
  const course = await createCourse(testDb.db, org.id);
  const problems: string[] = [];
  for (let round = 0; round < 3; round++) {
    const { registration } = await placeRegistration(testDb.db, application(org.id, course.id), systemActor, { publicUrl, now: DURING_REGISTRATION });
    const created = await createCheckout(
      testDb.db,
      {
        organizationId: org.id,
        userId: registration.userId,
        payer: { name: registration.name, email: registration.email },
        lines: [{ kind: 'registration', registrationId: registration.id }, { kind: 'donation', amountMinor: 2500, fund: 'financial_aid' }],
        method: 'card',
      },
      systemActor,
      { publicUrl, payments: settings },
    );
    const { body, header } = fake.signedEvent(fake.completeSession(created.checkout.providerSessionId!));
    let expiry: Promise<unknown> | undefined;
    paymentTestHooks.beforeCommit = async () => {
      expiry ??= closeCheckout(testDb.db, { organizationId: org.id, checkoutId: created.checkout.id, status: 'expired', reason: 'race test', actor: systemActor });
      await settledOrBlocked(testDb.pool, expiry);
    };
    const response = await handleStripeWebhook(new Request(`${publicUrl}/webhooks/stripe`, { method: 'POST', headers: { 'stripe-signature': header }, body }), {
      db: testDb.db,
      payments: settings,
      log: pino({ level: 'silent' }),
      publicUrl,
      requestId: `race-expiry-${round}`,
      deliverEmails: async () => {},
    });
    delete paymentTestHooks.beforeCommit;
    await expiry;
    expect(response.status).toBe(200);
    const [checkout] = await testDb.db.select().from(checkouts).where(eq(checkouts.id, created.checkout.id));
    const gift = created.lines.find((l) => l.kind === 'donation')!;
    const giftBalance = summarize(await testDb.db.select().from(ledgerEntries).where(eq(ledgerEntries.donationId, gift.donationId!))).balanceMinor;
    const paid = await testDb.db.select().from(payments).where(eq(payments.checkoutId, created.checkout.id));
    if (checkout!.status !== 'paid' || giftBalance !== 0 || paid.length !== 1) {
      problems.push(`round ${round}: checkout ${checkout!.status}, gift balance ${giftBalance}, payments ${paid.length}`);
    }
  }
  return problems;
}

test('a payment racing a decline: the money paid is due back exactly once', { timeout: 120_000 }, async () => {
  expect(await paymentRacingDecline()).toEqual([]);
});

test('a payment racing the expiry of its checkout: the checkout ends paid and the gift stays given', { timeout: 120_000 }, async () => {
  expect(await paymentRacingExpiry()).toEqual([]);
});

test('negative control: with the locks switched off both races go wrong, every round', { timeout: 120_000 }, async () => {
  await withLocksOff(async () => {
    expect(await paymentRacingDecline()).toHaveLength(3);
    expect(await paymentRacingExpiry()).toHaveLength(3);
  });
});
