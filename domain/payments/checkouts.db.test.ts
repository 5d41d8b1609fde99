// Creating card checkouts and invoices against PostgreSQL and the fake Stripe server: checkouts
// made under the money locks, Stripe calls with business idempotency keys, provider failures,
// refused lines, older card pages expired, invoices emailed, double submits.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { outboxMessages } from '#db/schema/email.ts';
import { checkouts, donations, ledgerEntries } from '#db/schema/money.ts';
import { DomainError } from '#domain/errors.ts';
import { addDays, localDate } from '#domain/money/policy.ts';
import { idempotencyKeys } from './checkout-records.server.ts';
import type { LineInput } from './line-kinds.server.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { startFakeStripe, type FakeStripe } from '../../tests/helpers/fake-stripe.ts';
import { paymentsFixtures } from '../../tests/helpers/payments-fixtures.ts';

const testDb = useTestDatabase();
const publicUrl = 'http://hub.test';
let fake: FakeStripe;

beforeAll(async () => {
  fake = await startFakeStripe();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.clearFailures();
});

const { setup } = paymentsFixtures(testDb, { publicUrl, fake: () => fake });

describe('creating a card checkout', () => {
  test('prices the registration at its balance, asks Stripe once with the checkout idempotency key, stores the session', async () => {
    const { registration, checkout, checkoutRow } = await setup();
    const before = fake.requests.length;
    const created = await checkout([{ kind: 'registration', registrationId: registration.id }]);
    expect(created.lines.map((l) => [l.kind, l.amountMinor])).toEqual([['registration', 90000]]);
    expect(created.checkout.totalMinor).toBe(90000);
    const session = fake.sessions.get(created.checkout.providerSessionId!)!;
    expect(created.redirectUrl).toBe(session.url);
    expect(session.amount_total).toBe(90000);
    expect(session.currency).toBe('usd');
    expect(session.metadata).toEqual({ checkoutId: created.checkout.id, organizationId: registration.organizationId });
    expect(session.client_reference_id).toBe(created.checkout.id);
    expect(session.success_url).toMatch(new RegExp(`/checkouts/${created.checkout.id}\\?session_id=\\{CHECKOUT_SESSION_ID\\}$`));
    const calls = fake.requests.slice(before);
    expect(calls.map((c) => [c.method, c.path, c.idempotencyKey])).toEqual([['POST', '/v1/checkout/sessions', idempotencyKeys.session(created.checkout.id)]]);
    expect((await checkoutRow(created.checkout.id)).status).toBe('open');
  });

  test('a provider failure is retried with the same key; a lasting failure cancels the checkout and voids its gift', async () => {
    const { registration, checkout, org } = await setup();
    fake.setFailure({ path: '/v1/checkout/sessions', method: 'POST', status: 500 });
    const before = fake.requests.length;
    const created = await checkout([{ kind: 'registration', registrationId: registration.id }]);
    const attempts = fake.requests.slice(before);
    expect(attempts.map((a) => a.status)).toEqual([500, 200]);
    expect(new Set(attempts.map((a) => a.idempotencyKey))).toEqual(new Set([idempotencyKeys.session(created.checkout.id)]));

    fake.setFailure({ path: /^\/v1\/checkout\/sessions$/, method: 'POST', status: 503, times: 5 });
    await expect(checkout([{ kind: 'registration', registrationId: registration.id }, { kind: 'donation', amountMinor: 2500, fund: 'financial_aid' }])).rejects.toMatchObject({
      code: 'PAYMENT_PROVIDER_UNAVAILABLE',
    });
    const cancelled = await testDb.db.select().from(checkouts).where(and(eq(checkouts.organizationId, org.id), eq(checkouts.status, 'cancelled')));
    expect(cancelled).toHaveLength(1);
    const [gift] = await testDb.db.select().from(donations).where(eq(donations.organizationId, org.id));
    const giftEntries = await testDb.db.select().from(ledgerEntries).where(eq(ledgerEntries.donationId, gift!.id));
    expect(giftEntries.map((e) => [e.kind, e.amountMinor])).toEqual([
      ['charge', 2500],
      ['adjustment', -2500],
    ]);
  });

  test('refuses lines that cannot be paid: someone else’s registration, a gift under one unit, a kind not registered yet', async () => {
    const a = await setup();
    const b = await setup();
    const attempt = (lines: LineInput[], userId = a.registration.userId) => a.checkout(lines, 'invoice', userId).catch((e: unknown) => e);
    expect(await attempt([{ kind: 'registration', registrationId: a.registration.id }], b.registration.userId)).toMatchObject({ code: 'NOT_YOUR_REGISTRATION' });
    expect(await attempt([{ kind: 'donation', amountMinor: 99, fund: 'financial_aid' }])).toMatchObject({ code: 'DONATION_TOO_SMALL' });
    expect(await attempt([{ kind: 'donation', amountMinor: 500, fund: 'bogus' as 'general' }])).toMatchObject({ code: 'DONATION_FUND_UNKNOWN' });
    expect(await attempt([{ kind: 'merchandise' } as unknown as LineInput])).toMatchObject({ code: 'LINE_KIND_UNSUPPORTED' });
    expect(await attempt([])).toMatchObject({ code: 'CHECKOUT_EMPTY' });
    expect((await attempt([])) instanceof DomainError).toBe(true);
    // Nothing half-made: no checkout and no gift rows were left by the refused attempts.
    expect(await testDb.db.select().from(checkouts).where(eq(checkouts.organizationId, a.org.id))).toEqual([]);
    expect(await testDb.db.select().from(donations).where(eq(donations.organizationId, a.org.id))).toEqual([]);
  });

  test('a new card checkout for the same registration expires the older one at Stripe first', async () => {
    const { registration, checkout, checkoutRow } = await setup();
    const first = await checkout([{ kind: 'registration', registrationId: registration.id }]);
    const second = await checkout([{ kind: 'registration', registrationId: registration.id }]);
    expect((await checkoutRow(first.checkout.id)).status).toBe('expired');
    expect(fake.sessions.get(first.checkout.providerSessionId!)!.status).toBe('expired');
    expect(fake.requests.find((r) => r.path.endsWith('/expire') && r.idempotencyKey === idempotencyKeys.expire(first.checkout.id))).toBeDefined();
    expect((await checkoutRow(second.checkout.id)).status).toBe('open');
    // Choosing an invoice afterwards closes the card page too.
    const invoice = await checkout([{ kind: 'registration', registrationId: registration.id }], 'invoice');
    expect((await checkoutRow(second.checkout.id)).status).toBe('expired');
    expect(fake.sessions.get(second.checkout.providerSessionId!)!.status).toBe('expired');
    expect((await checkoutRow(invoice.checkout.id)).status).toBe('awaiting_payment');
  });
});

