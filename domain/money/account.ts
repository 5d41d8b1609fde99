// What a ledger says about one account (a registration, a donation): pure, so the same sums
// serve the statement, the receipt, the reconcile report and the tests.
import type { LedgerKind } from '#db/schema/money.ts';

export interface AccountSummary {
  /** Charges (prices). */
  chargedMinor: number;
  /** Discounts, aid awards, adjustments and retained fees, as signed sums. */
  discountMinor: number;
  aidMinor: number;
  adjustmentMinor: number;
  feeRetainedMinor: number;
  /** Money received and money returned (both positive). */
  paidMinor: number;
  refundedMinor: number;
  /** paid − refunded: what the organization holds for this account. */
  netPaidMinor: number;
  /** What is owed for the account before payments: charges and all credits. */
  dueMinor: number;
  /** The balance: positive = the payer owes, negative = the organization owes (a refund). */
  balanceMinor: number;
}

export function summarize(entries: readonly { kind: LedgerKind; amountMinor: number }[]): AccountSummary {
  const sum = (kind: LedgerKind) => entries.filter((e) => e.kind === kind).reduce((total, e) => total + e.amountMinor, 0);
  const charged = sum('charge');
  const discount = sum('discount');
  const aid = sum('aid_award');
  const adjustment = sum('adjustment');
  const retained = sum('fee_retained');
  const paid = 0 - sum('payment');
  // A refund the card processor reported failed is reversed: that money never left.
  const refunded = sum('refund') + sum('refund_reversal');
  const due = charged + discount + aid + adjustment + retained;
  return {
    chargedMinor: charged,
    discountMinor: discount,
    aidMinor: aid,
    adjustmentMinor: adjustment,
    feeRetainedMinor: retained,
    paidMinor: paid,
    refundedMinor: refunded,
    netPaidMinor: paid - refunded,
    dueMinor: due,
    balanceMinor: due - paid + refunded,
  };
}
