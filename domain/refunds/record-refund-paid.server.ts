// Staff paid a refund themselves (check, transfer, cash): recorded with its date and reference,
// under the same lock and limit as a card payout (refund-payout.server.ts).
import type { Db } from '#db/client.server.ts';
import type { PaymentMethod } from '#db/schema/money.ts';
import { racePoint } from '#db/test-hooks.server.ts';
import type { Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import type { Refund } from '#domain/money/ledger-rows.ts';
import { localDate } from '#domain/money/policy.ts';
import { withScarceLocks } from '#domain/transaction.server.ts';

import { checkWithinPaid, lockRefund, markDone } from './refund-payout.server.ts';

export interface ManualRefund {
  organizationId: string;
  refundId: string;
  method: PaymentMethod;
  /** Local date the money went out (the check's date, the transfer's date). */
  paidOn: string;
  reference: string;
}

/** Staff paid a refund themselves (check, transfer, cash): recorded with its date and reference. */
export async function recordRefundPaid(db: Db, input: ManualRefund, actor: Actor, now = new Date()): Promise<Refund> {
  return withScarceLocks(db, async (tx) => {
    const { timeZone, refund } = await lockRefund(tx, input.refundId, input.organizationId);
    if (refund.status === 'done' || refund.status === 'cancelled') throw new DomainError('REFUND_NOT_OPEN', refund.status);
    if (refund.status === 'processing') throw new DomainError('REFUND_IN_PROGRESS', refund.id);
    const today = localDate(now, timeZone);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.paidOn) || input.paidOn > today) throw new DomainError('REFUND_PAID_ON_INVALID', input.paidOn, { paidOn: 'REFUND_PAID_ON_INVALID' });
    await checkWithinPaid(tx, refund);
    await racePoint('refund.due');
    return markDone(tx, refund, { method: input.method, completedOn: input.paidOn, reference: input.reference.trim() }, actor, now);
  });
}
