// Everything one fake Stripe server remembers. Each protocol area (checkout sessions, payment
// intents, refunds, events, the API front door) takes this one object, so the state is visible
// in one place instead of spread over closures.
import { randomBytes } from 'node:crypto';
import type { Obj } from './protocol.ts';

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

/** The response first given under an idempotency key, replayed for the same request. */
export interface StoredResponse {
  route: string;
  params: string;
  status: number;
  body: string;
}

export interface FakeStripeStore {
  secretKey: string;
  webhookSecret: string;
  webhookUrl: string | undefined;
  /** The server's own URL, known once it listens; hosted-page URLs start with it. */
  baseUrl: string;
  sessions: Map<string, Obj>;
  lineItems: Map<string, Obj[]>;
  paymentIntents: Map<string, Obj>;
  refunds: Map<string, Obj>;
  /** New refunds are created with this status. */
  refundStatus: 'succeeded' | 'pending';
  requests: RequestLogEntry[];
  idempotent: Map<string, StoredResponse>;
  failures: (FailureSpec & { left: number })[];
}

export function createStore(options: FakeStripeOptions): FakeStripeStore {
  return {
    secretKey: options.secretKey ?? `sk_test_fake${randomBytes(8).toString('hex')}`,
    webhookSecret: options.webhookSecret ?? `whsec_fake${randomBytes(16).toString('hex')}`,
    webhookUrl: options.webhookUrl,
    baseUrl: '',
    sessions: new Map(),
    lineItems: new Map(),
    paymentIntents: new Map(),
    refunds: new Map(),
    refundStatus: 'succeeded',
    requests: [],
    idempotent: new Map(),
    failures: [],
  };
}
