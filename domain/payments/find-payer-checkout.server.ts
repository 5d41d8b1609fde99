// A checkout as its payer sees it (the checkout and invoice pages): its lines, what is due, how to
// pay. Scoped by organization and by the signed-in user, or reached by a visitor's signed link.
import { and, desc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { checkoutLines, checkouts } from '#db/schema/money.ts';
import { registrations } from '#db/schema/registration.ts';
import { documentNumber as checkoutNumber } from '#domain/billing/document-numbers.ts';
import { invoiceDueNow } from '#domain/billing/invoice-remaining.server.ts';
import { getOrganization } from './checkout-records.server.ts';

/** `userId` null: a visitor's checkout (no account), reached through its signed link. */
export async function findPayerCheckout(db: DbOrTx, organizationId: string, userId: string | null, checkoutId: string) {
  const [checkout] = await db
    .select()
    .from(checkouts)
    .where(and(eq(checkouts.id, checkoutId), eq(checkouts.organizationId, organizationId), userId === null ? isNull(checkouts.userId) : eq(checkouts.userId, userId)));
  if (!checkout) return undefined;
  const org = await getOrganization(db, organizationId);
  const lines = await db.select().from(checkoutLines).where(eq(checkoutLines.checkoutId, checkout.id)).orderBy(checkoutLines.position);
  const regIds = lines.flatMap((l) => (l.registrationId ? [l.registrationId] : []));
  const regs = regIds.length
    ? await db.select({ id: registrations.id, status: registrations.status, policy: registrations.policy }).from(registrations).where(inArray(registrations.id, regIds))
    : [];
  const open = checkout.status === 'awaiting_payment' || checkout.status === 'open';
  // A void invoice replaced because what is owed changed: the invoice that replaced it.
  const [replacement] =
    checkout.method === 'invoice' && checkout.status === 'cancelled' && regIds.length > 0 && userId !== null
      ? await db
          .selectDistinct({ id: checkouts.id, number: checkouts.number, createdAt: checkouts.createdAt })
          .from(checkouts)
          .innerJoin(checkoutLines, eq(checkoutLines.checkoutId, checkouts.id))
          .where(
            and(
              eq(checkouts.organizationId, organizationId),
              eq(checkouts.userId, userId),
              eq(checkouts.method, 'invoice'),
              eq(checkouts.status, 'awaiting_payment'),
              gt(checkouts.number, checkout.number),
              inArray(checkoutLines.registrationId, regIds),
            ),
          )
          .orderBy(desc(checkouts.createdAt))
          .limit(1)
      : [];
  return {
    id: checkout.id,
    guest: checkout.userId === null,
    orgName: org.name,
    number: checkoutNumber(org.shortName, checkout.number),
    /** What an open invoice asks for now: its total, lowered when what is owed fell after it was issued. */
    dueNowMinor: open && checkout.method === 'invoice' ? await invoiceDueNow(db, organizationId, checkout.id) : checkout.totalMinor,
    replacement: replacement ? { id: replacement.id, number: checkoutNumber(org.shortName, replacement.number) } : null,
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
