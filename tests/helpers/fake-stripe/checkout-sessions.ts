// Checkout sessions: created and read by the app (POST/GET /v1/checkout/sessions, line_items,
// expire), and moved along their life by the test (complete, delayed payment succeeds or fails,
// expire), each step returning the event Stripe would send.
import { createEvent, type FakeEvent } from './events.ts';
import { createPaymentIntent, failPaymentIntent, succeedPaymentIntent } from './payment-intents.ts';
import { amountRefusal } from './page.ts';
import { int, invalid, missing, notFound, now, rid, type Obj } from './protocol.ts';
import type { FakeStripeStore } from './store.ts';

export function getSession(store: FakeStripeStore, id: string): Obj {
  const session = store.sessions.get(id);
  if (!session) throw notFound('checkout.session', id, 'session');
  return session;
}

function createSession(store: FakeStripeStore, p: Obj): Obj {
  if (!p.mode) throw missing('mode');
  if (p.mode !== 'payment') throw invalid('Only mode=payment is supported by the fake.', 'mode');
  if (!p.success_url) throw missing('success_url');
  const items = Array.isArray(p.line_items) ? p.line_items : [];
  if (items.length === 0) throw missing('line_items');
  let currency: string | null = null;
  let total = 0;
  const lines = items.map((item: Obj, i: number) => {
    const priceData = item?.price_data;
    if (!priceData) throw missing(`line_items[${i}][price_data]`);
    const c = String(priceData.currency ?? '').toLowerCase();
    if (!c) throw missing(`line_items[${i}][price_data][currency]`);
    if (currency && currency !== c) throw invalid('All line items must use the same currency.', `line_items[${i}][price_data][currency]`);
    currency = c;
    const unit = int(priceData.unit_amount, `line_items[${i}][price_data][unit_amount]`, 1);
    const refusal = amountRefusal(unit, c);
    if (refusal) throw invalid(refusal, `line_items[${i}][price_data][unit_amount]`, 'invalid_charge_amount');
    const quantity = int(item.quantity, `line_items[${i}][quantity]`, 1);
    const name = priceData.product_data?.name;
    if (!name) throw missing(`line_items[${i}][price_data][product_data][name]`);
    total += unit * quantity;
    return {
      id: rid('li'),
      object: 'item',
      amount_subtotal: unit * quantity,
      amount_total: unit * quantity,
      currency: c,
      description: String(name),
      quantity,
      price: { object: 'price', currency: c, unit_amount: unit, product_data: { name: String(name) } },
    };
  });
  const id = rid('cs');
  const created = now();
  const session: Obj = {
    id,
    object: 'checkout.session',
    amount_subtotal: total,
    amount_total: total,
    cancel_url: p.cancel_url ?? null,
    client_reference_id: p.client_reference_id ?? null,
    created,
    currency,
    customer_email: p.customer_email ?? null,
    expires_at: p.expires_at ? int(p.expires_at, 'expires_at') : created + 24 * 3600,
    livemode: false,
    locale: p.locale ?? null,
    metadata: p.metadata ?? {},
    mode: 'payment',
    payment_intent: null,
    payment_method_types: Array.isArray(p.payment_method_types) ? p.payment_method_types : ['card'],
    payment_status: 'unpaid',
    status: 'open',
    success_url: String(p.success_url),
    url: `${store.baseUrl}/pay/${id}`,
  };
  store.sessions.set(id, session);
  store.lineItems.set(id, lines);
  return session;
}

function withExpand(store: FakeStripeStore, session: Obj, expand: unknown): Obj {
  const wants = Array.isArray(expand) ? expand.map(String) : [];
  const out = structuredClone(session);
  if (wants.includes('payment_intent') && typeof out.payment_intent === 'string') {
    out.payment_intent = structuredClone(store.paymentIntents.get(out.payment_intent) ?? null);
  }
  if (wants.includes('line_items')) {
    const data = store.lineItems.get(session.id) ?? [];
    out.line_items = { object: 'list', data, has_more: false, url: `/v1/checkout/sessions/${session.id}/line_items` };
  }
  return out;
}

function expireOpen(session: Obj): Obj {
  if (session.status !== 'open') {
    throw invalid(`Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`, undefined, 'checkout_session_not_open');
  }
  session.status = 'expired';
  session.url = null;
  return session;
}

export function routeCheckoutSessions(store: FakeStripeStore, method: string, path: string, params: Obj): Obj | undefined {
  let m: RegExpExecArray | null;
  if (method === 'POST' && path === '/v1/checkout/sessions') return createSession(store, params);
  if (method === 'GET' && (m = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path))) return withExpand(store, getSession(store, m[1]!), params.expand);
  if (method === 'GET' && (m = /^\/v1\/checkout\/sessions\/([^/]+)\/line_items$/.exec(path))) {
    getSession(store, m[1]!);
    return { object: 'list', data: store.lineItems.get(m[1]!) ?? [], has_more: false, url: path };
  }
  if (method === 'POST' && (m = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(path))) return expireOpen(getSession(store, m[1]!));
  return undefined;
}

export function completeSession(store: FakeStripeStore, id: string, opts: { amount?: number; paymentStatus?: 'paid' | 'unpaid' } = {}): FakeEvent {
  const session = getSession(store, id);
  if (session.status !== 'open') throw new Error(`fake-stripe: session ${id} is ${session.status}, not open`);
  const amount = opts.amount ?? session.amount_total;
  const paid = (opts.paymentStatus ?? 'paid') === 'paid';
  const intent = createPaymentIntent(store, { amount, currency: session.currency, metadata: session.metadata, paid });
  session.status = 'complete';
  session.payment_status = paid ? 'paid' : 'unpaid';
  session.payment_intent = intent.id;
  session.amount_total = amount;
  return createEvent('checkout.session.completed', session);
}

function intentOf(store: FakeStripeStore, id: string): { session: Obj; intent: Obj } {
  const session = getSession(store, id);
  const intent = store.paymentIntents.get(session.payment_intent);
  if (!intent) throw new Error(`fake-stripe: session ${id} has no payment intent`);
  return { session, intent };
}

export function succeedAsyncPayment(store: FakeStripeStore, id: string): FakeEvent {
  const { session, intent } = intentOf(store, id);
  succeedPaymentIntent(intent);
  session.payment_status = 'paid';
  return createEvent('checkout.session.async_payment_succeeded', session);
}

export function failAsyncPayment(store: FakeStripeStore, id: string): FakeEvent {
  const { session, intent } = intentOf(store, id);
  failPaymentIntent(intent);
  return createEvent('checkout.session.async_payment_failed', session);
}

export function expireSession(store: FakeStripeStore, id: string): FakeEvent {
  return createEvent('checkout.session.expired', expireOpen(getSession(store, id)));
}
