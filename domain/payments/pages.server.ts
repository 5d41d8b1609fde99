// What the payment pages show a person about their own registration and checkouts. Every read
// is scoped by organization and by the signed-in user.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { checkoutLines, checkouts } from '#db/schema/money.ts';
import { PLACE_HOLDING, registrations } from '#db/schema/registration.ts';
import { registrationAccount } from '#domain/money/ledger.server.ts';
import { checkoutNumber, minorPerUnit } from './amounts.ts';
import { getOrganization } from './checkouts.server.ts';

export async function payPageData(db: DbOrTx, organizationId: string, userId: string, registrationId: string) {
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
    minGiftMinor: minorPerUnit(registration.currency),
    invoices: invoiceRows.map((i) => ({ id: i.id, number: checkoutNumber(org.shortName, i.number), totalMinor: i.totalMinor, dueOn: i.dueOn })),
  };
}

export async function checkoutPageData(db: DbOrTx, organizationId: string, userId: string, checkoutId: string) {
  const [checkout] = await db
    .select()
    .from(checkouts)
    .where(and(eq(checkouts.id, checkoutId), eq(checkouts.organizationId, organizationId), eq(checkouts.userId, userId)));
  if (!checkout) return undefined;
  const org = await getOrganization(db, organizationId);
  const lines = await db.select().from(checkoutLines).where(eq(checkoutLines.checkoutId, checkout.id)).orderBy(checkoutLines.position);
  const regIds = lines.flatMap((l) => (l.registrationId ? [l.registrationId] : []));
  const regs = regIds.length
    ? await db.select({ id: registrations.id, status: registrations.status, policy: registrations.policy }).from(registrations).where(inArray(registrations.id, regIds))
    : [];
  return {
    id: checkout.id,
    number: checkoutNumber(org.shortName, checkout.number),
    method: checkout.method,
    status: checkout.status,
    currency: checkout.currency,
    totalMinor: checkout.totalMinor,
    dueOn: checkout.dueOn,
    payerEmail: checkout.payerEmail,
    /** Only while the Stripe page can still be paid. */
    payUrl: checkout.status === 'open' ? checkout.providerSessionUrl : null,
    instructions: org.paymentInstructions,
    postalAddress: org.postalAddress,
    lines: lines.map((l) => ({ id: l.id, kind: l.kind, description: l.description, amountMinor: l.amountMinor, registrationId: l.registrationId })),
    registrations: regs.map((r) => ({ id: r.id, status: r.status, courseTitle: r.policy.courseTitle })),
  };
}
