// A course priced in yen, end to end on PostgreSQL and the fake Stripe server (ADR 0050): the
// amounts staff type (price table, cancellation fee, fixed discount) are stored in yen, not in
// hundredths of a yen; the registration, the card payment, the receipt PDF, the statement, the
// CSV export and the card refund all carry the same yen.
import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { outboxMessages } from '#db/schema/email.ts';
import { organizations } from '#db/schema/organizations.ts';
import { payments } from '#db/schema/money.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { loadReceipt, loadStatement } from '#domain/billing/documents.server.ts';
import { courseSchema, parsePriceRows } from '#domain/courses/course-schema.ts';
import { saveCourse } from '#domain/courses/save-course.server.ts';
import { savePriceTable } from '#domain/courses/save-price-table.server.ts';
import { setCourseStatus } from '#domain/courses/set-course-status.server.ts';
import { createCheckout } from '#domain/payments/create-checkout.server.ts';
import { applyStripeEvent } from '#domain/payments/provider-events.server.ts';
import { cancelRegistration } from '#domain/refunds/cancel-registration.server.ts';
import { issueRefund } from '#domain/refunds/issue-refund.server.ts';
import { issueDiscountCode } from '#domain/registration/discount-codes.server.ts';
import { applicationsCsv, EXPORT_COLUMNS, type ExportWords } from '#domain/registration/export-applications.ts';
import { placeRegistration } from '#domain/registration/place-registration.server.ts';
import { parseAmount } from '#lib/money.ts';
import { renderReceiptPdf, renderStatementPdf } from '#lib/pdf/documents.ts';
import { pdfText } from '#lib/pdf/pdf-text.ts';
import { createStripe } from '#lib/stripe.server.ts';
import { startFakeStripe, type FakeStripe } from '../../tests/helpers/fake-stripe.ts';
import { application, createOrganization, DURING_REGISTRATION } from '../../tests/helpers/fixtures.ts';
import { stripeSettings } from '../../tests/helpers/money-fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';

const testDb = useTestDatabase();
const publicUrl = 'http://hub.test';
let fake: FakeStripe;

beforeAll(async () => {
  fake = await startFakeStripe();
});
afterAll(async () => {
  await fake.close();
});

const text = async (pdf: Buffer) => (await pdfText(pdf)).replace(/\s+/g, ' ');

