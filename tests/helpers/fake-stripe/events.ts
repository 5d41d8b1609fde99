// Events: built around a snapshot of an object, signed the way Stripe signs webhooks (with the
// library's own test helper, so the app's verification is the real one) and POSTed to the webhook.
import Stripe from 'stripe';
import { API_VERSION, now, rid, type Obj } from './protocol.ts';
import type { FakeStripeStore } from './store.ts';

export interface FakeEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
  data: { object: Record<string, unknown> };
}

export interface SignOptions {
  timestamp?: number;
  secret?: string;
}

const signer = new Stripe('sk_test_signer', { telemetry: false });

export function createEvent(type: string, object: Obj): FakeEvent {
  return {
    id: rid('evt'),
    object: 'event',
    api_version: API_VERSION,
    created: now(),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object: structuredClone(object) },
  };
}

export function signEvent(store: FakeStripeStore, ev: FakeEvent | string, opts: SignOptions = {}) {
  const body = typeof ev === 'string' ? ev : JSON.stringify(ev, null, 2);
  const header = signer.webhooks.generateTestHeaderString({
    payload: body,
    secret: opts.secret ?? store.webhookSecret,
    ...(opts.timestamp !== undefined ? { timestamp: opts.timestamp } : {}),
  });
  return { body, header };
}

export async function deliverEvent(store: FakeStripeStore, ev: FakeEvent, opts: SignOptions = {}) {
  if (!store.webhookUrl) throw new Error('fake-stripe: no webhook URL configured');
  const { body, header } = signEvent(store, ev, opts);
  const response = await fetch(store.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': header }, body });
  return { status: response.status, body: await response.text() };
}
