// The fake Stripe server speaks the protocol the real client library expects: this test drives
// it only through createStripe (lib/stripe.server.ts), the app's one Stripe client factory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createStripe } from '#lib/stripe.server.ts';
import { parseStripeForm, startFakeStripe, type FakeStripe } from '../../tests/helpers/fake-stripe.ts';

let fake: FakeStripe;
let hook: http.Server;
const received: { body: string; signature: string }[] = [];

beforeAll(async () => {
  hook = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ body, signature: String(req.headers['stripe-signature'] ?? '') });
      res.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
  fake = await startFakeStripe({ webhookUrl: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/webhooks/stripe` });
});

afterAll(async () => {
  await fake.close();
  await new Promise((r) => hook.close(r));
});

const client = () => createStripe({ secretKey: fake.secretKey, webhookSecret: fake.webhookSecret, apiUrl: fake.url });

const sessionParams = {
  mode: 'payment' as const,
  success_url: 'http://app.test/ok?session={CHECKOUT_SESSION_ID}',
  cancel_url: 'http://app.test/cancel',
  client_reference_id: 'checkout-1',
  metadata: { checkoutId: 'checkout-1', organizationId: 'org-1' },
  line_items: [
    { quantity: 1, price_data: { currency: 'usd', unit_amount: 45000, product_data: { name: 'Intensive registration' } } },
    { quantity: 1, price_data: { currency: 'usd', unit_amount: 2500, product_data: { name: 'Gift to the financial aid fund' } } },
  ],
};

describe('fake Stripe server', () => {
  it('parses Stripe form encoding into nested objects and arrays', () => {
    expect(parseStripeForm('a[b][0][c]=1&a[b][1][c]=2&expand[]=x&expand[]=y&m[k]=v')).toEqual({
      a: { b: [{ c: '1' }, { c: '2' }] },
      expand: ['x', 'y'],
      m: { k: 'v' },
    });
  });

  it('creates, reads and completes a checkout session; same idempotency key → same session', async () => {
    const stripe = client();
    const a = await stripe.checkout.sessions.create(sessionParams, { idempotencyKey: 'checkout:checkout-1:session' });
    const b = await stripe.checkout.sessions.create(sessionParams, { idempotencyKey: 'checkout:checkout-1:session' });
    expect(b.id).toBe(a.id);
    expect(fake.sessions.size).toBe(1);
    expect(a.amount_total).toBe(47500);
    expect(a.currency).toBe('usd');
    expect(a.url).toBe(`${fake.url}/pay/${a.id}`);
    expect(a.metadata).toEqual({ checkoutId: 'checkout-1', organizationId: 'org-1' });
    const creates = fake.requests.filter((r) => r.path === '/v1/checkout/sessions');
    expect(creates.map((r) => [r.idempotencyKey, r.replayed])).toEqual([
      ['checkout:checkout-1:session', false],
      ['checkout:checkout-1:session', true],
    ]);

    // Same key, other parameters: Stripe's idempotency_error.
    await expect(
      stripe.checkout.sessions.create({ ...sessionParams, client_reference_id: 'other' }, { idempotencyKey: 'checkout:checkout-1:session' }),
    ).rejects.toMatchObject({ type: 'StripeIdempotencyError', statusCode: 400 });

    const event = fake.completeSession(a.id);
    expect(event.type).toBe('checkout.session.completed');
    const reread = await stripe.checkout.sessions.retrieve(a.id, { expand: ['payment_intent'] });
    expect(reread.payment_status).toBe('paid');
    expect(reread.status).toBe('complete');
    const intent = reread.payment_intent as { id: string; amount_received: number; currency: string };
    expect(intent.amount_received).toBe(47500);
    const pi = await stripe.paymentIntents.retrieve(intent.id);
    expect(pi.status).toBe('succeeded');

    // Signed with the library's helper, verified by the library.
    const { body, header } = fake.signedEvent(event);
    const verified = stripe.webhooks.constructEvent(body, header, fake.webhookSecret);
    expect(verified.id).toBe(event.id);
    expect(() => stripe.webhooks.constructEvent(body, header, 'whsec_wrong')).toThrow();
    const stale = fake.signedEvent(event, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect(() => stripe.webhooks.constructEvent(stale.body, stale.header, fake.webhookSecret)).toThrow(/tolerance/i);

    // Refunds: partial, then the rest, then no more.
    const r1 = await stripe.refunds.create({ payment_intent: intent.id, amount: 2500 }, { idempotencyKey: 'refund:r1' });
    expect(r1).toMatchObject({ amount: 2500, status: 'succeeded', payment_intent: intent.id });
    expect((await stripe.refunds.retrieve(r1.id)).amount).toBe(2500);
    await expect(stripe.refunds.create({ payment_intent: intent.id, amount: 50000 })).rejects.toMatchObject({ code: 'amount_too_large', statusCode: 400 });
    const r2 = await stripe.refunds.create({ payment_intent: intent.id });
    expect(r2.amount).toBe(45000);
    await expect(stripe.refunds.create({ payment_intent: intent.id })).rejects.toMatchObject({ code: 'charge_already_refunded' });
  });

  it('can leave refunds pending and settle them later with an event', async () => {
    const stripe = client();
    const s = await stripe.checkout.sessions.create({ ...sessionParams, client_reference_id: 'checkout-5' });
    fake.completeSession(s.id);
    const intent = fake.sessions.get(s.id)!.payment_intent as string;
    fake.setRefundStatus('pending');
    const r = await stripe.refunds.create({ payment_intent: intent, amount: 1000 }, { idempotencyKey: 'refund:pending-1' });
    expect(r.status).toBe('pending');
    const failed = fake.settleRefund(r.id, 'failed');
    expect(failed.type).toBe('refund.failed');
    expect((await stripe.refunds.retrieve(r.id)).status).toBe('failed');
    // A failed refund no longer counts against what may still be refunded.
    fake.setRefundStatus('succeeded');
    const again = await stripe.refunds.create({ payment_intent: intent });
    expect(again.amount).toBe(47500);
    expect(fake.settleRefund(again.id, 'succeeded').type).toBe('refund.updated');
  });

  it('expires open sessions and refuses to expire completed ones', async () => {
    const stripe = client();
    const s = await stripe.checkout.sessions.create({ ...sessionParams, client_reference_id: 'checkout-2' });
    const expired = await stripe.checkout.sessions.expire(s.id);
    expect(expired.status).toBe('expired');
    await expect(stripe.checkout.sessions.expire(s.id)).rejects.toMatchObject({ statusCode: 400, code: 'checkout_session_not_open' });
    expect(fake.expireSession).toBeTypeOf('function');
  });

  it('answers Stripe-style errors: missing parameters, unknown ids, bad keys, injected failures', async () => {
    const stripe = client();
    await expect(stripe.checkout.sessions.create({ mode: 'payment', success_url: 'http://x' })).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      code: 'parameter_missing',
      param: 'line_items',
    });
    await expect(stripe.checkout.sessions.retrieve('cs_test_nope')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
    const wrong = createStripe({ secretKey: 'sk_test_wrong', webhookSecret: 'x', apiUrl: fake.url });
    await expect(wrong.paymentIntents.retrieve('pi_x')).rejects.toMatchObject({ type: 'StripeAuthenticationError', statusCode: 401 });

    // A 500 the library retries with the same idempotency key: the second attempt succeeds.
    fake.setFailure({ method: 'POST', path: '/v1/checkout/sessions', status: 500 });
    const before = fake.requests.length;
    const s = await stripe.checkout.sessions.create({ ...sessionParams, client_reference_id: 'checkout-3' }, { idempotencyKey: 'checkout:checkout-3:session' });
    const attempts = fake.requests.slice(before);
    expect(attempts.map((r) => r.status)).toEqual([500, 200]);
    expect(new Set(attempts.map((r) => r.idempotencyKey))).toEqual(new Set(['checkout:checkout-3:session']));
    expect(fake.sessions.get(s.id)).toBeDefined();

    // A card decline that must not be retried.
    fake.setFailure({ path: '/v1/refunds', status: 402, code: 'card_declined', shouldRetry: false });
    await expect(stripe.refunds.create({ payment_intent: 'pi_x' })).rejects.toMatchObject({ statusCode: 402, code: 'card_declined' });
  });

  it('serves an accessible hosted page whose Pay button completes the session, signs the event to the webhook and redirects', async () => {
    const stripe = client();
    const s = await stripe.checkout.sessions.create({ ...sessionParams, client_reference_id: 'checkout-4' });
    const page = await fetch(s.url!);
    const html = await page.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toMatch(/<button type="submit">Pay/);
    expect(html).toContain('<label for="card">');
    const paid = await fetch(s.url!, { method: 'POST', body: new URLSearchParams({ card: '4242' }), redirect: 'manual' });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`http://app.test/ok?session=${s.id}`);
    const delivered = received.at(-1)!;
    const event = stripe.webhooks.constructEvent(delivered.body, delivered.signature, fake.webhookSecret);
    expect(event.type).toBe('checkout.session.completed');
    expect((event.data.object as { id: string }).id).toBe(s.id);
    expect(fake.sessions.get(s.id)!.payment_status).toBe('paid');
  });
});
