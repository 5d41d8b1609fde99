// Staff-recorded payments, the documents they produce, the reports and the reconcile report,
// on a real PostgreSQL.
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { outboxMessages } from '#db/schema/email.ts';
import { checkoutLines, checkouts, ledgerEntries, payments, refunds } from '#db/schema/money.ts';
import { organizations } from '#db/schema/organizations.ts';
import { registrations } from '#db/schema/registration.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { postEntries } from '#domain/money/post-entries.server.ts';
import { decideApplication } from '#domain/registration/decide-application.server.ts';
import { placeRegistration } from '#domain/registration/place-registration.server.ts';
import { renderReceiptPdf } from '#lib/pdf/documents.ts';
import { pdfText } from '#lib/pdf/pdf-text.ts';
import { application, createCourse, createOrganization, DURING_REGISTRATION, validAnswers } from '../../tests/helpers/fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { renderAttachments } from '#lib/email/attachments.server.ts';
import { loadInvoice, loadReceipt, loadStatement, renderAttachmentDocument, renderDocument } from './documents.server.ts';
import { queueInvoiceEmail } from './invoice-email.server.ts';
import { reconcile } from './reconcile.server.ts';
import { recordInvoicePayment } from './record-invoice-payment.server.ts';
import { recordRegistrationPayment } from './record-registration-payment.server.ts';
import { reportCsv } from './report-csv.ts';
import { findRefunds } from '#domain/refunds/find-refunds.server.ts';
import { addDays } from '#domain/money/policy.ts';
import { moneyReport } from './reports.server.ts';

const testDb = useTestDatabase();
const context = { publicUrl: 'http://localhost:3000', now: DURING_REGISTRATION };
const check = { receivedOn: '2025-02-01', method: 'check' as const, reference: '#1042' };

async function setup() {
  const org = await createOrganization(testDb.db);
  const course = await createCourse(testDb.db, org.id);
  const apply = async (extra: Record<string, unknown> = {}) =>
    (await placeRegistration(testDb.db, application(org.id, course.id, extra), systemActor, context)).registration;
  const accept = (registrationId: string) => decideApplication(testDb.db, { organizationId: org.id, registrationId, decision: 'accept' }, systemActor, context);
  const decline = (registrationId: string) => decideApplication(testDb.db, { organizationId: org.id, registrationId, decision: 'decline' }, systemActor, context);
  const pay = (registrationId: string, amountMinor: number, extra: Record<string, unknown> = {}) =>
    recordRegistrationPayment(testDb.db, { organizationId: org.id, registrationId, amountMinor, ...check, ...extra }, systemActor, context);
  const status = async (id: string) => (await testDb.db.select().from(registrations).where(eq(registrations.id, id)))[0]!.status;
  return { org, course, apply, accept, decline, pay, status };
}

async function invoiceFor(org: { id: string }, registration: { id: string; name: string; email: string; userId: string; amountMinor: number; currency: string }) {
  const [checkout] = await testDb.db
    .insert(checkouts)
    .values({ organizationId: org.id, userId: registration.userId, payerName: registration.name, payerEmail: registration.email, method: 'invoice', status: 'awaiting_payment', currency: registration.currency, totalMinor: registration.amountMinor, dueOn: '2025-02-15' })
    .returning();
  await testDb.db.insert(checkoutLines).values({ checkoutId: checkout!.id, position: 0, kind: 'registration', registrationId: registration.id, description: 'Balint Leadership Training Intensive', amountMinor: registration.amountMinor });
  return checkout!;
}

