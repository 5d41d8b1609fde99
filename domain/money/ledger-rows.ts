// The ledger's rows and the rows it posts for, shared by the money use cases (post-entries,
// read-account, settle-credit, close-account, apply-payment) and the capabilities that move money.
import { ledgerEntries, refunds, type LedgerKind } from '#db/schema/money.ts';
import { registrations } from '#db/schema/registration.ts';

export type LedgerEntry = typeof ledgerEntries.$inferSelect;
export type Registration = typeof registrations.$inferSelect;
export type Refund = typeof refunds.$inferSelect;

export interface NewEntry {
  organizationId: string;
  registrationId?: string | null;
  donationId?: string | null;
  seriesEnrollmentId?: string | null;
  membershipTermId?: string | null;
  kind: LedgerKind;
  amountMinor: number;
  currency: string;
  reason?: string;
  paymentId?: string | null;
  refundId?: string | null;
  cancellationId?: string | null;
  aidApplicationId?: string | null;
  effectiveOn: string;
  createdBy?: string | null;
}
