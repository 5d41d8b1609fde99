// The writes the crash and fault modules drive: applications through the API (as a person
// without a session) and Stripe webhook deliveries signed by the local fake Stripe, each
// recorded with the answer the client got; and the setup of card checkouts to pay.
import crypto from 'node:crypto';
import type { Db } from '../../db/client.server.ts';
import { createCheckout } from '../../domain/payments/create-checkout.server.ts';
import type { FakeEvent, FakeStripe } from '../../tests/helpers/fake-stripe.ts';
import { createCourse, validAnswers } from '../../tests/helpers/fixtures.ts';
import { stripeSettings } from '../../tests/helpers/money-fixtures.ts';
import { placeMany } from '../../bench/lib/payments-setup.ts';

export const OPEN_NOW = { registrationOpensOn: null, registrationDeadline: '2099-12-31', startsOn: '2099-12-30', endsOn: '2099-12-31', earlyRateUntil: null, cancellationDeadline: '2099-12-01' };

export interface Answer {
  /** 0: no answer (the connection failed: the app died or was unreachable). */
  status: number;
  ms: number;
  at: number;
  /** The Retry-After header, when the answer had one (503 while the database is down). */
  retryAfter?: string;
}

export interface ApplicationAnswer extends Answer {
  email: string;
  key: string;
  id?: string;
}

export async function apply(baseUrl: string, org: string, course: string, email: string, timeoutMs = 15_000): Promise<ApplicationAnswer> {
  const key = `resilience-${crypto.randomBytes(6).toString('hex')}`;
  const started = performance.now();
  try {
    const response = await fetch(`${baseUrl}/api/v1/organizations/${org}/courses/${course}/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ name: 'Resilience Applicant', email, categoryKey: 'non_member', answers: validAnswers() }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json().catch(() => ({}))) as { id?: string };
    return { status: response.status, ms: performance.now() - started, at: Date.now(), email, key, id: body.id, retryAfter: response.headers.get('retry-after') ?? undefined };
  } catch {
    return { status: 0, ms: performance.now() - started, at: Date.now(), email, key };
  }
}

export async function deliver(baseUrl: string, fake: FakeStripe, event: FakeEvent, timeoutMs = 15_000): Promise<Answer> {
  const started = performance.now();
  try {
    const { body, header } = fake.signedEvent(event);
    const response = await fetch(`${baseUrl}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': header },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    return { status: response.status, ms: performance.now() - started, at: Date.now() };
  } catch {
    return { status: 0, ms: performance.now() - started, at: Date.now() };
  }
}

/** `count` registrations in a new course, each with a card checkout completed on the fake Stripe: the events to deliver. */
export async function paidCheckouts(db: Db, appUrl: string, fake: FakeStripe, organizationId: string, count: number) {
  const course = await createCourse(db, organizationId, { ...OPEN_NOW, capacity: count + 10 });
  const regs = await placeMany(db, appUrl, organizationId, course.id, count);
  const sessions: string[] = [];
  for (const reg of regs) {
    const created = await createCheckout(
      db,
      { organizationId, userId: reg.userId, payer: { name: reg.name, email: reg.email }, lines: [{ kind: 'registration', registrationId: reg.id }], method: 'card' },
      { userId: reg.userId, requestId: null },
      { publicUrl: appUrl, payments: stripeSettings(fake) },
    );
    sessions.push(created.checkout.providerSessionId!);
  }
  return { course, sessions, events: sessions.map((id) => fake.completeSession(id)) };
}

/** Runs `work(i)` for i in [0, count) over `concurrency` workers until done or `stop()` says so. */
export async function pool<T>(count: number, concurrency: number, work: (i: number) => Promise<T>, stop: () => boolean = () => false): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, async () => {
      for (;;) {
        if (stop()) return;
        const i = next++;
        if (i >= count) return;
        results[i] = await work(i);
      }
    }),
  );
  return results;
}
