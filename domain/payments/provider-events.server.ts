// Applying Stripe's webhook events. Rules (ADR 0041):
//  - once: the event id goes into provider_events in the same transaction as its effects;
//    a duplicate finds the row and does nothing. Out-of-order and repeated deliveries are normal.
//  - re-read: the event body is only a hint. For a completed session we fetch the session and
//    its payment intent from Stripe and act on what Stripe says now (paid? how much? currency?).
//  - one payment per payment intent: payments.provider_payment_id is unique, so two different
//    events for one session (completed + async_payment_succeeded) can never pay twice.
//  - a late payment is recorded and refunded (applyPayment), never re-takes a place.
// Nothing personal is logged; provider_events stores only ids, types and outcomes.
import { and, eq, inArray, isNotNull, lt } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Db, DbOrTx } from '#db/client.server.ts';
import { checkouts, payments, providerEvents, refunds } from '#db/schema/money.ts';
import { recordAudit, systemActor } from '#domain/audit/record-audit.server.ts';
import { applyPayment, type Allocation } from '#domain/money/apply-payment.server.ts';
import { localDate } from '#domain/money/policy.ts';
import { withScarceLocks } from '#domain/transaction.server.ts';
import { documentNumber as checkoutNumber, safeFilename } from '#domain/billing/document-numbers.ts';
import { giftReceiptAttachments } from '#domain/billing/receipt-email.server.ts';
import { loadEmailTemplates } from '#domain/email-templates/load-templates.server.ts';
import { queueEmailWithAttachments } from '#lib/email/attachments.server.ts';
import { allocate } from './allocate.ts';
import { getOrganization, lockCheckout } from './checkout-records.server.ts';
import { closeCheckout } from './close-checkout.server.ts';
import { receiptEmail } from './emails.ts';
import { lineKind } from './line-kinds.server.ts';
import { applyRefundEvent, REFUND_EVENTS, type RefundEventOutcome } from './refund-events.server.ts';
import { UUID_PATTERN } from '#lib/ids.ts';
import { fromStripeAmount } from '#lib/stripe-amounts.ts';

export type EventOutcome =
  | 'applied'
  | 'duplicate'
  | 'duplicate-payment'
  | 'not-paid'
  | 'unknown-checkout'
  | 'currency-mismatch'
  | 'amount-not-representable'
  | 'expired'
  | 'already-closed'
  | 'payment-failed'
  | 'ignored'
  | RefundEventOutcome;

export interface EventResult {
  outcome: EventOutcome;
  emailIds: string[];
  paymentId?: string;
}

/** Tests only: a pause inside the payment transaction, just before it commits (race tests). */
export const paymentTestHooks: { beforeCommit?: () => Promise<void> } = {};

export const PAID_EVENTS = new Set(['checkout.session.completed', 'checkout.session.async_payment_succeeded']);
/** The event types the Stripe endpoint should be subscribed to (docs/payments.md). */
export const HANDLED_EVENTS = [...PAID_EVENTS, 'checkout.session.expired', 'checkout.session.async_payment_failed', ...REFUND_EVENTS];

async function seen(db: DbOrTx, eventId: string): Promise<boolean> {
  const [row] = await db.select({ id: providerEvents.id }).from(providerEvents).where(eq(providerEvents.id, eventId));
  return Boolean(row);
}

/** Inserts the event row; false when another delivery got there first (the event is applied). */
/** What provider_events records: a Stripe event, or a reconciliation pass (id `reconcile:<session>`). */
interface EventLike {
  id: string;
  type: string;
}

async function claim(tx: DbOrTx, event: EventLike, outcome: EventOutcome, organizationId: string | null): Promise<boolean> {
  const rows = await tx
    .insert(providerEvents)
    .values({ id: event.id, provider: 'stripe', type: event.type, organizationId, outcome })
    .onConflictDoNothing()
    .returning({ id: providerEvents.id });
  return rows.length === 1;
}

async function record(db: Db, event: EventLike, outcome: EventOutcome, organizationId: string | null): Promise<EventResult> {
  const fresh = await claim(db, event, outcome, organizationId);
  return { outcome: fresh ? outcome : 'duplicate', emailIds: [] };
}

