// A local HTTP server speaking the part of Stripe's REST protocol Balint Hub uses, so tests
// and offline development run card payments end to end without the network:
//   POST /v1/checkout/sessions, GET /v1/checkout/sessions/:id, POST /v1/checkout/sessions/:id/expire,
//   GET /v1/payment_intents/:id, POST /v1/refunds, GET /v1/refunds (payment_intent filter), GET /v1/refunds/:id.
// Like Stripe it takes form-encoded bodies (`a[b][0][c]=x`), answers JSON, wants
// `Authorization: Bearer <secret key>`, honours `Idempotency-Key` (same key + same parameters →
// the same response, replayed; same key + other parameters → 400 idempotency_error) and answers
// errors as `{ error: { type, code, message, param } }`.
//
// It also serves a small hosted-checkout page at each session's `url`: pressing "Pay" completes
// the session, POSTs a signed `checkout.session.completed` event to the webhook URL and
// redirects to the session's success_url — a browser test pays by card through it.
//
// In tests:   const fake = await startFakeStripe({ webhookUrl });  … await fake.close();
// GET /__fake/requests answers the request log (for browser tests in another process).
// Standalone: node tests/helpers/fake-stripe.ts --port 12111 --webhook http://localhost:3000/webhooks/stripe
//             (prints the URL and keys; set STRIPE_API_URL / STRIPE_SECRET_KEY / STRIPE_WEBHOOK_SECRET).
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { amountRefusal, formatAmount, hostedPage } from './fake-stripe-page.ts';
import { int, invalid, missing, notFound, parseStripeForm, StripeFailure, type Obj } from './fake-stripe-protocol.ts';

export interface FakeStripeOptions {
  port?: number;
  host?: string;
  secretKey?: string;
  webhookSecret?: string;
  /** Where the hosted page (and `deliver`) POSTs signed events. */
  webhookUrl?: string;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  idempotencyKey: string | null;
  params: Record<string, unknown>;
  status: number;
  replayed: boolean;
  at: string;
}

export interface FailureSpec {
  /** Only requests whose method matches (default: any). */
  method?: string;
  /** Only requests whose path starts with this string or matches this pattern (default: any). */
  path?: string | RegExp;
  status?: number;
  type?: string;
  code?: string;
  message?: string;
  /** How many matching requests fail (default 1). */
  times?: number;
  /** Sets the Stripe-Should-Retry header, which the library obeys. */
  shouldRetry?: boolean;
  /**
   * As Stripe does for a request that reached the endpoint (a 500 included): the error is
   * stored under the request's idempotency key and replayed for every later request with it.
   */
  storedUnderKey?: boolean;
}

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


export interface FakeStripe {
  url: string;
  secretKey: string;
  webhookSecret: string;
  webhookUrl: string | undefined;
  sessions: Map<string, Obj>;
  paymentIntents: Map<string, Obj>;
  refunds: Map<string, Obj>;
  requests: RequestLogEntry[];
  setWebhookUrl(url: string | undefined): void;
  /** Marks the session paid (or `paymentStatus: 'unpaid'` for a delayed method), creates its
   * payment intent and returns the `checkout.session.completed` event (not yet sent). */
  completeSession(id: string, options?: { amount?: number; paymentStatus?: 'paid' | 'unpaid' }): FakeEvent;
  /** A delayed payment (bank debit) clears: returns `checkout.session.async_payment_succeeded`. */
  succeedAsyncPayment(id: string): FakeEvent;
  /** A delayed payment fails: returns `checkout.session.async_payment_failed`. */
  failAsyncPayment(id: string): FakeEvent;
  /** Expires an open session; returns `checkout.session.expired`. */
  expireSession(id: string): FakeEvent;
  /** Any event around an object (e.g. an unknown type). */
  event(type: string, object: Obj): FakeEvent;
  /** A body and a `Stripe-Signature` header made with the library's test helper. */
  signedEvent(event: FakeEvent | string, options?: { timestamp?: number; secret?: string }): { body: string; header: string };
  /** POSTs the signed event to the webhook URL; returns the HTTP status. */
  deliver(event: FakeEvent, options?: { timestamp?: number; secret?: string }): Promise<{ status: number; body: string }>;
  /** New refunds are created with this status (default 'succeeded'; 'pending' to settle later). */
  setRefundStatus(status: 'succeeded' | 'pending'): void;
  /** A pending refund finishes: returns `refund.updated` (or `refund.failed` when it failed). */
  settleRefund(id: string, outcome: 'succeeded' | 'failed', failureReason?: string): FakeEvent;
  /** Makes the next matching call(s) fail with a Stripe-style error. */
  setFailure(spec?: FailureSpec): void;
  clearFailures(): void;
  close(): Promise<void>;
}

