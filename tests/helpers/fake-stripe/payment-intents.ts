// Payment intents and their charges: an intent is made when a checkout session completes
// (succeeded, or processing for a delayed method), carries the id of the charge once money
// arrived, and is read by the app through GET /v1/payment_intents/:id.
import { notFound, now, rid, type Obj } from './protocol.ts';
import type { FakeStripeStore } from './store.ts';

export function createPaymentIntent(store: FakeStripeStore, input: { amount: number; currency: string; metadata: Obj; paid: boolean }): Obj {
  const intent: Obj = {
    id: rid('pi'),
    object: 'payment_intent',
    amount: input.amount,
    amount_received: input.paid ? input.amount : 0,
    currency: input.currency,
    created: now(),
    latest_charge: input.paid ? rid('ch') : null,
    livemode: false,
    metadata: { ...input.metadata },
    status: input.paid ? 'succeeded' : 'processing',
  };
  store.paymentIntents.set(intent.id, intent);
  return intent;
}

/** A delayed payment clears: the whole amount arrives as one charge. */
export function succeedPaymentIntent(intent: Obj): void {
  intent.status = 'succeeded';
  intent.amount_received = intent.amount;
  intent.latest_charge = rid('ch');
}

/** A delayed payment fails: Stripe asks for another payment method. */
export function failPaymentIntent(intent: Obj): void {
  intent.status = 'requires_payment_method';
}

export function routePaymentIntents(store: FakeStripeStore, method: string, path: string): Obj | undefined {
  const m = method === 'GET' ? /^\/v1\/payment_intents\/([^/]+)$/.exec(path) : null;
  if (!m) return undefined;
  const intent = store.paymentIntents.get(m[1]!);
  if (!intent) throw notFound('payment_intent', m[1]!);
  return intent;
}
