// Ten requests at once for one paid registration — registrant cancellations online, staff
// recording the same cancellation from a letter, card refunds through the (fake) provider and
// staff recording the refund as paid by check — must end with exactly one cancellation, one
// refund, at most one ledger refund entry, and money never paid back twice. Checked against
// PostgreSQL and against what the fake Stripe server actually refunded.
//
// Then the payout race forced (tests/helpers/forced-race.ts): once the refund is due, card
// refunds and checks recorded by hand at once, each held after reading the refund as due until
// all have read it or wait on the money lock: paid out exactly once.
// A card refund asks the provider only after the checks have been answered — the order in which,
// without the lock, both pay. Negative control: a card refund and a check forced to race with
// the locks switched off must make the checker see the refund paid out twice, every round. (Two cancellations cannot be created even then —
// the unique index on cancellations(registration_id) refuses the second and its whole
// transaction rolls back — so the control is about the refund paid out: without the money lock,
// a card refund and a check recorded by hand both see the refund 'due' and both pay it. The
// unique ledger index keeps the books to one entry, but the money left twice; that is what the
// checker looks for.)
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { auditEvents } from '../../db/schema/audit.ts';
import { cancellations, ledgerEntries, refunds } from '../../db/schema/money.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Registration } from '../../domain/registration/place-registration.server.ts';
import { cancelRegistration } from '../../domain/refunds/cancel-registration.server.ts';
import { issueRefund } from '../../domain/refunds/issue-refund.server.ts';
import { recordRefundPaid } from '../../domain/refunds/record-refund-paid.server.ts';
import { startFakeStripe, type FakeStripe } from '../helpers/fake-stripe.ts';
import { cardIntent, payRegistration, setupCourse, stripeSettings } from '../helpers/money-fixtures.ts';
import { testHooks } from '../../db/test-hooks.server.ts';
import { forceRace, withLocksOff } from '../helpers/forced-race.ts';
import { useTestDatabase } from '../helpers/test-database.ts';

const testDb = useTestDatabase();
const publicUrl = 'http://localhost:3000';
const BEFORE_DEADLINE = new Date('2025-03-10T18:00:00Z');
const PAID = 90000;
let fake: FakeStripe;

beforeAll(async () => {
  fake = await startFakeStripe();
});
afterAll(async () => {
  await fake?.close();
});
const settings = () => stripeSettings(fake);

/** A registration paid in full by card (a PaymentIntent that succeeded on the fake server). */
async function paidRegistration(): Promise<Registration> {
  const { apply } = await setupCourse(testDb.db, {}, { publicUrl });
  const registration = await apply();
  const intent = await cardIntent(fake, PAID, publicUrl);
  await payRegistration(testDb.db, registration, PAID, { method: 'card', receivedOn: '2025-02-01', providerPaymentId: intent });
  return registration;
}

/** Waits for the cancellation's refund row, as a person reloading the tracker would. */
async function refundIdOf(registrationId: string): Promise<string> {
  for (let i = 0; i < 400; i++) {
    const [row] = await testDb.db.select({ id: refunds.id }).from(refunds).where(eq(refunds.registrationId, registrationId));
    if (row) return row.id;
    await new Promise((r) => setTimeout(r, 2 + Math.random() * 4));
  }
  throw new Error('no refund row appeared');
}

type Outcome = { kind: string; ok: boolean; code?: string };

