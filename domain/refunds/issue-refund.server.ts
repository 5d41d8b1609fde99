// Paying a refund out. Card money goes back through Stripe's Refund API to the card payment it
// came from; everything else is paid by staff (check, transfer, cash) and recorded by hand.
// Either way the refund row becomes 'done' and exactly one ledger `refund` entry is posted.
//
// A provider call never runs inside a transaction that holds locks. Three steps:
//   1. under the money lock: check the refund is open and that it, with refunds in flight, is
//      no more than the money held; choose the card payment; mark the refund 'processing';
//   2. call Stripe with an idempotency key derived from the refund, the payment and the attempt
//      (`refund:<id>:<payment>` the first time, `…:<n>` after). Every later attempt — a resume
//      of a refund left 'processing', a retry of a refused one — first looks for a refund
//      Stripe already made for this row (its metadata names it) and takes that one; only when
//      there is none does it ask again, under a new key: Stripe replays a stored answer for a
//      key (a 500 included) for 24 hours and then forgets it, so reusing the key could either
//      repeat an error for a day or, after it, refund twice. Only one call is in flight: a
//      resume is refused while the last call may still be running (RESUME_AFTER_MS);
//   3. under the lock again: 'done' with the provider's id and the ledger entry, or 'failed'
//      with the message (staff may retry).
import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { payments, refunds } from '#db/schema/money.ts';
import { racePoint } from '#db/test-hooks.server.ts';
import type { PaymentSettings } from '#lib/stripe.server.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import type { Refund } from '#domain/money/ledger-rows.ts';
import { localDate } from '#domain/money/policy.ts';
import { withScarceLocks } from '#domain/transaction.server.ts';
import { formatMoney } from '#lib/money.ts';
import { createStripe } from '#lib/stripe.server.ts';
import { toStripeAmount } from '#lib/stripe-amounts.ts';

import { refundableCardPayments } from './card-sources.server.ts';
import { checkWithinPaid, lockRefund, markDone } from './refund-payout.server.ts';

export interface IssueOptions {
  organizationId?: string;
  now?: Date;
  /** Resume a refund left 'processing' (a crash between the provider call and the write): same key, no double refund. */
  resume?: boolean;
  /** With `resume`: only if it has been processing since before this instant (default: RESUME_AFTER_MS ago). */
  stalledBefore?: Date;
}

/** A resume waits this long after the last provider call began: by then that call has ended (20 s timeout, two retries). */
export const RESUME_AFTER_MS = 2 * 60_000;

/** The idempotency key of a provider call: the first attempt keeps the original form. */
export function refundIdempotencyKey(refundId: string, paymentId: string, attempt: number): string {
  return attempt <= 1 ? `refund:${refundId}:${paymentId}` : `refund:${refundId}:${paymentId}:${attempt}`;
}

/**
 * Whether Stripe refused (a 4xx: the card is closed, the charge is already refunded): nothing
 * was refunded. Anything else — a timeout, a lost connection, a 5xx, a 409 because the same key
 * is running, a 429 — leaves the outcome unknown.
 */
function refusedByProvider(error: unknown): boolean {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 && status !== 409 && status !== 429;
}

/** A refund Stripe already made for this refund row, found by the metadata every refund carries. */
async function findProviderRefund(settings: PaymentSettings, providerPaymentId: string, refundId: string) {
  const stripe = createStripe(settings);
  for await (const existing of stripe.refunds.list({ payment_intent: providerPaymentId, limit: 100 })) {
    // A refund of this row that failed at the bank is history, not an answer: ask again.
    if (existing.metadata?.refund_id === refundId && existing.status !== 'failed' && existing.status !== 'canceled') return existing;
  }
  return undefined;
}

/**
 * Refunds card money through Stripe. When the refund is larger than what one card payment can
 * take back, it is split: this row takes that payment's remainder and a new 'due' row the rest,
 * which is issued next (to another card payment) or left for staff when no card money remains.
 * Returns every refund row touched, in order.
 */
