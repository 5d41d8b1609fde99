// The fake Stripe HTTP server: reads each request, answers the test-side request log and the
// hosted checkout page itself, hands everything else to the REST API, and composes the protocol
// areas into the `FakeStripe` handle a test drives.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerApiRequest } from './api.ts';
import { completeSession, expireSession, failAsyncPayment, succeedAsyncPayment } from './checkout-sessions.ts';
import { createEvent, deliverEvent, signEvent, type FakeEvent, type SignOptions } from './events.ts';
import { serveHostedCheckout } from './page.ts';
import type { Obj } from './protocol.ts';
import { settleRefund } from './refunds.ts';
import { createStore, type FailureSpec, type FakeStripeOptions, type FakeStripeStore, type RequestLogEntry } from './store.ts';

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
  signedEvent(event: FakeEvent | string, options?: SignOptions): { body: string; header: string };
  /** POSTs the signed event to the webhook URL; returns the HTTP status. */
  deliver(event: FakeEvent, options?: SignOptions): Promise<{ status: number; body: string }>;
  /** New refunds are created with this status (default 'succeeded'; 'pending' to settle later). */
  setRefundStatus(status: 'succeeded' | 'pending'): void;
  /** A pending refund finishes: returns `refund.updated` (or `refund.failed` when it failed). */
  settleRefund(id: string, outcome: 'succeeded' | 'failed', failureReason?: string): FakeEvent;
  /** Makes the next matching call(s) fail with a Stripe-style error. */
  setFailure(spec?: FailureSpec): void;
  clearFailures(): void;
  close(): Promise<void>;
}

async function handle(store: FakeStripeStore, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  const url = new URL(req.url ?? '/', 'http://fake');
  const method = (req.method ?? 'GET').toUpperCase();
  const path = url.pathname;

  // Test-side view of the request log (no key needed: this is a local fake).
  if (method === 'GET' && path === '/__fake/requests') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(store.requests));
    return;
  }
  const pay = /^\/pay\/([^/]+)$/.exec(path);
  if (pay) return serveHostedCheckout(store, method, pay[1]!, res);
  answerApiRequest(store, { method, path, query: url.search.slice(1), body, headers: req.headers }, res);
}

export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const store = createStore(options);
  const server = http.createServer((req, res) => handle(store, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  store.baseUrl = `http://${options.host ?? '127.0.0.1'}:${address.port}`;

  return {
    url: store.baseUrl,
    secretKey: store.secretKey,
    webhookSecret: store.webhookSecret,
    get webhookUrl() {
      return store.webhookUrl;
    },
    sessions: store.sessions,
    paymentIntents: store.paymentIntents,
    refunds: store.refunds,
    requests: store.requests,
    setWebhookUrl(url) {
      store.webhookUrl = url;
    },
    completeSession: (id, opts) => completeSession(store, id, opts),
    succeedAsyncPayment: (id) => succeedAsyncPayment(store, id),
    failAsyncPayment: (id) => failAsyncPayment(store, id),
    expireSession: (id) => expireSession(store, id),
    event: createEvent,
    signedEvent: (ev, opts) => signEvent(store, ev, opts),
    deliver: (ev, opts) => deliverEvent(store, ev, opts),
    setRefundStatus(status) {
      store.refundStatus = status;
    },
    settleRefund: (id, outcome, failureReason) => settleRefund(store, id, outcome, failureReason),
    setFailure(spec = {}) {
      store.failures.push({ ...spec, left: spec.times ?? 1 });
    },
    clearFailures() {
      store.failures = [];
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