/** Ten requests at once: 3 online cancellations, 2 letters recorded by staff, 3 card refunds, 2 checks recorded by hand. */
async function fire(registration: Registration): Promise<Outcome[]> {
  const org = registration.organizationId;
  const staff = { userId: null, requestId: 'concurrency' };
  const context = { publicUrl, now: BEFORE_DEADLINE };
  const requests: [string, () => Promise<unknown>][] = [
    ...Array.from({ length: 3 }, () => ['online', () => cancelRegistration(testDb.db, { organizationId: org, registrationId: registration.id, channel: 'online', userId: registration.userId }, { userId: registration.userId }, context)] as [string, () => Promise<unknown>]),
    ...Array.from({ length: 2 }, () => ['letter', () => cancelRegistration(testDb.db, { organizationId: org, registrationId: registration.id, channel: 'letter', receivedOn: '2025-03-09' }, staff, context)] as [string, () => Promise<unknown>]),
    ...Array.from({ length: 3 }, () => ['card', async () => issueRefund(testDb.db, await refundIdOf(registration.id), staff, settings(), { organizationId: org, now: BEFORE_DEADLINE })] as [string, () => Promise<unknown>]),
    ...Array.from({ length: 2 }, () => ['check', async () => recordRefundPaid(testDb.db, { organizationId: org, refundId: await refundIdOf(registration.id), method: 'check', paidOn: '2025-03-10', reference: 'check 500' }, staff, BEFORE_DEADLINE)] as [string, () => Promise<unknown>]),
  ];
  return Promise.all(
    requests.map(async ([kind, run]) => {
      try {
        await run();
        return { kind, ok: true };
      } catch (error) {
        if (error instanceof DomainError) return { kind, ok: false, code: error.code };
        throw error;
      }
    }),
  );
}

interface Tally {
  cancellations: number;
  refundRows: number;
  ledgerRefundEntries: number;
  providerRefunds: number;
  /** Money that actually left: refunds at the provider plus refunds paid by hand. */
  moneyOutMinor: number;
  violations: string[];
}

async function check(registration: Registration): Promise<Tally> {
  const cancels = await testDb.db.select().from(cancellations).where(eq(cancellations.registrationId, registration.id));
  const rows = await testDb.db.select().from(refunds).where(eq(refunds.registrationId, registration.id));
  const entries = await testDb.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.registrationId, registration.id), eq(ledgerEntries.kind, 'refund')));
  const atProvider = [...fake.refunds.values()].filter((r) => r.metadata?.registration_id === registration.id && r.status === 'succeeded');
  // Every payout is audited ('refund.paid', insert-only): a refund paid by hand shows there even
  // if a racing card payout later overwrote the row.
  const payouts = rows.length
    ? await testDb.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'refund.paid'), inArray(auditEvents.entityId, rows.map((r) => r.id))))
    : [];
  const byHand = payouts.filter((a) => (a.after as { method: string }).method !== 'card');
  const moneyOut = atProvider.reduce((s, r) => s + Number(r.amount), 0) + byHand.reduce((s, a) => s + (a.after as { amountMinor: number }).amountMinor, 0);
  const violations: string[] = [];
  if (cancels.length !== 1) violations.push(`cancellations: ${cancels.length}`);
  if (rows.length !== 1) violations.push(`refund rows: ${rows.length}`);
  if (entries.length > 1) violations.push(`ledger refund entries: ${entries.length}`);
  if (moneyOut > PAID) violations.push(`refunded more than paid: ${moneyOut} > ${PAID}`);
  for (const row of rows) {
    const paidOut = atProvider.filter((r) => r.metadata?.refund_id === row.id).length + byHand.filter((a) => a.entityId === row.id).length;
    if (paidOut > 1) violations.push(`refund ${row.id} paid out ${paidOut} times`);
  }
  const expected = cancels[0]?.outcome.refundMinor ?? 0;
  if (moneyOut > expected) violations.push(`paid out ${moneyOut}, the outcome says ${expected}`);
  return { cancellations: cancels.length, refundRows: rows.length, ledgerRefundEntries: entries.length, providerRefunds: atProvider.length, moneyOutMinor: moneyOut, violations };
}

test('10 concurrent cancellation and refund requests for one registration: one cancellation, one refund, paid out once', async () => {
  for (let round = 0; round < 3; round++) {
    const registration = await paidRegistration();
    const outcomes = await fire(registration);
    const tally = await check(registration);
    expect(tally.violations, JSON.stringify({ tally, outcomes })).toEqual([]);
    expect(tally).toMatchObject({ cancellations: 1, refundRows: 1 });
    // Every cancellation request is answered with the one cancellation; the payouts that lost are told why.
    expect(outcomes.filter((o) => o.kind === 'online' || o.kind === 'letter').every((o) => o.ok)).toBe(true);
    const paidOut = outcomes.filter((o) => (o.kind === 'card' || o.kind === 'check') && o.ok);
    expect(paidOut.length, JSON.stringify(outcomes)).toBe(1);
    expect(outcomes.filter((o) => !o.ok).every((o) => ['REFUND_IN_PROGRESS', 'REFUND_NOT_OPEN'].includes(o.code!)), JSON.stringify(outcomes)).toBe(true);
    expect(tally.ledgerRefundEntries).toBe(1);
    expect(tally.moneyOutMinor).toBe(PAID - 10000);
  }
}, 120_000);