describe('staff record a payment received', () => {
  test('an accepted registration paid in full by check is confirmed, with a receipt email carrying the receipt', async () => {
    const { org, apply, accept, pay, status } = await setup();
    const r = await apply({ name: 'Zoë Łukasiewicz' });
    await accept(r.id);
    const partial = await pay(r.id, 50000);
    expect(partial.confirmed).toHaveLength(0);
    expect(await status(r.id)).toBe('accepted');
    const rest = await pay(r.id, 40000, { reference: '#1043' });
    expect(rest.confirmed.map((c) => c.id)).toEqual([r.id]);
    expect(await status(r.id)).toBe('confirmed');

    const [email] = await testDb.db.select().from(outboxMessages).where(eq(outboxMessages.id, rest.emailIds[0]!));
    expect(email).toMatchObject({ toAddress: r.email, kind: 'billing.receipt' });
    expect(email!.attachments).toEqual([{ kind: 'receipt', id: rest.payment.id, filename: expect.stringMatching(/^receipt-.+\.pdf$/) }]);

    const receipt = await loadReceipt(testDb.db, org.id, rest.payment.id);
    expect(receipt!.ownerUserIds).toEqual([r.userId]);
    expect(receipt!.document).toMatchObject({ payerName: 'Zoë Łukasiewicz', amountMinor: 40000, reference: '#1043' });
    expect(receipt!.document.accounts).toEqual([expect.objectContaining({ amountMinor: 40000, balanceAfterMinor: 0 })]);
    const text = (await pdfText(await renderReceiptPdf(receipt!.document))).replace(/\s+/g, ' ');
    expect(text).toContain('Zoë Łukasiewicz');
    expect(text).toContain('$400');
    expect(text).toContain('Check (#1043)');

    const statement = await loadStatement(testDb.db, org.id, r.id, DURING_REGISTRATION);
    expect(statement!.document.entries.map((e) => e.balanceMinor)).toEqual([90000, 40000, 0]);
  });

  test('a payment for a declined application is kept on record and refunded today (late payment)', async () => {
    const { org, apply, decline, pay, status } = await setup();
    const r = await apply();
    await decline(r.id);
    const late = await pay(r.id, 90000);
    expect(late.refunds).toEqual([expect.objectContaining({ reason: 'late_payment', amountMinor: 90000, dueOn: '2025-02-01', status: 'due' })]);
    expect(await status(r.id)).toBe('declined');
    expect(await reconcile(testDb.db, org.id)).toEqual([]);
  });

  test('a receipt date in the future is a field error, and nothing is written', async () => {
    const { apply, pay } = await setup();
    const r = await apply();
    const error = await pay(r.id, 1000, { receivedOn: '2025-02-02' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'PAYMENT_INVALID', fields: { receivedOn: 'RECEIVED_IN_FUTURE' } });
    expect(await testDb.db.select().from(payments).where(eq(payments.organizationId, r.organizationId))).toHaveLength(0);
  });

  test('a registration of another organization is not found', async () => {
    const { apply } = await setup();
    const other = await setup();
    const r = await apply();
    await expect(other.pay(r.id, 1000)).rejects.toMatchObject({ code: 'REGISTRATION_NOT_FOUND' });
  });

  test('paying an invoice: against one registration, then the whole rest; the invoice is marked paid', async () => {
    const { org, apply, pay } = await setup();
    const r = await apply();
    const invoice = await invoiceFor(org, r);
    await testDb.db.update(organizations).set({ paymentInstructions: 'Checks payable to the Society, PO Box 1.' }).where(eq(organizations.id, org.id));
    const invoiceEmailId = await queueInvoiceEmail(testDb.db, { organizationId: org.id, checkoutId: invoice.id, publicUrl: 'http://localhost:3000' });
    const [invoiceEmail] = await testDb.db.select().from(outboxMessages).where(eq(outboxMessages.id, invoiceEmailId));
    expect(invoiceEmail).toMatchObject({ toAddress: r.email, kind: 'billing.invoice' });
    expect(invoiceEmail!.text).toContain('Checks payable to the Society, PO Box 1.');
    expect(invoiceEmail!.text).toContain('February 15, 2025');
    const [attached] = await renderAttachments(testDb.db, org.id, invoiceEmail!.attachments, renderAttachmentDocument);
    expect(attached!.filename).toMatch(/^invoice-.+\.pdf$/);
    const unpaid = (await pdfText(attached!.content)).replace(/\s+/g, ' ');
    expect(unpaid).toContain('Checks payable to the Society, PO Box 1.');
    expect(unpaid).toContain('$900 due');
    await pay(r.id, 30000, { checkoutId: invoice.id });
    const open = await loadInvoice(testDb.db, org.id, invoice.id);
    expect(open!.document).toMatchObject({ totalMinor: 90000, balanceMinor: 60000, paid: false, number: `${org.shortName}-${String(invoice.number).padStart(6, '0')}` });
    const rest = await recordInvoicePayment(testDb.db, { organizationId: org.id, checkoutId: invoice.id, receivedOn: '2025-02-01', method: 'bank_transfer', reference: 'TR-9' }, systemActor, context);
    expect(rest.payment.amountMinor).toBe(60000);
    expect(rest.invoicePaid).toBe(true);
    const [after] = await testDb.db.select().from(checkouts).where(eq(checkouts.id, invoice.id));
    expect(after!.status).toBe('paid');
    await expect(recordInvoicePayment(testDb.db, { organizationId: org.id, checkoutId: invoice.id, ...check }, systemActor, context)).rejects.toMatchObject({ code: 'INVOICE_NOT_OPEN' });
    const pdf = await renderDocument(testDb.db, org.id, 'invoice', invoice.id);
    const text = (await pdfText(pdf!.bytes)).replace(/\s+/g, ' ');
    expect(text).toContain('$900');
    expect(text).toContain('Bank transfer (TR-9)');
    expect(text).toContain('nothing due');
    // Another organization's id finds nothing.
    const other = await createOrganization(testDb.db);
    expect(await renderDocument(testDb.db, other.id, 'invoice', invoice.id)).toBeUndefined();
  });
});

