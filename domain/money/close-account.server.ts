// Closing a registration's account when the registration ends.
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { aidApplications } from '#db/schema/aid.ts';
import type { RefundReason } from '#db/schema/money.ts';
import type { Actor } from '#domain/audit/record-audit.server.ts';
import type { AccountSummary } from './account.ts';
import type { Refund, Registration } from './ledger-rows.ts';
import { postEntries } from './post-entries.server.ts';
import { registrationAccount } from './read-account.server.ts';
import { settleCredit } from './settle-credit.server.ts';

/**
 * Ends a registration's account: everything charged is reversed except `retainedMinor` (the
 * policy's fee, or all that was paid after the deadline), and the rest of the money paid
 * becomes a refund due. Used by cancellations, declined and withdrawn applications and lapsed
 * holds, so no ending ever leaves money behind. Call under the money lock.
 */
export async function closeAccount(
  tx: DbOrTx,
  input: {
    registration: Registration;
    retainedMinor: number;
    reason: string;
    refundReason: RefundReason;
    effectiveOn: string;
    dueOn: string;
    actor: Actor;
    cancellationId?: string | null;
    /** false: a pending aid application stays (the registration went back to the waitlist, it did not end). */
    withdrawAid?: boolean;
  },
): Promise<{ account: AccountSummary; refund: Refund | undefined }> {
  const { registration } = input;
  const before = await registrationAccount(tx, registration.id);
  // Everything but cash: charges, discounts, aid, adjustments and fees already retained.
  // Never keep more than was paid, nor more than was charged (an overpayment comes back).
  const retained = Math.max(0, Math.min(input.retainedMinor, before.netPaidMinor, before.dueMinor));
  await postEntries(tx, [
    {
      organizationId: registration.organizationId,
      registrationId: registration.id,
      kind: 'adjustment',
      amountMinor: -before.dueMinor,
      currency: registration.currency,
      reason: input.reason,
      cancellationId: input.cancellationId ?? null,
      effectiveOn: input.effectiveOn,
      createdBy: input.actor.userId,
    },
    {
      organizationId: registration.organizationId,
      registrationId: registration.id,
      kind: 'fee_retained',
      amountMinor: retained,
      currency: registration.currency,
      reason: input.reason,
      cancellationId: input.cancellationId ?? null,
      effectiveOn: input.effectiveOn,
      createdBy: input.actor.userId,
    },
  ]);
  if (input.withdrawAid !== false) {
    // The registration has ended: its aid application ends with it. One awaiting a decision is
    // withdrawn; an award (reversed with the charges above) is withdrawn too, which frees it
    // for another applicant of the course — the award amount stays on the row for the record.
    await tx
      .update(aidApplications)
      .set({ status: 'withdrawn', decidedAt: new Date() })
      .where(and(eq(aidApplications.registrationId, registration.id), inArray(aidApplications.status, ['submitted', 'awarded'])));
  }
  const refund = await settleCredit(tx, { registration, reason: input.refundReason, dueOn: input.dueOn, actor: input.actor });
  return { account: await registrationAccount(tx, registration.id), refund };
}