const API_VERSION = '2026-10-28.endive';
const signer = new Stripe('sk_test_signer', { telemetry: false });

function rid(prefix: string): string {
  return `${prefix}_test_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
}

const now = () => Math.floor(Date.now() / 1000);

export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const secretKey = options.secretKey ?? `sk_test_fake${randomBytes(8).toString('hex')}`;
  const webhookSecret = options.webhookSecret ?? `whsec_fake${randomBytes(16).toString('hex')}`;
  let webhookUrl = options.webhookUrl;
  const sessions = new Map<string, Obj>();
  const lineItems = new Map<string, Obj[]>();
  const paymentIntents = new Map<string, Obj>();
  const refunds = new Map<string, Obj>();
  const requests: RequestLogEntry[] = [];
  const idempotent = new Map<string, { route: string; params: string; status: number; body: string }>();
  let failures: (FailureSpec & { left: number })[] = [];
  let refundStatus: 'succeeded' | 'pending' = 'succeeded';
  let baseUrl = '';

  const event = (type: string, object: Obj): FakeEvent => ({
    id: rid('evt'),
    object: 'event',
    api_version: API_VERSION,
    created: now(),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object: structuredClone(object) },
  });

  function getSession(id: string): Obj {
    const session = sessions.get(id);
    if (!session) throw notFound('checkout.session', id, 'session');
    return session;
  }

  function createSession(p: Obj): Obj {
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
      url: `${baseUrl}/pay/${id}`,
    };
    sessions.set(id, session);
    lineItems.set(id, lines);
    return session;
  }

  function withExpand(session: Obj, expand: unknown): Obj {
    const wants = Array.isArray(expand) ? expand.map(String) : [];
    const out = structuredClone(session);
    if (wants.includes('payment_intent') && typeof out.payment_intent === 'string') {
      out.payment_intent = structuredClone(paymentIntents.get(out.payment_intent) ?? null);
    }
    if (wants.includes('line_items')) {
      const data = lineItems.get(session.id) ?? [];
      out.line_items = { object: 'list', data, has_more: false, url: `/v1/checkout/sessions/${session.id}/line_items` };
    }
    return out;
  }

  function completeSession(id: string, opts: { amount?: number; paymentStatus?: 'paid' | 'unpaid' } = {}): FakeEvent {
    const session = getSession(id);
    if (session.status !== 'open') throw new Error(`fake-stripe: session ${id} is ${session.status}, not open`);
    const amount = opts.amount ?? session.amount_total;
    const paid = (opts.paymentStatus ?? 'paid') === 'paid';
    const intent: Obj = {
      id: rid('pi'),
      object: 'payment_intent',
      amount,
      amount_received: paid ? amount : 0,
      currency: session.currency,
      created: now(),
      latest_charge: paid ? rid('ch') : null,
      livemode: false,
      metadata: { ...session.metadata },
      status: paid ? 'succeeded' : 'processing',
    };
    paymentIntents.set(intent.id, intent);
    session.status = 'complete';
    session.payment_status = paid ? 'paid' : 'unpaid';
    session.payment_intent = intent.id;
    session.amount_total = amount;
    return event('checkout.session.completed', session);
  }

  function succeedAsyncPayment(id: string): FakeEvent {
    const session = getSession(id);
    const intent = paymentIntents.get(session.payment_intent);
    if (!intent) throw new Error(`fake-stripe: session ${id} has no payment intent`);
    intent.status = 'succeeded';
    intent.amount_received = intent.amount;
    intent.latest_charge = rid('ch');
    session.payment_status = 'paid';
    return event('checkout.session.async_payment_succeeded', session);
  }

  function failAsyncPayment(id: string): FakeEvent {
    const session = getSession(id);
    const intent = paymentIntents.get(session.payment_intent);
    if (!intent) throw new Error(`fake-stripe: session ${id} has no payment intent`);
    intent.status = 'requires_payment_method';
    return event('checkout.session.async_payment_failed', session);
  }

  function expireOpen(session: Obj): Obj {
    if (session.status !== 'open') {
      throw invalid(`Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`, undefined, 'checkout_session_not_open');
    }
    session.status = 'expired';
    session.url = null;
    return session;
  }

  function createRefund(p: Obj): Obj {
    const intentId = p.payment_intent ?? null;
    if (!intentId) throw missing('payment_intent');
    const intent = paymentIntents.get(String(intentId));
    if (!intent) throw notFound('payment_intent', String(intentId), 'payment_intent');
    if (intent.status !== 'succeeded') throw invalid('This PaymentIntent has not succeeded.', 'payment_intent', 'payment_intent_unexpected_state');
    const already = [...refunds.values()].filter((r) => r.payment_intent === intent.id && r.status !== 'failed').reduce((s, r) => s + r.amount, 0);
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
      status: refundStatus,
      failure_reason: null,
    };
    refunds.set(refund.id, refund);
    return refund;
  }

  /** GET /v1/refunds: newest first, filtered by payment_intent, paged with limit and starting_after. */
  function listRefunds(p: Obj): Obj {
    const limit = p.limit === undefined ? 10 : int(p.limit, 'limit', 1);
    let all = [...refunds.values()].filter((r) => p.payment_intent === undefined || r.payment_intent === p.payment_intent).reverse();
    if (p.starting_after !== undefined) all = all.slice(all.findIndex((r) => r.id === p.starting_after) + 1);
    return { object: 'list', data: all.slice(0, limit), has_more: all.length > limit, url: '/v1/refunds' };
  }

  function route(method: string, path: string, params: Obj): Obj {
    let m: RegExpExecArray | null;
    if (method === 'POST' && path === '/v1/checkout/sessions') return createSession(params);
    if (method === 'GET' && (m = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path))) return withExpand(getSession(m[1]!), params.expand);
    if (method === 'GET' && (m = /^\/v1\/checkout\/sessions\/([^/]+)\/line_items$/.exec(path))) {
      getSession(m[1]!);
      return { object: 'list', data: lineItems.get(m[1]!) ?? [], has_more: false, url: path };
    }
    if (method === 'POST' && (m = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(path))) return expireOpen(getSession(m[1]!));
    if (method === 'GET' && (m = /^\/v1\/payment_intents\/([^/]+)$/.exec(path))) {
      const intent = paymentIntents.get(m[1]!);
      if (!intent) throw notFound('payment_intent', m[1]!);
      return intent;
    }
    if (method === 'POST' && path === '/v1/refunds') return createRefund(params);
    if (method === 'GET' && path === '/v1/refunds') return listRefunds(params);
    if (method === 'GET' && (m = /^\/v1\/refunds\/([^/]+)$/.exec(path))) {
      const refund = refunds.get(m[1]!);
      if (!refund) throw notFound('refund', m[1]!);
      return refund;
    }
    throw new StripeFailure(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path}).`);
  }

  async function deliver(ev: FakeEvent, opts: { timestamp?: number; secret?: string } = {}) {
    if (!webhookUrl) throw new Error('fake-stripe: no webhook URL configured');
    const { body, header } = signedEvent(ev, opts);
    const response = await fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': header }, body });
    return { status: response.status, body: await response.text() };
  }

  function signedEvent(ev: FakeEvent | string, opts: { timestamp?: number; secret?: string } = {}) {
    const body = typeof ev === 'string' ? ev : JSON.stringify(ev, null, 2);
    const header = signer.webhooks.generateTestHeaderString({
      payload: body,
      secret: opts.secret ?? webhookSecret,
      ...(opts.timestamp !== undefined ? { timestamp: opts.timestamp } : {}),
    });
    return { body, header };
  }

  function takeFailure(method: string, path: string): (FailureSpec & { left: number }) | undefined {
    const f = failures.find(
      (x) =>
        x.left > 0 &&
        (!x.method || x.method.toUpperCase() === method) &&
        (!x.path || (typeof x.path === 'string' ? path.startsWith(x.path) : x.path.test(path))),
    );
    if (f) {
      f.left -= 1;
      failures = failures.filter((x) => x.left > 0);
    }
    return f;
  }

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname;

    // Test-side view of the request log (no key needed: this is a local fake).
    if (method === 'GET' && path === '/__fake/requests') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(requests));
      return;
    }

    // The hosted checkout page.
    const pay = /^\/pay\/([^/]+)$/.exec(path);
    if (pay) {
      const session = sessions.get(pay[1]!);
      if (!session) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('No such checkout session');
        return;
      }
      if (method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(hostedPage(session, lineItems.get(session.id) ?? []));
        return;
      }
      if (method === 'POST' && session.status === 'open') {
        const ev = completeSession(session.id);
        if (webhookUrl) {
          try {
            await deliver(ev);
          } catch {
            // Stripe retries later; the app re-reads the session anyway.
          }
        }
        const target = String(session.success_url).replace('{CHECKOUT_SESSION_ID}', session.id);
        res.writeHead(303, { location: target }).end();
        return;
      }
      res.writeHead(303, { location: `/pay/${session.id}` }).end();
      return;
    }

    const send = (status: number, body: string, replayed: boolean, params: Obj, key: string | null, extraHeaders: Obj = {}) => {
      requests.push({ method, path, idempotencyKey: key, params, status, replayed, at: new Date().toISOString() });
      res.writeHead(status, {
        'content-type': 'application/json',
        'request-id': rid('req'),
        'stripe-version': API_VERSION,
        ...(key ? { 'idempotency-key': key } : {}),
        ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
        ...extraHeaders,
      });
      res.end(body);
    };

    const params = method === 'GET' || method === 'DELETE' ? parseStripeForm(url.search.slice(1)) : parseStripeForm(raw);
    const key = (req.headers['idempotency-key'] as string | undefined) ?? null;

    const auth = req.headers.authorization ?? '';
    const basic = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':')[0] : null;
    if (auth !== `Bearer ${secretKey}` && basic !== secretKey) {
      const body = { error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' } };
      send(401, JSON.stringify(body), false, params, key);
      return;
    }

    const failure = takeFailure(method, path);
    if (failure) {
      const status = failure.status ?? 500;
      const body = {
        error: {
          type: failure.type ?? (status >= 500 ? 'api_error' : status === 402 ? 'card_error' : 'invalid_request_error'),
          message: failure.message ?? 'Simulated failure from the fake Stripe server.',
          ...(failure.code ? { code: failure.code } : {}),
        },
      };
      if (failure.storedUnderKey && key && method === 'POST') idempotent.set(key, { route: `${method} ${path}`, params: JSON.stringify(params), status, body: JSON.stringify(body) });
      send(status, JSON.stringify(body), false, params, key, failure.shouldRetry === undefined ? {} : { 'stripe-should-retry': String(failure.shouldRetry) });
      return;
    }

    const routeKey = `${method} ${path}`;
    const paramsJson = JSON.stringify(params);
    if (key && method === 'POST') {
      const previous = idempotent.get(key);
      if (previous) {
        if (previous.route !== routeKey || previous.params !== paramsJson) {
          const body = {
            error: {
              type: 'idempotency_error',
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
            },
          };
          send(400, JSON.stringify(body), false, params, key);
          return;
        }
        send(previous.status, previous.body, true, params, key);
        return;
      }
    }

    let status = 200;
    let body: string;
    try {
      body = JSON.stringify(route(method, path, params));
    } catch (error) {
      if (!(error instanceof StripeFailure)) throw error;
      status = error.status;
      body = JSON.stringify(error.body);
    }
    if (key && method === 'POST') idempotent.set(key, { route: routeKey, params: paramsJson, status, body });
    send(status, body, false, params, key);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  baseUrl = `http://${options.host ?? '127.0.0.1'}:${address.port}`;

  return {
    url: baseUrl,
    secretKey,
    webhookSecret,
    get webhookUrl() {
      return webhookUrl;
    },
    sessions,
    paymentIntents,
    refunds,
    requests,
    setWebhookUrl(url) {
      webhookUrl = url;
    },
    completeSession,
    succeedAsyncPayment,
    failAsyncPayment,
    expireSession(id) {
      return event('checkout.session.expired', expireOpen(getSession(id)));
    },
    event,
    signedEvent,
    deliver,
    setRefundStatus(status) {
      refundStatus = status;
    },
    settleRefund(id, outcome, failureReason = 'lost_or_stolen_card') {
      const refund = refunds.get(id);
      if (!refund) throw new Error(`fake-stripe: no refund ${id}`);
      refund.status = outcome;
      refund.failure_reason = outcome === 'failed' ? failureReason : null;
      return event(outcome === 'failed' ? 'refund.failed' : 'refund.updated', refund);
    },
    setFailure(spec = {}) {
      failures.push({ ...spec, left: spec.times ?? 1 });
    },
    clearFailures() {
      failures = [];
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const isMain = (import.meta as { main?: boolean }).main ?? process.argv[1]?.endsWith('fake-stripe.ts');
if (isMain) {
  const fake = await startFakeStripe({
    port: Number(argument('port') ?? process.env.PORT ?? 12111),
    host: argument('host') ?? '127.0.0.1',
    webhookUrl: argument('webhook'),
    secretKey: argument('secret-key') ?? process.env.STRIPE_SECRET_KEY ?? 'sk_test_fakelocal',
    webhookSecret: argument('webhook-secret') ?? process.env.STRIPE_WEBHOOK_SECRET ?? 'whsec_fakelocal',
  });
  process.stdout.write(
    `Fake Stripe listening at ${fake.url}\n` +
      `  STRIPE_API_URL=${fake.url}\n  STRIPE_SECRET_KEY=${fake.secretKey}\n  STRIPE_WEBHOOK_SECRET=${fake.webhookSecret}\n` +
      `  webhook: ${fake.webhookUrl ?? '(none: pass --webhook http://localhost:3000/webhooks/stripe)'}\n`,
  );
  const stop = () => void fake.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export { parseStripeForm };