test('a course priced in yen: typed prices, fee and discount are yen, and so are the registration, card payment, receipt, statement, export and refund', async () => {
  const db = testDb.db;
  const org = await createOrganization(db);
  await db.update(organizations).set({ currency: 'JPY', timeZone: 'Asia/Tokyo' }).where(eq(organizations.id, org.id));

  // The course form as staff fill it in: a cancellation fee of ¥10,000.
  const form = courseSchema.parse({
    title: 'Balint Leadership Intensive Tokyo',
    slug: 'tokyo-2025',
    kind: 'leadership_intensive',
    startsOn: '2025-04-23',
    endsOn: '2025-04-26',
    timeZone: 'Asia/Tokyo',
    capacity: '40',
    earlyPlaceLimit: '20',
    registrationOpensOn: '2025-01-01',
    registrationDeadline: '2025-03-12',
    cancellationDeadline: '2025-03-12',
    cancellationFee: '10000',
    currency: 'jpy',
  });
  const course = await saveCourse(db, { organizationId: org.id, form, sectionHeadings: {} }, systemActor);
  expect(course).toMatchObject({ currency: 'JPY', cancellationFeeMinor: 10_000 });

  // The price table as typed: ¥125,000 early, ¥150,000 regular. "1250.50" yen is refused.
  expect(parsePriceRows({ rowCount: '1', 'rows.0.key': 'non_member', 'rows.0.label': 'Registration', 'rows.0.early': '1250.50', 'rows.0.regular': '150000' }, true, course.currency).ok).toBe(false);
  const table = parsePriceRows({ rowCount: '1', 'rows.0.key': 'non_member', 'rows.0.label': 'Registration', 'rows.0.early': '125000', 'rows.0.regular': '150000' }, true, course.currency);
  if (!table.ok) throw new Error(JSON.stringify(table.errors));
  expect(table.rows[0]).toMatchObject({ early: 125_000, regular: 150_000 });
  await savePriceTable(db, { organizationId: org.id, courseId: course.id, rows: table.rows }, systemActor);

  // A fixed discount of ¥5,000, typed as the discount form reads it.
  const discount = parseAmount('5000', course.currency);
  if (!discount.ok) throw new Error(discount.problem);
  await issueDiscountCode(db, { organizationId: org.id, courseId: course.id, code: 'TOKYO5000', kind: 'fixed', amount: discount.minor, maxUses: null, expiresOn: null, categoryKeys: [], note: '' }, systemActor);
  await setCourseStatus(db, { organizationId: org.id, courseId: course.id, status: 'published' }, systemActor);

  // Registration: the early price less the discount, in yen; its confirmation email says so.
  const placed = await placeRegistration(db, application(org.id, course.id, { name: 'Hanako Yamada', discountCode: 'TOKYO5000' }), systemActor, { publicUrl, now: DURING_REGISTRATION });
  const registration = placed.registration;
  expect(registration).toMatchObject({ currency: 'JPY', tier: 'early', baseAmountMinor: 125_000, discountMinor: 5_000, amountMinor: 120_000 });
  const mail = await db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, registration.email));
  expect(mail.map((m) => m.text).join('\n')).toContain('¥120,000');

  // Card payment: Stripe is asked for 120000 (JPY is zero-decimal there too), not 12000000.
  const settings = stripeSettings(fake);
  const checkout = await createCheckout(
    db,
    { organizationId: org.id, userId: registration.userId, payer: { name: registration.name, email: registration.email }, lines: [{ kind: 'registration', registrationId: registration.id }], method: 'card' },
    { userId: registration.userId, requestId: null },
    { publicUrl, payments: settings },
  );
  const session = fake.sessions.get(checkout.checkout.providerSessionId!)!;
  expect(session).toMatchObject({ currency: 'jpy', amount_total: 120_000 });
  const completed = fake.completeSession(session.id);
  const applied = await applyStripeEvent(db, createStripe(settings), completed as unknown as Stripe.Event, { publicUrl, now: DURING_REGISTRATION });
  expect(applied.outcome).toBe('applied');
  const [payment] = await db.select().from(payments).where(eq(payments.id, applied.paymentId!));
  expect(payment).toMatchObject({ method: 'card', amountMinor: 120_000, currency: 'JPY' });

  // The receipt PDF and the statement PDF: yen, with no decimals and no factor of 100.
  const receipt = await loadReceipt(db, org.id, payment!.id);
  const receiptText = await text(await renderReceiptPdf(receipt!.document));
  expect(receiptText).toContain('Hanako Yamada');
  expect(receiptText).toContain('¥120,000');
  expect(receiptText).not.toMatch(/¥1,200(?!,)|¥12,000,000|\.00/);
  const statement = await loadStatement(db, org.id, registration.id, DURING_REGISTRATION);
  const statementText = await text(await renderStatementPdf(statement!.document));
  for (const amount of ['¥125,000', '¥5,000', '¥120,000']) expect(statementText).toContain(amount);

  // The staff export: plain yen a spreadsheet adds up.
  const csv = applicationsCsv([registration], exportWords, { accounts: new Map(), traineeCategories: new Set() });
  expect(csv).toMatch(/,120000,/);

  // Cancelled before the deadline: the ¥10,000 fee is kept and ¥110,000 goes back to the card.
  const cancelled = await cancelRegistration(db, { organizationId: org.id, registrationId: registration.id, channel: 'online', userId: registration.userId }, systemActor, { publicUrl, now: DURING_REGISTRATION });
  expect(cancelled.refund).toMatchObject({ amountMinor: 110_000, currency: 'JPY' });
  const [refund] = await issueRefund(db, cancelled.refund!.id, systemActor, settings, { now: DURING_REGISTRATION });
  expect(refund).toMatchObject({ status: 'done', amountMinor: 110_000 });
  expect(fake.refunds.get(refund!.providerRefundId!)).toMatchObject({ amount: 110_000, currency: 'jpy' });
});

const exportWords: ExportWords = {
  headers: Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, c])) as ExportWords['headers'],
  status: String,
  tier: String,
  membershipCheck: String,
  yes: 'yes',
  no: 'no',
};
