// POST /webhooks/stripe: Stripe's events, verified on the raw body before anything is read
// or written. A bad signature, or one dated outside the tolerance either way, is a 400 with
// nothing written; card payments off → 404.
// Each verified event is applied once (domain/payments/provider-events.server.ts); a failure
// while applying is a 500 so Stripe delivers it again later (nothing was committed).
import type { Db } from '#db/client.server.ts';
import type { PaymentSettings } from '#lib/stripe.server.ts';
import { applyStripeEvent } from '#domain/payments/provider-events.server.ts';
import type { Logger } from '#lib/log.server.ts';
import { createStripe, type Stripe } from '#lib/stripe.server.ts';
import { BODY_LIMITS, BodyTooLargeError, declaredLength, readLimited } from '../body-limit.server.ts';

export interface WebhookDeps {
  db: Db;
  payments: PaymentSettings | null;
  log: Logger;
  publicUrl: string;
  requestId: string;
  deliverEmails(ids: string[]): Promise<void>;
  /** A ready client (tests); otherwise made from `payments`. */
  stripe?: Stripe;
  now?: Date;
}

export const STRIPE_WEBHOOK_PATH = '/webhooks/stripe';
/** Stripe's events are a few kilobytes; anything near this is not one. */
const MAX_BODY_BYTES = BODY_LIMITS.webhook;
/** How far a signature's timestamp may be from now, either way (Stripe's default: 5 minutes). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** The `t=` of a Stripe-Signature header, in seconds; undefined when absent or malformed. */
function signatureTimestamp(header: string): number | undefined {
  const part = header.split(',').find((p) => p.trim().startsWith('t='));
  const value = part?.trim().slice(2);
  return value && /^\d{1,12}$/.test(value) ? Number(value) : undefined;
}

function problem(status: number, title: string, detail: string, requestId: string): Response {
  return Response.json({ type: 'about:blank', title, status, detail, requestId }, { status, headers: { 'content-type': 'application/problem+json' } });
}

function isWellFormedEvent(event: unknown, raw: Buffer): event is Stripe.Event {
  if (!event || typeof event !== 'object') return false;
  const { id, type, data } = event as { id?: unknown; type?: unknown; data?: unknown };
  if (typeof id !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(id) || typeof type !== 'string' || type.length > 255) return false;
  const object = (data as { object?: unknown } | null | undefined)?.object;
  if (!data || typeof data !== 'object' || !object || typeof object !== 'object' || Array.isArray(object)) return false;
  return !raw.includes(0) && !holdsNul(event);
}

/** A NUL anywhere in the parsed event, keys included (JSON's `\u0000`); nesting deeper than 32 levels is no Stripe event either. */
function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\0');
  if (!value || typeof value !== 'object') return false;
  if (depth > 32) return true;
  return Object.entries(value).some(([key, inner]) => key.includes('\0') || holdsNul(inner, depth + 1));
}

export async function handleStripeWebhook(request: Request, deps: WebhookDeps): Promise<Response> {
  if (!deps.payments) return problem(404, 'Not Found', 'Card payments are not configured.', deps.requestId);
  if (request.method !== 'POST') {
    const response = problem(405, 'Method Not Allowed', 'Use POST.', deps.requestId);
    response.headers.set('allow', 'POST');
    return response;
  }
  const signature = request.headers.get('stripe-signature');
  const declared = declaredLength(request.headers);
  if (declared !== undefined && declared > MAX_BODY_BYTES) return problem(413, 'Content Too Large', 'The event is too large.', deps.requestId);
  // The raw bytes, exactly as signed: never a re-serialized JSON object. Read only up to the
  // limit, however the body is sent.
  let raw: Buffer;
  try {
    const bytes = await readLimited(request.body, MAX_BODY_BYTES);
    raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return problem(413, 'Content Too Large', 'The event is too large.', deps.requestId);
    throw error;
  }
  if (!signature) return problem(400, 'Bad Request', 'Missing Stripe-Signature header.', deps.requestId);
  // Stripe's library refuses signatures older than its tolerance but not ones dated in the
  // future; a replayed or pre-signed event is refused both ways.
  const signedAt = signatureTimestamp(signature);
  // The real clock, as Stripe's own check of the other direction uses.
  const nowSeconds = Math.floor(Date.now() / 1000);
  if (signedAt === undefined || signedAt > nowSeconds + SIGNATURE_TOLERANCE_SECONDS) {
    deps.log.warn({ path: STRIPE_WEBHOOK_PATH }, 'stripe webhook: timestamp missing or in the future');
    return problem(400, 'Bad Request', 'The signature does not match, or its timestamp is too far from now.', deps.requestId);
  }
  const stripe = deps.stripe ?? createStripe(deps.payments);
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(raw, signature, deps.payments.webhookSecret, SIGNATURE_TOLERANCE_SECONDS);
  } catch {
    deps.log.warn({ path: STRIPE_WEBHOOK_PATH }, 'stripe webhook: signature rejected');
    return problem(400, 'Bad Request', 'The signature does not match, or its timestamp is too far from now.', deps.requestId);
  }
  // Signed is not the same as well-formed: an event is an object with a string id and type and
  // an object under data, and holds no NUL (which PostgreSQL cannot store). Anything else will
  // never apply, so it is refused, not failed (Stripe would redeliver a 500 for days).
  if (!isWellFormedEvent(event, raw)) {
    deps.log.warn({ path: STRIPE_WEBHOOK_PATH }, 'stripe webhook: not a well-formed event');
    return problem(400, 'Bad Request', 'The body is not a well-formed Stripe event.', deps.requestId);
  }
  try {
    const result = await applyStripeEvent(deps.db, stripe, event, { publicUrl: deps.publicUrl, now: deps.now });
    deps.log.info({ eventId: event.id, eventType: event.type, outcome: result.outcome }, 'stripe webhook');
    if (result.emailIds.length) await deps.deliverEmails(result.emailIds);
    return Response.json({ received: true, outcome: result.outcome });
  } catch (error) {
    const e = error as { name?: string; code?: string; type?: string };
    // Only the kind of failure: messages can echo data.
    deps.log.error({ eventId: event.id, eventType: event.type, error: { name: e.name, code: e.code, type: e.type } }, 'stripe webhook: applying failed');
    return problem(500, 'Internal Server Error', 'The event could not be applied now; it will be retried.', deps.requestId);
  }
}