describe('reports', () => {
  test('revenue, outstanding, refunds and aid on a small known ledger; CSV shape', async () => {
    const { org, course, apply, accept, decline, pay } = await setup();
    const a = await apply({ name: '=HYPERLINK("x")' }); // early non-member: 900.00
    const b = await apply({ categoryKey: 'trainee', answers: validAnswers({ traineeAttested: true, trainingProgram: 'Family medicine residency' }) }); // early trainee: 640.00
    const c = await apply(); // early non-member: 900.00, declined after paying
    await accept(a.id);
    await pay(a.id, 90000);
    await pay(b.id, 20000);
    await pay(c.id, 90000);
    await decline(c.id);
    // An aid award of 100.00 to b.
    await postEntries(testDb.db, [{ organizationId: org.id, registrationId: b.id, kind: 'aid_award', amountMinor: -10000, currency: 'USD', aidApplicationId: crypto.randomUUID(), effectiveOn: '2025-02-01' }]);

    const report = await moneyReport(testDb.db, { organizationId: org.id, courseId: course.id, now: new Date('2025-03-15T12:00:00Z') });
    const nonMember = report.revenue.find((r) => r.category === 'Single Registration')!;
    expect(nonMember).toMatchObject({ tier: 'early', registrations: 2, chargedMinor: 180000, discountsMinor: 0, aidMinor: 0, adjustmentsMinor: 90000, netMinor: 90000, paidMinor: 180000, refundedMinor: 0 });
    const trainee = report.revenue.find((r) => r.category === 'Residents, students, fellows')!;
    expect(trainee).toMatchObject({ registrations: 1, chargedMinor: 64000, aidMinor: 10000, netMinor: 54000, paidMinor: 20000 });
    expect(report.outstanding).toEqual([expect.objectContaining({ registrationId: b.id, balanceMinor: 34000, status: 'submitted' })]);
    expect(report.refunds).toEqual([expect.objectContaining({ registrationId: c.id, amountMinor: 90000, overdue: true, reason: 'application_ended' })]);
    expect(report.refundTotals).toEqual([{ currency: 'USD', dueMinor: 90000, dueCount: 1, overdueMinor: 90000, overdueCount: 1 }]);
    expect(report.aid).toEqual([expect.objectContaining({ awards: 1, awardedMinor: 10000 })]);

    const notYet = await moneyReport(testDb.db, { organizationId: org.id, now: new Date('2025-02-01T20:00:00Z') });
    expect(notYet.refundTotals[0]).toMatchObject({ dueMinor: 90000, overdueMinor: 0, overdueCount: 0 });
    // Another organization sees none of it.
    const other = await createOrganization(testDb.db);
    expect(await moneyReport(testDb.db, { organizationId: other.id, now: new Date('2025-03-15T12:00:00Z') })).toMatchObject({ revenue: [], outstanding: [], refunds: [], aid: [] });

    // Overdue is decided in the course's time zone, as in the refund tracker, even when the
    // organization's own zone has already moved on to the next day.
    await testDb.db.update(organizations).set({ timeZone: 'Pacific/Auckland' }).where(eq(organizations.id, org.id));
    const refundDue = report.refunds[0]!.dueOn;
    const lastHourOfDueDayInLosAngeles = new Date(`${addDays(refundDue, 1)}T07:30:00Z`); // 23:30 PST on the due day
    const firstHourAfter = new Date(`${addDays(refundDue, 1)}T08:30:00Z`); // 00:30 PST the next day
    for (const [now, expected] of [[lastHourOfDueDayInLosAngeles, false], [firstHourAfter, true]] as const) {
      const fromReport = (await moneyReport(testDb.db, { organizationId: org.id, now })).refunds.map((f) => f.overdue);
      const fromTracker = (await findRefunds(testDb.db, org.id, { view: 'due' }, now)).map((f) => f.overdue);
      expect(fromReport).toEqual([expected]);
      expect(fromTracker).toEqual(fromReport);
    }

    const revenueCsv = reportCsv(report, 'revenue', (k) => k);
    const lines = revenueCsv.split('\r\n');
    expect(lines[0]).toBe('course,category,tier,registrations,charged,discounts,aid,adjustments,net,paid,refunded,currency');
    expect(lines).toContain('Balint Leadership Training Intensive,Single Registration,early,2,1800.00,0.00,0.00,900.00,900.00,1800.00,0.00,USD');
    expect(revenueCsv.endsWith('\r\n')).toBe(true);
    const refundsCsv = reportCsv(report, 'refunds', (k) => k);
    expect(refundsCsv.split('\r\n')[1]).toMatch(/,application_ended,due,900\.00,USD,\d{4}-\d{2}-\d{2},yes$/);
    // A name that a spreadsheet would run is neutralized.
    const paidA = reportCsv({ ...report, outstanding: [{ ...report.outstanding[0]!, name: a.name }] }, 'outstanding', (k) => k);
    expect(paidA).toContain(`"'=HYPERLINK(""x"")"`);
  });
});