/** The session as Stripe has it now; undefined when Stripe has no such session (never retry that). */
async function retrieveSession(stripe: Stripe, id: string, expand: string[]): Promise<Stripe.Checkout.Session | undefined> {
  if (!/^cs_[A-Za-z0-9_]+$/.test(id)) return undefined;
  try {
    return await stripe.checkout.sessions.retrieve(id, expand.length ? { expand } : {});
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return undefined;
    throw error;
  }
}


/** The checkout a session belongs to, from the session as Stripe reports it now. */
async function checkoutOf(db: DbOrTx, session: Stripe.Checkout.Session) {
  const checkoutId = session.metadata?.checkoutId ?? session.client_reference_id ?? '';
  const organizationId = session.metadata?.organizationId ?? '';
  if (!UUID_PATTERN.test(checkoutId) || !UUID_PATTERN.test(organizationId)) return undefined;
  const [checkout] = await db
    .select()
    .from(checkouts)
    .where(and(eq(checkouts.id, checkoutId), eq(checkouts.organizationId, organizationId)));
  if (!checkout || checkout.method !== 'card') return undefined;
  if (checkout.providerSessionId && checkout.providerSessionId !== session.id) return undefined;
  return checkout;
}

export async function applyStripeEvent(db: Db, stripe: Stripe, event: Stripe.Event, deps: { publicUrl: string; now?: Date }): Promise<EventResult> {
  if (await seen(db, event.id)) return { outcome: 'duplicate', emailIds: [] };
  const now = deps.now ?? new Date();
  if (PAID_EVENTS.has(event.type)) return applyPaidSession(db, stripe, event, String((event.data.object as { id?: string }).id), deps.publicUrl, now);
  if (event.type === 'checkout.session.expired') return applyExpiredSession(db, stripe, event, now);
  if (event.type === 'checkout.session.async_payment_failed') return applyFailedSession(db, stripe, event, now);
  if (REFUND_EVENTS.has(event.type)) return { outcome: (await applyRefundEvent(db, stripe, event, now)).outcome, emailIds: [] };
  return record(db, event, 'ignored', null);
}

