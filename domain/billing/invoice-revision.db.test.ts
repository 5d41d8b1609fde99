// Issue 10, money item 1: an open invoice follows what is owed. After an aid award (or a
// category change) the invoice the payer holds no longer asks for the old amount: unpaid, it is
// replaced in the same transaction by one for what the ledger says is owed, the payer is
// emailed the new invoice, and staff record against what is due now — never creating an
// "overpayment" out of a stale figure. Real PostgreSQL.
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { auditEvents } from '#db/schema/audit.ts';
import { outboxMessages } from '#db/schema/email.ts';
import { checkouts, ledgerEntries, refunds } from '#db/schema/money.ts';
import { organizations } from '#db/schema/organizations.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { applyForAid } from '#domain/aid/apply-for-aid.server.ts';
import { decideAidApplication } from '#domain/aid/decide-application.server.ts';
import { summarize } from '#domain/money/account.ts';
import { registrationAccount } from '#domain/money/read-account.server.ts';
import { createCheckout } from '#domain/payments/create-checkout.server.ts';
import { findCheckout } from '#domain/payments/find-checkout.server.ts';
import { guestKeyMatches } from '#domain/payments/guest-links.server.ts';
import type { LineInput } from '#domain/payments/line-kinds.server.ts';
import { findPayerCheckout } from '#domain/payments/find-payer-checkout.server.ts';
import { changeCategory } from '#domain/registration/change-category.server.ts';
import { decideApplication } from '#domain/registration/decide-application.server.ts';
import { placeRegistration } from '#domain/registration/place-registration.server.ts';
import { renderInvoicePdf } from '#lib/pdf/documents.ts';
import { pdfText } from '#lib/pdf/pdf-text.ts';
import { application, createCourse, createOrganization, DURING_REGISTRATION } from '../../tests/helpers/fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { loadInvoice } from './documents.server.ts';
import { findOpenInvoices } from './find-open-invoices.server.ts';
import { recordInvoicePayment } from './record-invoice-payment.server.ts';
import { recordRegistrationPayment } from './record-registration-payment.server.ts';

const testDb = useTestDatabase();
const publicUrl = 'http://hub.test';
const now = DURING_REGISTRATION;
const KEY = crypto.randomBytes(32);
const received = { receivedOn: '2025-02-01', method: 'check' as const, reference: '#88' };
const treasurer = { userId: null, requestId: 'treasurer' };
const PROGRAM = { financialAidDeadline: '2025-02-25', financialAidAwards: 4, financialAidMaxMinor: 90_000, financialAidStatement: 'Aid.' };
const CONTENT = { statement: 'hardship', groups: [], selfDescribed: '', preferNotToSay: false };

async function setup(options: { instructions?: string } = {}) {
  const org = await createOrganization(testDb.db);
  await testDb.db
    .update(organizations)
    .set({ paymentInstructions: options.instructions ?? 'Checks payable to the society', postalAddress: 'PO Box 1' })
    .where(eq(organizations.id, org.id));
  const course = await createCourse(testDb.db, org.id, PROGRAM);
  const registration = (await placeRegistration(testDb.db, application(org.id, course.id), systemActor, { publicUrl, now })).registration;
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
  const award = async (amountMinor: number) => {
    const { application: aid } = await applyForAid(
      testDb.db,
      { organizationId: org.id, registrationId: registration.id, userId: registration.userId, requestedMinor: amountMinor, content: CONTENT },
      { userId: registration.userId },
      { keys: KEY, publicUrl, now },
    );
    return decideAidApplication(testDb.db, { organizationId: org.id, applicationId: aid.id, decision: 'award', amountMinor }, { userId: null, requestId: 'committee' }, { publicUrl, now });
  };
  const row = async (id: string) => (await testDb.db.select().from(checkouts).where(eq(checkouts.id, id)))[0]!;
  const mail = () => testDb.db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, registration.email));
  const refundsOf = () => testDb.db.select().from(refunds).where(eq(refunds.registrationId, registration.id));
  return { org, course, registration, invoice, award, row, mail, refundsOf };
}

