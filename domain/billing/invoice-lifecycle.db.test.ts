// One payable invoice per registration (ADR 0041): a new checkout replaces the unpaid invoices
// of the same registration, an invoice whose registration no longer holds a place is void, and
// staff can void an unpaid invoice — each voiding the invoice's gift lines. Real PostgreSQL.
import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { auditEvents } from '#db/schema/audit.ts';
import { checkouts, ledgerEntries } from '#db/schema/money.ts';
import { organizations } from '#db/schema/organizations.ts';
import { registrations } from '#db/schema/registration.ts';
import { cancelRegistration } from '#domain/refunds/cancel-registration.server.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { summarize } from '#domain/money/account.ts';
import { createCheckout } from '#domain/payments/create-checkout.server.ts';
import { findCheckout } from '#domain/payments/find-checkout.server.ts';
import type { LineInput } from '#domain/payments/line-kinds.server.ts';
import { decideApplication } from '#domain/registration/decide-application.server.ts';
import { placeRegistration } from '#domain/registration/place-registration.server.ts';
import { application, createCourse, createOrganization, DURING_REGISTRATION } from '../../tests/helpers/fixtures.ts';
import { forceRace, withLocksOff } from '../../tests/helpers/forced-race.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { renderInvoicePdf } from '#lib/pdf/documents.ts';
import { pdfText } from '#lib/pdf/pdf-text.ts';
import { loadInvoice } from './documents.server.ts';
import { closeEndedInvoices, closeEndedInvoicesEverywhere, voidInvoice } from './invoice-lifecycle.server.ts';
import { findOpenInvoices } from './find-open-invoices.server.ts';
import { recordInvoicePayment } from './record-invoice-payment.server.ts';
import { recordRegistrationPayment } from './record-registration-payment.server.ts';

const testDb = useTestDatabase();
const publicUrl = 'http://hub.test';
const now = DURING_REGISTRATION;
const received = { receivedOn: '2025-02-01', method: 'check' as const, reference: '#77' };
const staff = { userId: null, requestId: 'staff' };

async function setup() {
  const org = await createOrganization(testDb.db);
  await testDb.db.update(organizations).set({ paymentInstructions: 'Checks to ABS, PO Box 1' }).where(eq(organizations.id, org.id));
  const course = await createCourse(testDb.db, org.id);
  const placed = await placeRegistration(testDb.db, application(org.id, course.id), systemActor, { publicUrl, now });
  const registration = placed.registration;
  const invoice = async (gift = 0) => {
    const lines: LineInput[] = [{ kind: 'registration', registrationId: registration.id }];
    if (gift) lines.push({ kind: 'donation', amountMinor: gift, fund: 'financial_aid' });
    return (
      await createCheckout(
        testDb.db,
        { organizationId: org.id, userId: registration.userId, payer: { name: registration.name, email: registration.email }, lines, method: 'invoice' },
        { userId: registration.userId, requestId: null },
        { publicUrl, payments: null, now },
      )
    ).checkout;
  };
  const row = async (id: string) => (await testDb.db.select().from(checkouts).where(eq(checkouts.id, id)))[0]!;
  const giftBalance = async (checkoutId: string) => {
    const { lines } = (await findCheckout(testDb.db, org.id, checkoutId))!;
    const gift = lines.find((l) => l.kind === 'donation')!;
    return summarize(await testDb.db.select().from(ledgerEntries).where(eq(ledgerEntries.donationId, gift.donationId!))).balanceMinor;
  };
  const audits = (entityId: string) => testDb.db.select().from(auditEvents).where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.entityId, entityId)));
  return { org, course, registration, invoice, row, giftBalance, audits };
}

describe('a new checkout replaces unpaid invoices of the same registration', () => {
  test('continuing twice leaves one payable invoice; the first one is cancelled and its gift voided', async () => {
    const { org, invoice, row, giftBalance, audits } = await setup();
    const first = await invoice(2500);
    expect(await giftBalance(first.id)).toBe(2500);
    const second = await invoice();
    expect((await row(first.id)).status).toBe('cancelled');
    expect((await row(second.id)).status).toBe('awaiting_payment');
    expect(await giftBalance(first.id)).toBe(0);
    expect((await audits(first.id)).map((a) => a.action)).toContain('checkout.cancelled');
    expect((await findOpenInvoices(testDb.db, org.id)).map((i) => i.id)).toEqual([second.id]);
  });

  test('an invoice something was paid against stays open', async () => {
    const { org, registration, invoice, row } = await setup();
    const first = await invoice();
    await recordRegistrationPayment(testDb.db, { organizationId: org.id, registrationId: registration.id, amountMinor: 10000, checkoutId: first.id, ...received }, staff, { publicUrl, now });
    const second = await invoice();
    expect((await row(first.id)).status).toBe('awaiting_payment');
    expect((await row(second.id)).status).toBe('awaiting_payment');
  });
});

