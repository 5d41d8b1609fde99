// The organization's open invoices, with what each still asks for.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { checkoutLines, checkouts } from '#db/schema/money.ts';
import { registrations } from '#db/schema/registration.ts';
import { invoiceDueNow } from './invoice-remaining.server.ts';

/** Open invoices of the organization (awaiting payment), with what each still needs. */
export async function findOpenInvoices(db: DbOrTx, organizationId: string, options: { registrationId?: string } = {}) {
  const filters = [eq(checkouts.organizationId, organizationId), eq(checkouts.method, 'invoice'), inArray(checkouts.status, ['open', 'awaiting_payment'])];
  if (options.registrationId) {
    filters.push(inArray(checkouts.id, db.select({ id: checkoutLines.checkoutId }).from(checkoutLines).where(eq(checkoutLines.registrationId, options.registrationId))));
  }
  const rows = await db
    .select({
      id: checkouts.id,
      number: checkouts.number,
      payerName: checkouts.payerName,
      payerEmail: checkouts.payerEmail,
      currency: checkouts.currency,
      totalMinor: checkouts.totalMinor,
      dueOn: checkouts.dueOn,
      createdAt: checkouts.createdAt,
      // Qualified by hand: drizzle renders a column of the outer query unqualified ("id"), which
      // inside this subquery would mean payments.id and always sum nothing.
      paidMinor: sql<number>`coalesce((select sum(p.amount_minor) from payments p where p.checkout_id = "checkouts"."id"), 0)::int`,
    })
    .from(checkouts)
    .where(and(...filters))
    .orderBy(asc(checkouts.dueOn), asc(checkouts.number));
  const regRows = rows.length
    ? await db
        .select({ checkoutId: checkoutLines.checkoutId, registrationId: registrations.id, courseId: registrations.courseId })
        .from(checkoutLines)
        .innerJoin(registrations, eq(registrations.id, checkoutLines.registrationId))
        .where(and(inArray(checkoutLines.checkoutId, rows.map((r) => r.id)), eq(registrations.organizationId, organizationId)))
    : [];
  const dueNow = new Map<string, number>();
  for (const r of rows) dueNow.set(r.id, await invoiceDueNow(db, organizationId, r.id));
  return rows.map((r) => ({
    ...r,
    /** What the invoice asks for now: never more than the ledger says is owed (invoiceRemaining). */
    balanceMinor: dueNow.get(r.id)!,
    /** The registrations the invoice pays (for a link to the account page). */
    registrations: regRows.filter((g) => g.checkoutId === r.id).map((g) => ({ id: g.registrationId, courseId: g.courseId })),
  }));
}