describe('invoices', () => {
  test('an invoice waits for payment, is due after the organization’s days, and is emailed with the invoice attached', async () => {
    const { registration, checkout, org } = await setup();
    const requestsBefore = fake.requests.length;
    const created = await checkout([{ kind: 'registration', registrationId: registration.id }, { kind: 'donation', amountMinor: 5000, fund: 'financial_aid' }], 'invoice');
    expect(fake.requests.length).toBe(requestsBefore); // an invoice never calls Stripe
    expect(created.checkout).toMatchObject({ status: 'awaiting_payment', method: 'invoice', totalMinor: 95000 });
    expect(created.checkout.dueOn).toBe(addDays(localDate(new Date(), 'America/Los_Angeles'), 14));
    const [email] = await testDb.db.select().from(outboxMessages).where(and(eq(outboxMessages.organizationId, org.id), eq(outboxMessages.kind, 'billing.invoice')));
    expect(email!.toAddress).toBe(registration.email);
    expect(email!.text).toContain('Checks to ABS, PO Box 1, Spokane WA');
    const number = `${org.shortName}-${String(created.checkout.number).padStart(6, '0')}`;
    expect(email!.attachments).toEqual([{ kind: 'invoice', id: created.checkout.id, filename: `invoice-${number}.pdf` }]);
    expect(created.emailIds).toEqual([email!.id]);
  });
});

describe('double submits', () => {
  test('two card checkouts started at once for one registration leave exactly one payable Stripe page', async () => {
    for (let round = 0; round < 3; round++) {
      const { registration, checkout, org } = await setup();
      const results = await Promise.allSettled([
        checkout([{ kind: 'registration', registrationId: registration.id }]),
        checkout([{ kind: 'registration', registrationId: registration.id }]),
      ]);
      expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'BUSY' });
      const rows = await testDb.db.select().from(checkouts).where(eq(checkouts.organizationId, org.id));
      expect(rows).toHaveLength(2);
      const payable = [...fake.sessions.values()].filter((s) => s.metadata?.organizationId === org.id && s.status === 'open');
      expect(payable).toHaveLength(1);
      expect(rows.filter((r) => r.status === 'open').map((r) => r.providerSessionId)).toEqual([payable[0]!.id]);
    }
  });
});
