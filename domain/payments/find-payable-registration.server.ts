// What the pay page shows a person about their own registration: what is due now, its open
// invoice, whether invoices can be asked for. Scoped by organization and by the signed-in user.
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { checkoutLines, checkouts } from '#db/schema/money.ts';
import { PLACE_HOLDING, registrations } from '#db/schema/registration.ts';
import { registrationAccount } from '#domain/money/read-account.server.ts';
import { documentNumber as checkoutNumber } from '#domain/billing/document-numbers.ts';
import { minGiftMinor } from './gifts.ts';
import { invoiceDueNow } from '#domain/billing/invoice-remaining.server.ts';
import { getOrganization, invoicesAvailable } from './checkout-records.server.ts';

export async function findPayableRegistration(db: DbOrTx, organizationId: string, userId: string, registrationId: string) {
  const [registration] = await db
    .select()
    .from(registrations)
    .where(and(eq(registrations.id, registrationId), eq(registrations.organizationId, organizationId), eq(registrations.userId, userId)));
  if (!registration) return undefined;
  const org = await getOrganization(db, organizationId);
  const account = await registrationAccount(db, registration.id);
  const invoiceRows = await db
    .selectDistinct({ id: checkouts.id, number: checkouts.number, totalMinor: checkouts.totalMinor, dueOn: checkouts.dueOn, createdAt: checkouts.createdAt })
    .from(checkouts)
    .innerJoin(checkoutLines, eq(checkoutLines.checkoutId, checkouts.id))
    .where(and(eq(checkouts.organizationId, organizationId), eq(checkouts.userId, userId), eq(checkouts.status, 'awaiting_payment'), eq(checkoutLines.registrationId, registration.id)))
    .orderBy(desc(checkouts.createdAt));
  return {
    registrationId: registration.id,
    courseTitle: registration.policy.courseTitle,
    status: registration.status,
    currency: registration.currency,
    holdsPlace: PLACE_HOLDING.includes(registration.status),
    dueMinor: Math.max(0, account.balanceMinor),
    minGiftMinor: minGiftMinor(registration.currency),
    /** Each open invoice with what it asks for now (never more than the ledger says is owed). */
    invoices: await Promise.all(
      invoiceRows.map(async (i) => ({ id: i.id, number: checkoutNumber(org.shortName, i.number), totalMinor: await invoiceDueNow(db, organizationId, i.id), dueOn: i.dueOn })),
    ),
    /** Paying by check or bank transfer needs the organization's payment instructions. */
    invoicesAvailable: invoicesAvailable(org),
  };
}
