// Ten staff members (or one double-clicking) record the same invoice's payment at once: the
// invoice is paid exactly once. The race is forced (tests/helpers/forced-race.ts): every
// recorder is held after reading the invoice as open until all have read it or wait on its
// lock. Negative control: with the locks switched off the same forced race records it ten
// times, every round: the checker (payments against the invoice) sees it every time.
import { eq } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { checkoutLines, checkouts, payments } from '#db/schema/money.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { placeRegistration } from '#domain/registration/place-registration.server.ts';
import { application, createCourse, createOrganization, DURING_REGISTRATION } from '../../tests/helpers/fixtures.ts';
import { forceRace, withLocksOff } from '../../tests/helpers/forced-race.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { reconcile } from './reconcile.server.ts';
import { recordInvoicePayment } from './record-invoice-payment.server.ts';

const testDb = useTestDatabase();
const context = { publicUrl: 'http://localhost:3000', now: DURING_REGISTRATION };

async function openInvoice() {
  const org = await createOrganization(testDb.db);
  const course = await createCourse(testDb.db, org.id);
  const { registration: r } = await placeRegistration(testDb.db, application(org.id, course.id), systemActor, context);
  const [invoice] = await testDb.db
    .insert(checkouts)
    .values({ organizationId: org.id, userId: r.userId, payerName: r.name, payerEmail: r.email, method: 'invoice', status: 'awaiting_payment', currency: 'USD', totalMinor: r.amountMinor, dueOn: '2025-02-15' })
    .returning();
  await testDb.db.insert(checkoutLines).values({ checkoutId: invoice!.id, position: 0, kind: 'registration', registrationId: r.id, description: 'Intensive', amountMinor: r.amountMinor });
  return { org, invoice: invoice!, registration: r };
}

const RECORDERS = 10;

/** Ten recorders at once, all held after reading the invoice as open (see forced-race.ts). */
async function fire(organizationId: string, checkoutId: string) {
  const race = forceRace(testDb.pool, 'invoice.open', RECORDERS);
  try {
    return await Promise.allSettled(
      Array.from({ length: RECORDERS }, (_, i) =>
        race.run(() => recordInvoicePayment(testDb.db, { organizationId, checkoutId, receivedOn: '2025-02-01', method: 'check', reference: `#${i}` }, systemActor, context)),
      ),
    );
  } finally {
    race.end();
  }
}

async function tally(organizationId: string, checkoutId: string) {
  const rows = await testDb.db.select().from(payments).where(eq(payments.checkoutId, checkoutId));
  return { count: rows.length, paidMinor: rows.reduce((s, p) => s + p.amountMinor, 0), violations: await reconcile(testDb.db, organizationId) };
}

test('ten concurrent payments of one invoice: one is recorded, the others are told it is no longer open', async () => {
  for (let round = 0; round < 3; round++) {
    const { org, invoice, registration } = await openInvoice();
    const outcomes = await fire(org.id, invoice.id);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toMatchObject({ code: expect.stringMatching(/^(INVOICE_NOT_OPEN|BUSY)$/) });
    const after = await tally(org.id, invoice.id);
    expect(after).toMatchObject({ count: 1, paidMinor: registration.amountMinor, violations: [] });
  }
}, 120_000);

test('negative control: with the locks off the same forced race pays the invoice ten times, every round', async () => {
  await withLocksOff(async () => {
    for (let round = 0; round < 3; round++) {
      const { org, invoice } = await openInvoice();
      const outcomes = await fire(org.id, invoice.id);
      const after = await tally(org.id, invoice.id);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(RECORDERS);
      expect(after.count).toBe(RECORDERS);
      // Ten checks recorded against one invoice: the money the checker counts.
      expect(after.paidMinor).toBe(RECORDERS * invoice.totalMinor);
    }
  });
}, 120_000);