async function applyPaidSession(db: Db, stripe: Stripe, event: EventLike, sessionId: string, publicUrl: string, now: Date): Promise<EventResult> {
  // Re-read: the event is a hint; Stripe's current state decides.
  const session = await retrieveSession(stripe, sessionId, ['payment_intent']);
  if (!session) return record(db, event, 'unknown-checkout', null);
  const checkout = await checkoutOf(db, session);
  if (!checkout) return record(db, event, 'unknown-checkout', null);
  if (session.payment_status !== 'paid' || !session.payment_intent) return record(db, event, 'not-paid', checkout.organizationId);
  const intent = typeof session.payment_intent === 'string' ? await stripe.paymentIntents.retrieve(session.payment_intent) : session.payment_intent;
  if (intent.status !== 'succeeded') return record(db, event, 'not-paid', checkout.organizationId);
  const currency = (intent.currency ?? session.currency ?? '').toUpperCase();
  if (currency !== checkout.currency) return record(db, event, 'currency-mismatch', checkout.organizationId);
  // Stripe's units back to ISO 4217 minor units (ISK: Stripe's 100 is one króna).
  const amountMinor = fromStripeAmount(intent.amount_received || session.amount_total || 0, currency);
  if (amountMinor === undefined) return record(db, event, 'amount-not-representable', checkout.organizationId);
  if (amountMinor <= 0) return record(db, event, 'not-paid', checkout.organizationId);

  return withScarceLocks(db, async (tx) => {
    if (!(await claim(tx, event, 'applied', checkout.organizationId))) return { outcome: 'duplicate', emailIds: [] } satisfies EventResult;
    const locked = await lockCheckout(tx, checkout.organizationId, checkout.id);
    const [existing] = await tx.select({ id: payments.id }).from(payments).where(eq(payments.providerPaymentId, intent.id));
    if (existing) {
      // Another event (or delivery) for the same payment intent got here first.
      await tx.update(providerEvents).set({ outcome: 'duplicate-payment' }).where(eq(providerEvents.id, event.id));
      return { outcome: 'duplicate-payment', emailIds: [], paymentId: existing.id } satisfies EventResult;
    }
    const org = await getOrganization(tx, checkout.organizationId);
    const zone = locked.registrations[0]?.policy.timeZone ?? org.timeZone;
    const today = localDate(now, zone);
    if (locked.checkout.status === 'expired' || locked.checkout.status === 'cancelled') {
      // Paid after we gave up on it (the events crossed): the money is real, so the gifts are back.
      for (const line of locked.lines) await lineKind(line.kind).reinstate(tx, line, { organizationId: org.id, currency, today, actor: systemActor });
    }
    const overflow = locked.lines.find((l) => l.kind === 'registration') ?? locked.lines[0];
    const parts = allocate(
      locked.lines.map((l) => ({ id: l.id, amountMinor: l.amountMinor })),
      amountMinor,
      overflow?.id,
    );
    const allocations: Allocation[] = parts.map((part) => {
      const line = locked.lines.find((l) => l.id === part.id)!;
      return { ...lineKind(line.kind).account(line), amountMinor: part.amountMinor };
    });
    const applied = await applyPayment(
      tx,
      { organizationId: org.id, checkoutId: checkout.id, method: 'card', amountMinor, currency, receivedOn: today, reference: intent.id, providerPaymentId: intent.id },
      allocations,
      systemActor,
      now,
    );
    // Refunds this payment caused (late payment, overpayment) go back to the same card.
    if (applied.refunds.length) {
      await tx
        .update(refunds)
        .set({ method: 'card', paymentId: applied.payment.id })
        .where(inArray(refunds.id, applied.refunds.map((r) => r.id)));
    }
    await tx
      .update(checkouts)
      .set({ status: 'paid', paidAt: now, providerSessionId: session.id, providerSessionUrl: null })
      .where(eq(checkouts.id, checkout.id));
    await recordAudit(tx, systemActor, {
      organizationId: org.id,
      action: 'checkout.paid',
      entityType: 'checkout',
      entityId: checkout.id,
      before: { status: locked.checkout.status },
      after: { status: 'paid', paymentId: applied.payment.id, amountMinor, eventType: event.type },
    });
    const number = checkoutNumber(org.shortName, checkout.number);
    const emailId = await queueEmailWithAttachments(
      tx,
      {
        organizationId: org.id,
        kind: 'payments.receipt',
        to: checkout.payerEmail,
        ...receiptEmail({
          orgName: org.name,
          orgSlug: org.slug,
          publicUrl,
          payerName: checkout.payerName,
          number,
          checkoutId: checkout.id,
          totalMinor: checkout.totalMinor,
          currency,
          lines: locked.lines.map((l) => ({ description: l.description, amountMinor: l.amountMinor })),
          templates: await loadEmailTemplates(tx, org.id),
          paidMinor: amountMinor,
          receivedOn: today,
          refundMinor: applied.refunds.reduce((sum, r) => sum + r.amountMinor, 0),
          guest: checkout.userId === null,
        }),
      },
      [
        { kind: 'receipt', id: applied.payment.id, filename: safeFilename(`receipt-${number}`, 'pdf') },
        ...(await giftReceiptAttachments(tx, org.id, checkout.id, org.shortName)),
      ],
    );
    await paymentTestHooks.beforeCommit?.();
    return { outcome: 'applied', emailIds: [emailId], paymentId: applied.payment.id } satisfies EventResult;
  });
}

