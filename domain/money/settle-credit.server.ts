// Settling an account in credit: the money the organization owes becomes a refund due.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { refunds, type RefundReason } from '#db/schema/money.ts';
import type { Actor } from '#domain/audit/record-audit.server.ts';
import type { Refund, Registration } from './ledger-rows.ts';
import { registrationAccount } from './read-account.server.ts';

/** Refunds created but not yet paid out (due, processing, failed): money already promised. */
export async function openRefundsMinor(tx: DbOrTx, registrationId: string): Promise<number> {
  const [row] = await tx
    .select({ total: sql<number>`coalesce(sum(${refunds.amountMinor}), 0)::int` })
    .from(refunds)
    .where(and(eq(refunds.registrationId, registrationId), inArray(refunds.status, ['due', 'processing', 'failed'])));
  return row?.total ?? 0;
}

/**
 * When the account is in credit (the organization owes money), makes sure a refund is due for
 * it: creates one for the part no open refund covers yet, never more than was paid and not
 * yet refunded or promised. Call under the money lock, after posting. Returns the new refund.
 */
export async function settleCredit(
  tx: DbOrTx,
  input: { registration: Registration; reason: RefundReason; dueOn: string; actor: Actor; note?: string },
): Promise<Refund | undefined> {
  const account = await registrationAccount(tx, input.registration.id);
  const promised = await openRefundsMinor(tx, input.registration.id);
  const credit = -account.balanceMinor - promised;
  const refundable = account.netPaidMinor - promised;
  const amount = Math.min(credit, refundable);
  if (amount <= 0) return undefined;
  const [refund] = await tx
    .insert(refunds)
    .values({
      organizationId: input.registration.organizationId,
      registrationId: input.registration.id,
      reason: input.reason,
      amountMinor: amount,
      currency: input.registration.currency,
      dueOn: input.dueOn,
      note: input.note ?? '',
      createdBy: input.actor.userId,
    })
    .returning();
  return refund;
}
