// Shared setup of the card-payment tests (checkouts and invoices, the Stripe webhook): an
// organization that takes checks and invoices, a course, one registration on it, and helpers
// to start a checkout for it and read back its payments, receipts and checkout rows.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.server.ts';
import { outboxMessages } from '../../db/schema/email.ts';
import { checkouts, payments } from '../../db/schema/money.ts';
import { organizations } from '../../db/schema/organizations.ts';
import { registrations } from '../../db/schema/registration.ts';
import { systemActor } from '../../domain/audit/record-audit.server.ts';
import { createCheckout } from '../../domain/payments/create-checkout.server.ts';
import type { LineInput } from '../../domain/payments/line-kinds.server.ts';
import { placeRegistration } from '../../domain/registration/place-registration.server.ts';
import type { FakeStripe } from './fake-stripe.ts';
import { application, createCourse, createOrganization, DURING_REGISTRATION, type CourseOverrides } from './fixtures.ts';
import { stripeSettings } from './money-fixtures.ts';

/** `setup(courseOverrides?)` and `settings()`, bound to one file's database and fake Stripe server. */
export function paymentsFixtures(testDb: { readonly db: Db }, context: { publicUrl: string; fake: () => FakeStripe }) {
  const { publicUrl } = context;
  const settings = () => stripeSettings(context.fake());

  async function setup(courseOverrides: CourseOverrides = {}) {
    const org = await createOrganization(testDb.db);
    await testDb.db
      .update(organizations)
      .set({ paymentInstructions: 'Checks to ABS, PO Box 1, Spokane WA', invoiceDueDays: 14 })
      .where(eq(organizations.id, org.id));
    const course = await createCourse(testDb.db, org.id, courseOverrides);
    const placed = await placeRegistration(testDb.db, application(org.id, course.id), systemActor, { publicUrl, now: DURING_REGISTRATION });
    const registration = placed.registration;
    const checkout = (lines: LineInput[], method: 'card' | 'invoice' = 'card', userId = registration.userId) =>
      createCheckout(
        testDb.db,
        { organizationId: org.id, userId, payer: { name: registration.name, email: registration.email }, lines, method },
        { userId, requestId: null },
        { publicUrl, payments: settings() },
      );
    const paymentsOf = (checkoutId: string) => testDb.db.select().from(payments).where(eq(payments.checkoutId, checkoutId));
    const receiptsTo = (email: string) =>
      testDb.db
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.organizationId, org.id), eq(outboxMessages.kind, 'payments.receipt'), eq(outboxMessages.toAddress, email)));
    const reload = async () => (await testDb.db.select().from(registrations).where(eq(registrations.id, registration.id)))[0]!;
    const checkoutRow = async (id: string) => (await testDb.db.select().from(checkouts).where(eq(checkouts.id, id)))[0]!;
    return { org, course, registration, checkout, paymentsOf, receiptsTo, reload, checkoutRow };
  }

  return { setup, settings };
}
