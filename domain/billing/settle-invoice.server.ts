// An invoice becomes paid when nothing more is asked of it.
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { checkouts, payments } from '#db/schema/money.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { invoiceDueNow } from './invoice-remaining.server.ts';

/**
 * Marks an invoice paid once payments against it reach its total, or once it asks for nothing
 * more (what it billed was lowered after it was issued and the rest has been paid).
 */
export async function settleInvoiceIfPaid(tx: DbOrTx, checkout: typeof checkouts.$inferSelect, actor: Actor, now: Date): Promise<boolean> {
  const [row] = await tx
    .select({ paid: sql<number>`coalesce(sum(${payments.amountMinor}), 0)::int` })
    .from(payments)
    .where(eq(payments.checkoutId, checkout.id));
  if ((row?.paid ?? 0) < checkout.totalMinor && (await invoiceDueNow(tx, checkout.organizationId, checkout.id)) > 0) return false;
  await tx.update(checkouts).set({ status: 'paid', paidAt: now }).where(eq(checkouts.id, checkout.id));
  await recordAudit(tx, actor, {
    organizationId: checkout.organizationId,
    action: 'invoice.paid',
    entityType: 'checkout',
    entityId: checkout.id,
    before: { status: checkout.status },
    after: { status: 'paid' },
  });
  return true;
}