describe('an aid award replaces the open invoice', () => {
  test('$900 invoice, $500 award: the invoice is void, a $400 invoice replaces it, the payer is told, staff record $400 and nothing is refunded', async () => {
    const { org, registration, invoice, award, row, mail, refundsOf } = await setup();
    const first = await invoice();
    expect(first.totalMinor).toBe(90_000);

    const decided = await award(50_000);
    expect((await row(first.id)).status).toBe('cancelled');
    const open = await findOpenInvoices(testDb.db, org.id);
    expect(open).toHaveLength(1);
    const second = open[0]!;
    expect(second.id).not.toBe(first.id);
    expect(second).toMatchObject({ totalMinor: 40_000, balanceMinor: 40_000, payerEmail: registration.email });
    expect((await row(second.id)).dueOn).toBe((await row(first.id)).dueOn);

    // The payer: the old invoice page points to the new one, which asks for $400.
    const oldPage = (await findPayerCheckout(testDb.db, org.id, registration.userId, first.id))!;
    expect(oldPage.status).toBe('cancelled');
    expect(oldPage.replacement?.id).toBe(second.id);
    const newPage = (await findPayerCheckout(testDb.db, org.id, registration.userId, second.id))!;
    expect(newPage.dueNowMinor).toBe(40_000);

    // Emails: the aid email states what is owed and names the new invoice; the new invoice is sent.
    const messages = await mail();
    const aidMail = messages.find((m) => m.kind === 'aid.awarded')!;
    expect(aidMail.text).toContain('you now owe $400');
    expect(aidMail.text).toMatch(/invoice .+ for \$400 replaces it/);
    const invoiceMail = messages.filter((m) => m.kind === 'billing.invoice').at(-1)!;
    expect(invoiceMail.text).toContain('$400');
    expect(invoiceMail.text).toContain(`please do not pay ${documentNumberOf(org.shortName, first.number)}`);
    expect(decided.emailIds).toContain(invoiceMail.id);

    // The PDF of the replacement says $400 is due.
    const pdf = await pdfText(await renderInvoicePdf((await loadInvoice(testDb.db, org.id, second.id))!.document));
    expect(pdf.replace(/\s+/g, ' ')).toContain('$400 due');

    // The treasurer records the invoice: $400, the registration is settled, no overpayment refund.
    await expect(recordInvoicePayment(testDb.db, { organizationId: org.id, checkoutId: first.id, ...received }, treasurer, { publicUrl, now })).rejects.toMatchObject({ code: 'INVOICE_NOT_OPEN' });
    const recorded = await recordInvoicePayment(testDb.db, { organizationId: org.id, checkoutId: second.id, ...received }, treasurer, { publicUrl, now });
    expect(recorded.payment.amountMinor).toBe(40_000);
    expect(recorded.refunds).toEqual([]);
    expect(recorded.invoicePaid).toBe(true);
    expect((await registrationAccount(testDb.db, registration.id)).balanceMinor).toBe(0);
    expect(await refundsOf()).toEqual([]);

    const audits = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.entityId, first.id)));
    expect(audits.map((a) => a.action)).toContain('invoice.replaced');
  });

  test('a gift on the invoice is carried over to the replacement, not voided', async () => {
    const { org, invoice, award, row } = await setup();
    const first = await invoice(2_500);
    const gift = (await findCheckout(testDb.db, org.id, first.id))!.lines.find((l) => l.kind === 'donation')!;
    await award(50_000);
    expect((await row(first.id)).status).toBe('cancelled');
    const [second] = await findOpenInvoices(testDb.db, org.id);
    expect(second!.totalMinor).toBe(42_500);
    const lines = (await findCheckout(testDb.db, org.id, second!.id))!.lines;
    expect(lines.map((l) => [l.kind, l.amountMinor])).toEqual([
      ['registration', 40_000],
      ['donation', 2_500],
    ]);
    expect(lines[1]!.donationId).toBe(gift.donationId);
    // The gift still stands on its own account: nothing voided it.
    expect(summarize(await testDb.db.select().from(ledgerEntries).where(eq(ledgerEntries.donationId, gift.donationId!))).balanceMinor).toBe(2_500);
  });

  test('an award covering everything: the invoice is void, no new one, and the payer is told nothing more is owed', async () => {
    const { org, invoice, award, row, mail } = await setup();
    const first = await invoice();
    await award(90_000);
    expect((await row(first.id)).status).toBe('cancelled');
    expect(await findOpenInvoices(testDb.db, org.id)).toEqual([]);
    const messages = await mail();
    expect(messages.find((m) => m.kind === 'billing.invoice_void')!.text).toContain('please do not pay it');
    expect(messages.find((m) => m.kind === 'aid.awarded')!.text).toContain('nothing more is owed');
  });

  test('an invoice with money already against it stays, asks for what is due now, and is paid by it', async () => {
    const { org, registration, invoice, award, row, mail, refundsOf } = await setup();
    const first = await invoice();
    await recordRegistrationPayment(testDb.db, { organizationId: org.id, registrationId: registration.id, amountMinor: 20_000, checkoutId: first.id, ...received }, treasurer, { publicUrl, now });
    await award(50_000);
    expect((await row(first.id)).status).toBe('awaiting_payment');
    const [open] = await findOpenInvoices(testDb.db, org.id);
    expect(open).toMatchObject({ id: first.id, totalMinor: 90_000, paidMinor: 20_000, balanceMinor: 20_000 });
    expect((await mail()).find((m) => m.kind === 'billing.invoice_adjusted')!.text).toContain('now asks for $200');
    const loaded = (await loadInvoice(testDb.db, org.id, first.id))!.document;
    expect(loaded).toMatchObject({ balanceMinor: 20_000, loweredFromMinor: 70_000 });
    const recorded = await recordInvoicePayment(testDb.db, { organizationId: org.id, checkoutId: first.id, ...received }, treasurer, { publicUrl, now });
    expect(recorded.payment.amountMinor).toBe(20_000);
    expect(recorded.invoicePaid).toBe(true);
    expect(await refundsOf()).toEqual([]);
    expect((await registrationAccount(testDb.db, registration.id)).balanceMinor).toBe(0);
  });
});

