// Settling a series enrollment's account in credit: the money the organization owes becomes a
// refund due in the refund tracker, exactly as settleCredit does for a registration.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { refunds, type RefundReason } from '#db/schema/money.ts';
import type { Actor } from '#domain/audit/record-audit.server.ts';
import type { Refund } from './ledger-rows.ts';
import type { SeriesEnrollment } from './money-locks.server.ts';
import { seriesEnrollmentAccount } from './read-account.server.ts';

/** Refunds of a series enrollment created but not yet paid out (due, processing, failed). */
export async function openSeriesRefundsMinor(tx: DbOrTx, seriesEnrollmentId: string): Promise<number> {
  const [row] = await tx
    .select({ total: sql<number>`coalesce(sum(${refunds.amountMinor}), 0)::int` })
    .from(refunds)
    .where(and(eq(refunds.seriesEnrollmentId, seriesEnrollmentId), inArray(refunds.status, ['due', 'processing', 'failed'])));
  return row?.total ?? 0;
}

/**
 * When the enrollment's account is in credit, a refund is due for the part no open refund
 * covers yet, never more than was paid and not yet refunded or promised. Call under the
 * money lock (lockSeriesEnrollmentsForMoney), after posting. Returns the new refund.
 */
export async function settleSeriesCredit(
  tx: DbOrTx,
  input: { enrollment: SeriesEnrollment; currency: string; reason: RefundReason; dueOn: string; actor: Actor; note?: string },
): Promise<Refund | undefined> {
  const account = await seriesEnrollmentAccount(tx, input.enrollment.id);
  const promised = await openSeriesRefundsMinor(tx, input.enrollment.id);
  const amount = Math.min(-account.balanceMinor - promised, account.netPaidMinor - promised);
  if (amount <= 0) return undefined;
  const [refund] = await tx
    .insert(refunds)
    .values({
      organizationId: input.enrollment.organizationId,
      seriesEnrollmentId: input.enrollment.id,
      reason: input.reason,
      amountMinor: amount,
      currency: input.currency,
      dueOn: input.dueOn,
      note: input.note ?? '',
      createdBy: input.actor.userId,
    })
    .returning();
  return refund;
}
