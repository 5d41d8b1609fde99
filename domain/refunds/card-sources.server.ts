// Card payments a refund can go back to: those of a registration with money not yet refunded.
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { ledgerEntries, payments, refunds } from '#db/schema/money.ts';


export interface CardSource {
  paymentId: string;
  providerPaymentId: string;
  /** What can still go back to this card for this registration. */
  remainderMinor: number;
}

/** Card payments of a registration with money that can still be refunded to them, largest first. */
export async function refundableCardPayments(db: DbOrTx, accountId: string, account: 'registration' | 'series_enrollment' = 'registration'): Promise<CardSource[]> {
  return (await refundableCardPaymentsOf(db, [accountId], account)).get(accountId) ?? [];
}

/**
 * The same for many registrations in two queries (the refund tracker's "Refund to card"
 * buttons): each registration's share of each card payment, less the refunds processing or
 * done on it for that registration, and never more than the payment has left overall.
 */
export async function refundableCardPaymentsOf(db: DbOrTx, registrationIds: readonly string[], account: 'registration' | 'series_enrollment' = 'registration'): Promise<Map<string, CardSource[]>> {
  const entryAccount = account === 'registration' ? ledgerEntries.registrationId : ledgerEntries.seriesEnrollmentId;
  const refundAccount = account === 'registration' ? refunds.registrationId : refunds.seriesEnrollmentId;
  const result = new Map<string, CardSource[]>();
  if (registrationIds.length === 0) return result;
  const shares = await db
    .select({
      registrationId: entryAccount,
      paymentId: payments.id,
      providerPaymentId: payments.providerPaymentId,
      paymentMinor: payments.amountMinor,
      shareMinor: sql<number>`(-${ledgerEntries.amountMinor})::int`,
    })
    .from(ledgerEntries)
    .innerJoin(payments, eq(payments.id, ledgerEntries.paymentId))
    .where(and(inArray(entryAccount, [...registrationIds]), eq(ledgerEntries.kind, 'payment'), eq(payments.method, 'card'), isNotNull(payments.providerPaymentId)));
  if (shares.length === 0) return result;
  const out = await db
    .select({ paymentId: refunds.paymentId, registrationId: refundAccount, amountMinor: refunds.amountMinor })
    .from(refunds)
    .where(and(inArray(refunds.paymentId, [...new Set(shares.map((s) => s.paymentId))]), inArray(refunds.status, ['processing', 'done'])));
  for (const s of shares) {
    const onPayment = out.filter((r) => r.paymentId === s.paymentId);
    const forRegistration = onPayment.filter((r) => r.registrationId === s.registrationId).reduce((sum, r) => sum + r.amountMinor, 0);
    const all = onPayment.reduce((sum, r) => sum + r.amountMinor, 0);
    const remainderMinor = Math.min(s.shareMinor - forRegistration, s.paymentMinor - all);
    if (remainderMinor <= 0) continue;
    const list = result.get(s.registrationId!) ?? [];
    list.push({ paymentId: s.paymentId, providerPaymentId: s.providerPaymentId!, remainderMinor });
    result.set(s.registrationId!, list);
  }
  for (const list of result.values()) list.sort((a, b) => b.remainderMinor - a.remainderMinor);
  return result;
}
