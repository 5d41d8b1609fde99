// What every payout of a refund shares, by card or by hand: the money lock and a fresh read of
// the refund, never more out than was paid (with refunds in flight), and 'done' with exactly one
// ledger `refund` entry.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { refunds, type PaymentMethod } from '#db/schema/money.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import type { Refund } from '#domain/money/ledger-rows.ts';
import { lockRegistrationForMoney, lockSeriesEnrollmentsForMoney } from '#domain/money/money-locks.server.ts';
import { groupListings } from '#db/schema/directory.ts';
import { groupSeries, seriesEnrollments } from '#db/schema/series.ts';
import { postEntries } from '#domain/money/post-entries.server.ts';
import { registrationAccount, seriesEnrollmentAccount } from '#domain/money/read-account.server.ts';
import type { Tx } from '#domain/transaction.server.ts';


/** Money in flight to the payer (refunds 'processing'), other than `exceptId`. */
export async function inFlightMinor(tx: DbOrTx, registrationId: string, exceptId: string, account: 'registration' | 'series_enrollment' = 'registration'): Promise<number> {
  const column = account === 'registration' ? refunds.registrationId : refunds.seriesEnrollmentId;
  const rows = await tx.select({ id: refunds.id, amountMinor: refunds.amountMinor }).from(refunds).where(and(eq(column, registrationId), eq(refunds.status, 'processing')));
  return rows.filter((r) => r.id !== exceptId).reduce((sum, r) => sum + r.amountMinor, 0);
}

/**
 * Locks the refund's account for money — a registration (course, then registration) or a
 * series enrollment (series, then enrollment; ADR 0063) — and re-reads the refund under the
 * lock. `timeZone` is the account's local zone (the course's, or the group listing's).
 */
export async function lockRefund(tx: Tx, refundId: string, organizationId?: string) {
  const [found] = await tx
    .select({ organizationId: refunds.organizationId, registrationId: refunds.registrationId, seriesEnrollmentId: refunds.seriesEnrollmentId })
    .from(refunds)
    .where(eq(refunds.id, refundId));
  if (!found || (!found.registrationId && !found.seriesEnrollmentId) || (organizationId && found.organizationId !== organizationId)) throw new DomainError('REFUND_NOT_FOUND', refundId);
  if (found.seriesEnrollmentId) {
    await lockSeriesEnrollmentsForMoney(tx, found.organizationId, [found.seriesEnrollmentId]);
    const [zone] = await tx
      .select({ timeZone: groupListings.timeZone })
      .from(seriesEnrollments)
      .innerJoin(groupSeries, eq(groupSeries.id, seriesEnrollments.seriesId))
      .innerJoin(groupListings, eq(groupListings.id, groupSeries.listingId))
      .where(eq(seriesEnrollments.id, found.seriesEnrollmentId));
    const [refund] = await tx.select().from(refunds).where(eq(refunds.id, refundId));
    return { refund: refund!, timeZone: zone!.timeZone, accountId: found.seriesEnrollmentId, account: 'series_enrollment' as const };
  }
  const { course, registration } = await lockRegistrationForMoney(tx, found.organizationId, found.registrationId!);
  const [refund] = await tx.select().from(refunds).where(eq(refunds.id, refundId));
  return { refund: refund!, timeZone: registration.policy.timeZone || course.timeZone, accountId: registration.id, account: 'registration' as const };
}

/** Never more than was paid: this refund plus those in flight fit in the money held. */
export async function checkWithinPaid(tx: DbOrTx, refund: Refund): Promise<void> {
  const account = refund.seriesEnrollmentId ? await seriesEnrollmentAccount(tx, refund.seriesEnrollmentId) : await registrationAccount(tx, refund.registrationId!);
  const flying = refund.seriesEnrollmentId ? await inFlightMinor(tx, refund.seriesEnrollmentId, refund.id, 'series_enrollment') : await inFlightMinor(tx, refund.registrationId!, refund.id);
  if (refund.amountMinor + flying > account.netPaidMinor) throw new DomainError('REFUND_EXCEEDS_PAID', `${refund.amountMinor} + ${flying} > ${account.netPaidMinor}`);
}

export async function markDone(tx: Tx, refund: Refund, done: { method: PaymentMethod; completedOn: string; reference: string; providerRefundId?: string | null }, actor: Actor, now: Date): Promise<Refund> {
  const [after] = await tx
    .update(refunds)
    .set({
      status: 'done',
      method: done.method,
      reference: done.reference,
      providerRefundId: done.providerRefundId ?? refund.providerRefundId,
      failureMessage: null,
      completedOn: done.completedOn,
      completedBy: actor.userId,
      completedAt: now,
    })
    .where(eq(refunds.id, refund.id))
    .returning();
  // The unique index on refund entries makes a second entry for one refund impossible.
  await postEntries(tx, [
    {
      organizationId: refund.organizationId,
      registrationId: refund.registrationId,
      seriesEnrollmentId: refund.seriesEnrollmentId,
      kind: 'refund',
      amountMinor: refund.amountMinor,
      currency: refund.currency,
      reason: done.reference || done.method,
      refundId: refund.id,
      effectiveOn: done.completedOn,
      createdBy: actor.userId,
    },
  ]);
  await recordAudit(tx, actor, {
    organizationId: refund.organizationId,
    action: 'refund.paid',
    entityType: 'refund',
    entityId: refund.id,
    before: { status: refund.status },
    after: { status: 'done', method: done.method, amountMinor: refund.amountMinor, completedOn: done.completedOn, providerRefundId: done.providerRefundId ?? undefined },
  });
  return after!;
}