/** A paid registration cancelled online: its refund is due. Then card refunds and checks at once, held after reading it as due. */
async function forcedPayouts(cards: number, checks: number): Promise<{ outcomes: Outcome[]; tally: Tally }> {
  const registration = await paidRegistration();
  const org = registration.organizationId;
  await cancelRegistration(testDb.db, { organizationId: org, registrationId: registration.id, channel: 'online', userId: registration.userId }, { userId: registration.userId }, { publicUrl, now: BEFORE_DEADLINE });
  const refundId = await refundIdOf(registration.id);
  const staff = { userId: null, requestId: 'forced' };
  const payouts: [string, () => Promise<unknown>][] = [
    ...Array.from({ length: cards }, () => ['card', () => issueRefund(testDb.db, refundId, staff, settings(), { organizationId: org, now: BEFORE_DEADLINE })] as [string, () => Promise<unknown>]),
    ...Array.from({ length: checks }, () => ['check', () => recordRefundPaid(testDb.db, { organizationId: org, refundId, method: 'check', paidOn: '2025-03-10', reference: 'check 500' }, staff, BEFORE_DEADLINE)] as [string, () => Promise<unknown>]),
  ];
  const race = forceRace(testDb.pool, 'refund.due', payouts.length);
  // A card refund asks the provider only once every check recorded by hand has been answered:
  // the order in which, without the lock, a check paid by hand and the card refund both pay.
  const checksAnswered = Promise.withResolvers<void>();
  let answered = 0;
  if (checks === 0) checksAnswered.resolve();
  const atBarrier = testHooks.racePoint!;
  testHooks.racePoint = async (point) => (point === 'refund.sending' ? checksAnswered.promise : atBarrier(point));
  try {
    const outcomes = await Promise.all(
      payouts.map(([kind, run]) =>
        race.run(async (): Promise<Outcome> => {
          try {
            await run();
            return { kind, ok: true };
          } catch (error) {
            if (error instanceof DomainError) return { kind, ok: false, code: error.code };
            throw error;
          } finally {
            if (kind === 'check' && ++answered === checks) checksAnswered.resolve();
          }
        }),
      ),
    );
    return { outcomes, tally: await check(registration) };
  } finally {
    race.end();
  }
}

test('payouts of one refund forced to race: paid out exactly once', async () => {
  for (const [cards, checks] of [[1, 1], [3, 2], [1, 1]] as const) {
    const { outcomes, tally } = await forcedPayouts(cards, checks);
    expect(tally.violations, JSON.stringify({ tally, outcomes })).toEqual([]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok).every((o) => ['REFUND_IN_PROGRESS', 'REFUND_NOT_OPEN'].includes(o.code!)), JSON.stringify(outcomes)).toBe(true);
    expect(tally.moneyOutMinor).toBe(PAID - 10000);
  }
}, 120_000);

test('negative control: with the locks switched off a card refund and a check forced to race both pay, every round', async () => {
  await withLocksOff(async () => {
    for (let round = 0; round < 3; round++) {
      const { outcomes, tally } = await forcedPayouts(1, 1);
      // The check is recorded and the card refund reaches the provider: the money leaves twice
      // (the card refund's own bookkeeping then fails on the unique ledger entry — too late).
      expect(outcomes.find((o) => o.kind === 'check'), JSON.stringify(outcomes)).toMatchObject({ ok: true });
      expect(tally.moneyOutMinor, JSON.stringify(outcomes)).toBe(2 * (PAID - 10000));
      expect(tally.violations).toContain(`refunded more than paid: ${2 * (PAID - 10000)} > ${PAID}`);
      // Even without locks there is only one cancellation: the unique index refuses a second.
      expect(tally.cancellations).toBe(1);
    }
  });
}, 120_000);