export async function issueRefund(db: Db, refundId: string, actor: Actor, settings: PaymentSettings | null, options: IssueOptions = {}): Promise<Refund[]> {
  const now = options.now ?? new Date();
  const prepared = await withScarceLocks(db, async (tx) => {
    const { accountId, account, refund } = await lockRefund(tx, refundId, options.organizationId);
    if (refund.status === 'done' || refund.status === 'cancelled') throw new DomainError('REFUND_NOT_OPEN', refund.status);
    if (refund.status === 'processing') {
      if (!options.resume || !refund.paymentId) throw new DomainError('REFUND_IN_PROGRESS', refund.id);
      const stalledBefore = options.stalledBefore ?? new Date(now.getTime() - RESUME_AFTER_MS);
      if (refund.processingSince && refund.processingSince > stalledBefore) throw new DomainError('REFUND_IN_PROGRESS', refund.id);
      const [payment] = await tx.select().from(payments).where(eq(payments.id, refund.paymentId));
      const attempt = refund.providerAttempts + 1;
      const [resumed] = await tx.update(refunds).set({ processingSince: now, providerAttempts: attempt }).where(eq(refunds.id, refund.id)).returning();
      await recordAudit(tx, actor, { organizationId: refund.organizationId, action: 'refund.resumed', entityType: 'refund', entityId: refund.id, after: { attempt } });
      return { refund: resumed!, providerPaymentId: payment!.providerPaymentId!, split: undefined as Refund | undefined, resumed: true };
    }
    if (!settings) throw new DomainError('CARD_PAYMENTS_OFF');
    await checkWithinPaid(tx, refund);
    await racePoint('refund.due');
    const [source] = await refundableCardPayments(tx, accountId, account);
    if (!source) throw new DomainError('REFUND_NO_CARD_PAYMENT', refund.id);
    let split: Refund | undefined;
    const amountMinor = Math.min(refund.amountMinor, source.remainderMinor);
    if (amountMinor < refund.amountMinor) {
      [split] = await tx
        .insert(refunds)
        .values({
          organizationId: refund.organizationId,
          registrationId: refund.registrationId,
          seriesEnrollmentId: refund.seriesEnrollmentId,
          reason: refund.reason,
          amountMinor: refund.amountMinor - amountMinor,
          currency: refund.currency,
          dueOn: refund.dueOn,
          note: refund.note,
          createdBy: actor.userId,
        })
        .returning();
      await recordAudit(tx, actor, { organizationId: refund.organizationId, action: 'refund.split', entityType: 'refund', entityId: refund.id, after: { amountMinor, rest: split!.id } });
    }
    const [processing] = await tx
      .update(refunds)
      .set({ status: 'processing', method: 'card', paymentId: source.paymentId, amountMinor, failureMessage: null, processingSince: now, providerAttempts: refund.providerAttempts + 1 })
      .where(eq(refunds.id, refund.id))
      .returning();
    await recordAudit(tx, actor, { organizationId: refund.organizationId, action: 'refund.processing', entityType: 'refund', entityId: refund.id, before: { status: refund.status }, after: { status: 'processing', amountMinor } });
    return { refund: processing!, providerPaymentId: source.providerPaymentId, split, resumed: false };
  });

  const { refund } = prepared;
  await racePoint('refund.sending');
  let outcome: { ok: true; id: string } | { ok: false; message: string; unknown?: boolean };
  if (!settings) throw new DomainError('CARD_PAYMENTS_OFF');
  // Stripe's units for the same money; an amount it cannot refund exactly (12.345 KWD) fails
  // here, before Stripe is asked, and staff refund it by hand.
  const providerAmount = toStripeAmount(refund.amountMinor, refund.currency);
  if (providerAmount === undefined) {
    outcome = { ok: false, message: `Card networks cannot refund exactly ${formatMoney(refund.amountMinor, refund.currency)} (${refund.currency} is refunded in tens of its smallest unit): refund it by hand.` };
  } else {
    try {
      const stripe = createStripe(settings);
      const lookFirst = prepared.resumed || refund.providerAttempts > 1;
      const created =
        (lookFirst ? await findProviderRefund(settings, prepared.providerPaymentId, refund.id) : undefined) ??
        (await stripe.refunds.create(
          { payment_intent: prepared.providerPaymentId, amount: providerAmount, metadata: { refund_id: refund.id, registration_id: refund.registrationId ?? '', ...(refund.seriesEnrollmentId ? { series_enrollment_id: refund.seriesEnrollmentId } : {}) } },
          { idempotencyKey: refundIdempotencyKey(refund.id, refund.paymentId!, refund.providerAttempts) },
        ));
      outcome = created.status === 'failed' || created.status === 'canceled' ? { ok: false, message: created.failure_reason ?? created.status } : { ok: true, id: created.id };
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      // No answer from Stripe (timeout, connection lost, a 5xx after the client's own retries, a
      // 409 or 429): the refund may exist there. It stays 'processing' — never 'failed', which
      // staff could pay again by hand — until a resume (staff after RESUME_AFTER_MS, or the
      // refunds job after STALLED_MINUTES) learns the outcome. Only a 4xx refusal is 'failed'.
      outcome = { ok: false, message, unknown: !refusedByProvider(error) };
    }
  }

  const finished = await withScarceLocks(db, async (tx) => {
    const { timeZone, refund: current } = await lockRefund(tx, refund.id);
    if (current.status === 'done') return current;
    if (outcome.ok) {
      return markDone(tx, current, { method: 'card', completedOn: localDate(now, timeZone), reference: outcome.id, providerRefundId: outcome.id }, actor, now);
    }
    if (outcome.unknown) {
      const [pending] = await tx
        .update(refunds)
        .set({ failureMessage: `No answer from the card processor (${outcome.message}); it is asked again automatically after a quarter of an hour, or press Resume two minutes after this attempt (the money goes out once).` })
        .where(eq(refunds.id, current.id))
        .returning();
      return pending!;
    }
    const [failed] = await tx.update(refunds).set({ status: 'failed', failureMessage: outcome.message }).where(eq(refunds.id, current.id)).returning();
    await recordAudit(tx, actor, { organizationId: current.organizationId, action: 'refund.failed', entityType: 'refund', entityId: current.id, before: { status: current.status }, after: { status: 'failed' } });
    return failed!;
  });
  const touched = [finished];
  if (finished.status === 'done' && prepared.split) {
    try {
      touched.push(...(await issueRefund(db, prepared.split.id, actor, settings, { ...options, resume: false })));
    } catch (error) {
      // No more card money: the rest stays due for staff to pay by hand.
      if (!(error instanceof DomainError) || error.code !== 'REFUND_NO_CARD_PAYMENT') throw error;
      touched.push(prepared.split);
    }
  }
  return touched;
}