describe('other changes to what is owed', () => {
  test('a category change replaces the open invoice with one at the new price', async () => {
    const { org, registration, invoice, row, mail } = await setup();
    const first = await invoice();
    const change = await changeCategory(testDb.db, { organizationId: org.id, registrationId: registration.id, categoryKey: 'trainee', reason: 'resident' }, systemActor, { publicUrl, now });
    expect((await row(first.id)).status).toBe('cancelled');
    const [second] = await findOpenInvoices(testDb.db, org.id);
    expect(second!.totalMinor).toBe(64_000);
    const invoiceMail = (await mail()).filter((m) => m.kind === 'billing.invoice').at(-1)!;
    expect(invoiceMail.text).toContain('Residents, students, fellows');
    expect(change.emailIds).toContain(invoiceMail.id);
  });

  test('the acceptance email states what is owed after an award', async () => {
    const { org, registration, award, mail } = await setup();
    await award(50_000);
    await decideApplication(testDb.db, { organizationId: org.id, registrationId: registration.id, decision: 'accept' }, systemActor, { publicUrl, now });
    expect((await mail()).find((m) => m.kind === 'registration.accepted')!.text).toContain('You owe $400 for this registration.');
  });
});

describe('an invoice is never issued without payment instructions', () => {
  test('refused with a code the pages turn into words; a card checkout is not affected by it', async () => {
    const { invoice } = await setup({ instructions: '   ' });
    await expect(invoice()).rejects.toMatchObject({ code: 'INVOICE_INSTRUCTIONS_MISSING' });
  });
});

describe('a visitor gives without an account', () => {
  test('a donation invoice with no user: emailed with a signed link to its page; a registration line is refused', async () => {
    const { org, registration } = await setup();
    const created = await createCheckout(
      testDb.db,
      { organizationId: org.id, userId: null, payer: { name: 'Vera Visitor', email: 'vera@example.org' }, lines: [{ kind: 'donation', amountMinor: 5_000, fund: 'financial_aid' }], method: 'invoice' },
      { userId: null, requestId: null },
      { publicUrl, payments: null, now, guestLinkSecret: KEY },
    );
    expect(created.checkout).toMatchObject({ userId: null, payerEmail: 'vera@example.org', totalMinor: 5_000, status: 'awaiting_payment' });
    const [sent] = await testDb.db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, 'vera@example.org'));
    const link = /http:\/\/hub\.test\/o\/[^/]+\/checkouts\/([0-9a-f-]{36})\?key=([A-Za-z0-9_-]+)/.exec(sent!.text)!;
    expect(link[1]).toBe(created.checkout.id);
    expect(guestKeyMatches(KEY, created.checkout.id, link[2])).toBe(true);
    expect(guestKeyMatches(KEY, registration.id, link[2])).toBe(false);
    expect(guestKeyMatches(crypto.randomBytes(32), created.checkout.id, link[2])).toBe(false);
    expect((await findPayerCheckout(testDb.db, org.id, null, created.checkout.id))!.guest).toBe(true);
    // The check arrives: the visitor is emailed the receipt with the gift receipt.
    const recorded = await recordInvoicePayment(testDb.db, { organizationId: org.id, checkoutId: created.checkout.id, ...received }, treasurer, { publicUrl, now });
    const [receipt] = await testDb.db.select().from(outboxMessages).where(eq(outboxMessages.id, recorded.emailIds[0]!));
    expect(receipt!.toAddress).toBe('vera@example.org');
    expect(receipt!.attachments.map((a) => a.kind)).toEqual(['receipt', 'gift_receipt']);
    // A signed-in person's checkout is never shown as a visitor's.
    expect(await findPayerCheckout(testDb.db, org.id, null, (await setup()).registration.id)).toBeUndefined();

    await expect(
      createCheckout(
        testDb.db,
        { organizationId: org.id, userId: null, payer: { name: 'V', email: 'v@example.org' }, lines: [{ kind: 'registration', registrationId: registration.id }], method: 'invoice' },
        { userId: null, requestId: null },
        { publicUrl, payments: null, now, guestLinkSecret: KEY },
      ),
    ).rejects.toMatchObject({ code: 'NOT_YOUR_REGISTRATION' });
  });
});

function documentNumberOf(shortName: string, number: number) {
  return `${shortName}-${String(number).padStart(6, '0')}`;
}
