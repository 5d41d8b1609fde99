// Which older invoices a new checkout replaces (ADR 0041, "One payable invoice").
import { and, eq, inArray, notExists } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { checkoutLines, checkouts, payments as paymentRows } from '#db/schema/money.ts';

/**
 * Open invoices (awaiting payment, no payment received) with a line for one of these
 * registrations and no registration line outside them.
 */
export async function findReplaceableInvoices(tx: DbOrTx, organizationId: string, registrationIds: string[]): Promise<string[]> {
  if (registrationIds.length === 0) return [];
  const rows = await tx
    .select({ id: checkouts.id, registrationId: checkoutLines.registrationId })
    .from(checkouts)
    .innerJoin(checkoutLines, eq(checkoutLines.checkoutId, checkouts.id))
    .where(
      and(
        eq(checkouts.organizationId, organizationId),
        eq(checkouts.method, 'invoice'),
        eq(checkouts.status, 'awaiting_payment'),
        inArray(
          checkouts.id,
          tx.select({ id: checkoutLines.checkoutId }).from(checkoutLines).where(inArray(checkoutLines.registrationId, registrationIds)),
        ),
        notExists(tx.select({ id: paymentRows.id }).from(paymentRows).where(eq(paymentRows.checkoutId, checkouts.id))),
      ),
    );
  const outside = new Set(rows.filter((r) => r.registrationId && !registrationIds.includes(r.registrationId)).map((r) => r.id));
  return [...new Set(rows.map((r) => r.id))].filter((id) => !outside.has(id));
}