describe('an invoice whose registration no longer holds a place is void', () => {
  test('declined: void in the decision’s own transaction, gift voided, never recorded in one click', async () => {
    const { org, registration, invoice, row, giftBalance, audits } = await setup();
    const open = await invoice(5000);
    expect(await closeEndedInvoices(testDb.db, org.id)).toEqual([]);
    await decideApplication(testDb.db, { organizationId: org.id, registrationId: registration.id, decision: 'decline' }, systemActor, { publicUrl, now });
    // No page had to read it first: the decline voided it.
    expect((await row(open.id)).status).toBe('cancelled');
    expect((await audits(open.id)).map((a) => a.action)).toContain('checkout.cancelled');
    expect(await giftBalance(open.id)).toBe(0);
    expect(await findOpenInvoices(testDb.db, org.id)).toEqual([]);
    await expect(recordInvoicePayment(testDb.db, { organizationId: org.id, checkoutId: open.id, ...received }, staff, { publicUrl, now })).rejects.toMatchObject({ code: 'INVOICE_NOT_OPEN' });
    // Read again: nothing more to close.
    expect(await closeEndedInvoices(testDb.db, org.id)).toEqual([]);
  });

  test('cancelled by the registrant: the unpaid invoice is void at once', async () => {
    const { org, registration, invoice, row } = await setup();
    const open = await invoice();
    await cancelRegistration(testDb.db, { organizationId: org.id, registrationId: registration.id, channel: 'online', userId: registration.userId }, { userId: registration.userId }, { publicUrl, now });
    expect((await row(open.id)).status).toBe('cancelled');
  });

  test('the nightly sweep closes an invoice whose registration ended outside the application', async () => {
    const { org, registration, invoice, row } = await setup();
    const open = await invoice();
    // As an older version (or an operator's SQL) left it: withdrawn, invoice still open.
    await testDb.db.update(registrations).set({ status: 'withdrawn' }).where(eq(registrations.id, registration.id));
    expect((await row(open.id)).status).toBe('awaiting_payment');
    expect(await closeEndedInvoicesEverywhere(testDb.db, now)).toContain(open.id);
    expect((await row(open.id)).status).toBe('cancelled');
    expect(await closeEndedInvoicesEverywhere(testDb.db, now)).not.toContain(open.id);
  });

  test('an ended registration’s invoice with a payment received is left for staff', async () => {
    const { org, registration, invoice, row } = await setup();
    const open = await invoice();
    await recordRegistrationPayment(testDb.db, { organizationId: org.id, registrationId: registration.id, amountMinor: 10000, checkoutId: open.id, ...received }, staff, { publicUrl, now });
    await decideApplication(testDb.db, { organizationId: org.id, registrationId: registration.id, decision: 'decline' }, systemActor, { publicUrl, now });
    expect(await closeEndedInvoices(testDb.db, org.id)).toEqual([]);
    expect((await row(open.id)).status).toBe('awaiting_payment');
  });
});

describe('staff void an invoice', () => {
  test('an unpaid invoice: cancelled, gift voided, audited', async () => {
    const { org, invoice, row, giftBalance, audits } = await setup();
    const open = await invoice(3000);
    expect((await loadInvoice(testDb.db, org.id, open.id))!.document.paymentInstructions).toBe('Checks to ABS, PO Box 1');
    await voidInvoice(testDb.db, { organizationId: org.id, checkoutId: open.id }, staff, now);
    // Its PDF no longer says how to pay it, and says it is void.
    const loaded = (await loadInvoice(testDb.db, org.id, open.id))!;
    expect(loaded.document.paymentInstructions).toBe('');
    expect(loaded.document.void).toBe(true);
    const text = await pdfText(await renderInvoicePdf(loaded.document));
    expect(text).toContain('VOID: this invoice is not to be paid.');
    expect(text).not.toContain('Balance');
    expect((await row(open.id)).status).toBe('cancelled');
    expect(await giftBalance(open.id)).toBe(0);
    expect((await audits(open.id)).map((a) => a.action)).toEqual(expect.arrayContaining(['checkout.cancelled', 'invoice.voided']));
    await expect(voidInvoice(testDb.db, { organizationId: org.id, checkoutId: open.id }, staff, now)).rejects.toMatchObject({ code: 'INVOICE_NOT_OPEN' });
  });

  test('refused once money was received against it, and from another organization', async () => {
    const { org, registration, invoice, row } = await setup();
    const open = await invoice();
    await recordRegistrationPayment(testDb.db, { organizationId: org.id, registrationId: registration.id, amountMinor: 10000, checkoutId: open.id, ...received }, staff, { publicUrl, now });
    await expect(voidInvoice(testDb.db, { organizationId: org.id, checkoutId: open.id }, staff, now)).rejects.toMatchObject({ code: 'INVOICE_HAS_PAYMENTS' });
    const other = await createOrganization(testDb.db);
    await expect(voidInvoice(testDb.db, { organizationId: other.id, checkoutId: open.id }, staff, now)).rejects.toMatchObject({ code: 'INVOICE_NOT_FOUND' });
    expect((await row(open.id)).status).toBe('awaiting_payment');
  });

  /** Voiding and recording the full payment at once, both held after reading the invoice as open. */
  async function voidAndPay() {
    const { org, invoice, row } = await setup();
    const open = await invoice();
    const race = forceRace(testDb.pool, 'invoice.open', 2);
    try {
      const results = await Promise.allSettled([
        race.run(() => voidInvoice(testDb.db, { organizationId: org.id, checkoutId: open.id }, staff, now)),
        race.run(() => recordInvoicePayment(testDb.db, { organizationId: org.id, checkoutId: open.id, ...received }, staff, { publicUrl, now })),
      ]);
      return { results, status: (await row(open.id)).status };
    } finally {
      race.end();
    }
  }

  test('void and a full payment at the same moment: exactly one wins, never a void invoice with money on it', async () => {
    for (let round = 0; round < 3; round++) {
      const { results, status } = await voidAndPay();
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(status).toBe(results[0].status === 'fulfilled' ? 'cancelled' : 'paid');
    }
  });

  test('negative control: with the locks off, both the void and the payment win, every round', async () => {
    await withLocksOff(async () => {
      for (let round = 0; round < 3; round++) {
        const { results } = await voidAndPay();
        expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
      }
    });
  });
});
