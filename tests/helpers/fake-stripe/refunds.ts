// Refunds against a succeeded payment intent: created (POST /v1/refunds, never more than was
// received), listed newest first and read by the app, and settled later by the test when
// they were created pending.
import { createEvent, type FakeEvent } from './events.ts';
import { amountRefusal, formatAmount } from './page.ts';
import { int, invalid, missing, notFound, now, rid, type Obj } from './protocol.ts';
import type { FakeStripeStore } from './store.ts';

function createRefund(store: FakeStripeStore, p: Obj): Obj {
  const intentId = p.payment_intent ?? null;
  if (!intentId) throw missing('payment_intent');
  const intent = store.paymentIntents.get(String(intentId));
  if (!intent) throw notFound('payment_intent', String(intentId), 'payment_intent');
  if (intent.status !== 'succeeded') throw invalid('This PaymentIntent has not succeeded.', 'payment_intent', 'payment_intent_unexpected_state');
  const already = [...store.refunds.values()].filter((r) => r.payment_intent === intent.id && r.status !== 'failed').reduce((s, r) => s + r.amount, 0);
  const remaining = intent.amount_received - already;
  if (remaining <= 0) throw invalid(`Charge ${intent.latest_charge} has already been refunded.`, undefined, 'charge_already_refunded');
  const amount = p.amount === undefined ? remaining : int(p.amount, 'amount', 1);
  const refusal = amountRefusal(amount, String(intent.currency));
  if (refusal) throw invalid(refusal, 'amount', 'invalid_charge_amount');
  if (amount > remaining) {
    throw invalid(`Refund amount (${formatAmount(amount, intent.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, intent.currency)})`, 'amount', 'amount_too_large');
  }
  const refund: Obj = {
    id: rid('re'),
    object: 'refund',
    amount,
    charge: intent.latest_charge,
    created: now(),
    currency: intent.currency,
    metadata: p.metadata ?? {},
    payment_intent: intent.id,
    reason: p.reason ?? null,
    status: store.refundStatus,
    failure_reason: null,
  };
  store.refunds.set(refund.id, refund);
  return refund;
}

/** GET /v1/refunds: newest first, filtered by payment_intent, paged with limit and starting_after. */
function listRefunds(store: FakeStripeStore, p: Obj): Obj {
  const limit = p.limit === undefined ? 10 : int(p.limit, 'limit', 1);
  let all = [...store.refunds.values()].filter((r) => p.payment_intent === undefined || r.payment_intent === p.payment_intent).reverse();
  if (p.starting_after !== undefined) all = all.slice(all.findIndex((r) => r.id === p.starting_after) + 1);
  return { object: 'list', data: all.slice(0, limit), has_more: all.length > limit, url: '/v1/refunds' };
}

export function routeRefunds(store: FakeStripeStore, method: string, path: string, params: Obj): Obj | undefined {
  let m: RegExpExecArray | null;
  if (method === 'POST' && path === '/v1/refunds') return createRefund(store, params);
  if (method === 'GET' && path === '/v1/refunds') return listRefunds(store, params);
  if (method === 'GET' && (m = /^\/v1\/refunds\/([^/]+)$/.exec(path))) {
    const refund = store.refunds.get(m[1]!);
    if (!refund) throw notFound('refund', m[1]!);
    return refund;
  }
  return undefined;
}

export function settleRefund(store: FakeStripeStore, id: string, outcome: 'succeeded' | 'failed', failureReason = 'lost_or_stolen_card'): FakeEvent {
  const refund = store.refunds.get(id);
  if (!refund) throw new Error(`fake-stripe: no refund ${id}`);
  refund.status = outcome;
  refund.failure_reason = outcome === 'failed' ? failureReason : null;
  return createEvent(outcome === 'failed' ? 'refund.failed' : 'refund.updated', refund);
}