/** A delayed payment (bank debit) failed: the checkout is cancelled and its gifts voided. */
async function applyFailedSession(db: Db, stripe: Stripe, event: Stripe.Event, now: Date): Promise<EventResult> {
  const hinted = event.data.object as { id?: string };
  const session = await retrieveSession(stripe, String(hinted.id), []);
  if (!session) return record(db, event, 'unknown-checkout', null);
  const checkout = await checkoutOf(db, session);
  if (!checkout) return record(db, event, 'unknown-checkout', null);
  if (session.payment_status === 'paid') return record(db, event, 'already-closed', checkout.organizationId);
  return withScarceLocks(db, async (tx) => {
    if (!(await claim(tx, event, 'payment-failed', checkout.organizationId))) return { outcome: 'duplicate', emailIds: [] } satisfies EventResult;
    const changed = await closeCheckout(
      db,
      { organizationId: checkout.organizationId, checkoutId: checkout.id, status: 'cancelled', reason: 'the delayed card or bank payment failed', actor: systemActor, now },
      tx,
    );
    if (!changed) await tx.update(providerEvents).set({ outcome: 'already-closed' }).where(eq(providerEvents.id, event.id));
    return { outcome: changed ? 'payment-failed' : 'already-closed', emailIds: [] } satisfies EventResult;
  });
}

async function applyExpiredSession(db: Db, stripe: Stripe, event: Stripe.Event, now: Date): Promise<EventResult> {
  const hinted = event.data.object as { id?: string };
  const session = await retrieveSession(stripe, String(hinted.id), []);
  if (!session) return record(db, event, 'unknown-checkout', null);
  const checkout = await checkoutOf(db, session);
  if (!checkout) return record(db, event, 'unknown-checkout', null);
  // Stripe says it was paid after all (or is being paid): the completed event decides.
  if (session.status !== 'expired') return record(db, event, 'already-closed', checkout.organizationId);
  return withScarceLocks(db, async (tx) => {
    if (!(await claim(tx, event, 'expired', checkout.organizationId))) return { outcome: 'duplicate', emailIds: [] } satisfies EventResult;
    const changed = await closeCheckout(
      db,
      { organizationId: checkout.organizationId, checkoutId: checkout.id, status: 'expired', reason: 'card payment page expired unpaid', actor: systemActor, now },
      tx,
    );
    if (!changed) await tx.update(providerEvents).set({ outcome: 'already-closed' }).where(eq(providerEvents.id, event.id));
    return { outcome: changed ? 'expired' : 'already-closed', emailIds: [] } satisfies EventResult;
  });
}

/**
 * The safety net for a missed webhook: card checkouts still open after `olderThanHours` are
 * re-read from Stripe. A paid one is applied exactly as its event would have been (recorded in
 * provider_events as `reconcile:<session id>`, and the unique payment intent still guards
 * against paying twice); an expired one is closed. Returns the emails to deliver.
 */
export async function reconcileOpenCheckouts(db: Db, stripe: Stripe, deps: { publicUrl: string; now?: Date; olderThanHours?: number; limit?: number }): Promise<{ emailIds: string[]; outcomes: EventOutcome[] }> {
  const now = deps.now ?? new Date();
  const cutoff = new Date(now.getTime() - (deps.olderThanHours ?? 1) * 3600_000);
  const open = await db
    .select({ id: checkouts.id, organizationId: checkouts.organizationId, sessionId: checkouts.providerSessionId })
    .from(checkouts)
    .where(and(eq(checkouts.method, 'card'), eq(checkouts.status, 'open'), isNotNull(checkouts.providerSessionId), lt(checkouts.createdAt, cutoff)))
    .limit(deps.limit ?? 100);
  const emailIds: string[] = [];
  const outcomes: EventOutcome[] = [];
  for (const row of open) {
    // Already looked at and found unpaid (a delayed payment still clearing): its own event decides.
    if (await seen(db, `reconcile:${row.sessionId}`)) continue;
    const session = await stripe.checkout.sessions.retrieve(row.sessionId!);
    if (session.status === 'complete') {
      const result = await applyPaidSession(db, stripe, { id: `reconcile:${session.id}`, type: 'reconcile.checkout.session' }, session.id, deps.publicUrl, now);
      emailIds.push(...result.emailIds);
      outcomes.push(result.outcome);
    } else if (session.status === 'expired') {
      const changed = await closeCheckout(db, { organizationId: row.organizationId, checkoutId: row.id, status: 'expired', reason: 'card payment page expired unpaid', actor: systemActor, now });
      outcomes.push(changed ? 'expired' : 'already-closed');
    }
  }
  return { emailIds, outcomes };
}