describe('reconcile', () => {
  test('a clean ledger has no violations; each inserted inconsistency is flagged', async () => {
    const { org, apply, accept, decline, pay } = await setup();
    const a = await apply();
    await accept(a.id);
    await pay(a.id, 90000);
    const c = await apply();
    await pay(c.id, 90000);
    await decline(c.id);
    expect(await reconcile(testDb.db, org.id)).toEqual([]);

    // (b) a payment row with no ledger entry.
    const [lonely] = await testDb.db.insert(payments).values({ organizationId: org.id, method: 'check', amountMinor: 5000, currency: 'USD', receivedOn: '2025-02-01' }).returning();
    // (b) a refund marked done with no ledger entry.
    const [[openRefund]] = [await testDb.db.select().from(refunds).where(eq(refunds.registrationId, c.id))];
    await testDb.db.update(refunds).set({ status: 'done', completedOn: '2025-02-01' }).where(eq(refunds.id, openRefund!.id));
    // (a) + (b) a refund entry of a refund that is not done, refunding more than was paid, on an active account.
    const b = await apply();
    const [stray] = await testDb.db.insert(refunds).values({ organizationId: org.id, registrationId: b.id, reason: 'staff', amountMinor: 7000, currency: 'USD', dueOn: '2025-02-01' }).returning();
    await postEntries(testDb.db, [{ organizationId: org.id, registrationId: b.id, kind: 'refund', amountMinor: 7000, currency: 'USD', refundId: stray!.id, effectiveOn: '2025-02-01' }]);
    // (d) an active account in credit with no refund due: an adjustment larger than what is owed.
    await postEntries(testDb.db, [{ organizationId: org.id, registrationId: a.id, kind: 'adjustment', amountMinor: -2500, currency: 'USD', reason: 'goodwill', effectiveOn: '2025-02-01' }]);

    const found = await reconcile(testDb.db, org.id);
    const by = (checkName: string) => found.filter((v) => v.check === checkName);
    expect(by('payment_entries')).toEqual([expect.objectContaining({ paymentId: lonely!.id, expectedMinor: 5000, actualMinor: 0 })]);
    expect(by('refund_entry_missing')).toEqual([expect.objectContaining({ refundId: openRefund!.id, registrationId: c.id, expectedMinor: 90000, actualMinor: 0 })]);
    expect(by('refund_entry_orphan')).toEqual([expect.objectContaining({ refundId: stray!.id, registrationId: b.id })]);
    expect(by('over_refunded')).toEqual([expect.objectContaining({ registrationId: b.id, expectedMinor: 0, actualMinor: 7000 })]);
    // c's refund is no longer open but never went out: its balance no longer matches the outcome.
    expect(by('ended_balance')).toEqual([expect.objectContaining({ registrationId: c.id, expectedMinor: 0, actualMinor: -90000 })]);
    expect(by('credit_without_refund')).toEqual([expect.objectContaining({ registrationId: a.id, actualMinor: -2500, expectedMinor: 0 })]);
    // Another organization's reconcile is unaffected.
    const other = await setup();
    expect(await reconcile(testDb.db, other.org.id)).toEqual([]);
    expect(await testDb.db.select().from(ledgerEntries).where(eq(ledgerEntries.paymentId, lonely!.id))).toHaveLength(0);
  });
});
