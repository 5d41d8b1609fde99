// Holds that lapse, swept by jobs: offers not answered in time, places held for a payment that
// did not come, and applications whose address was never confirmed.
import { and, asc, eq, inArray, isNull, lt, lte } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { ACTIVE, registrations } from '#db/schema/registration.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { lockRegistrationForMoney } from '#domain/money/money-locks.server.ts';
import { registrationAccount } from '#domain/money/read-account.server.ts';
import { withScarceLocks } from '#domain/transaction.server.ts';
import { applyChange, lockRegistration, type Context } from './status-change.server.ts';

/**
 * Offers not answered in time pass to the next person. The lapsed applicant goes back to the
 * end of the waitlist (they can still withdraw); returns the emails to deliver.
 */
export async function expireOffers(db: Db, actor: Actor, context: Context): Promise<string[]> {
  const now = context.now ?? new Date();
  const due = await db
    .select({ id: registrations.id, organizationId: registrations.organizationId })
    .from(registrations)
    .where(and(eq(registrations.status, 'offered'), lt(registrations.offerExpiresAt, now)))
    .limit(200);
  const emailIds: string[] = [];
  for (const offer of due) {
    const ids = await withScarceLocks(db, async (tx) => {
      const { course, registration } = await lockRegistration(tx, offer.organizationId, offer.id);
      if (registration.status !== 'offered' || !registration.offerExpiresAt || registration.offerExpiresAt >= now) return [];
      const change = await applyChange(tx, course, registration, 'waitlisted', actor, context, 'offerExpired', { action: 'registration.offer_expired' });
      return change.emailIds;
    });
    emailIds.push(...ids);
  }
  return emailIds;
}

/**
 * Accepted registrations whose payment deadline (pay after acceptance) passed unpaid: the
 * hold lapses, the place goes to the waitlist, any part payment is refunded in full.
 */
export async function expirePaymentHolds(db: Db, actor: Actor, context: Context): Promise<string[]> {
  const now = context.now ?? new Date();
  const due = await db
    .select({ id: registrations.id, organizationId: registrations.organizationId })
    .from(registrations)
    .where(and(eq(registrations.status, 'accepted'), lt(registrations.paymentDueAt, now)))
    .limit(200);
  const emailIds: string[] = [];
  for (const hold of due) {
    const ids = await withScarceLocks(db, async (tx) => {
      const { course, registration } = await lockRegistration(tx, hold.organizationId, hold.id);
      if (registration.status !== 'accepted' || !registration.paymentDueAt || registration.paymentDueAt >= now) return [];
      const account = await registrationAccount(tx, registration.id);
      if (account.balanceMinor <= 0) return [];
      const change = await applyChange(tx, course, registration, 'cancelled', actor, context, 'holdExpired', { action: 'registration.payment_hold_expired' });
      return change.emailIds;
    });
    emailIds.push(...ids);
  }
  return emailIds;
}

/**
 * Applications whose address was not confirmed in time (ADR 0047) end as withdrawn, with the
 * reason recorded (`confirmation_lapsed_at`, the audit action): the same path as any other end
 * of an application — the charge reversed, the freed place offered to the waitlist under the
 * same lock. Lapses at exactly `confirm_by`. Returns the emails to deliver.
 */
export async function expireUnconfirmedApplications(db: Db, actor: Actor, context: Context): Promise<string[]> {
  const now = context.now ?? new Date();
  const due = await db
    .select({ id: registrations.id, organizationId: registrations.organizationId })
    .from(registrations)
    .where(and(isNull(registrations.addressConfirmedAt), lte(registrations.confirmBy, now), inArray(registrations.status, [...ACTIVE])))
    .orderBy(asc(registrations.confirmBy))
    .limit(200);
  const emailIds: string[] = [];
  for (const pending of due) {
    const ids = await withScarceLocks(db, async (tx) => {
      const { course, registration } = await lockRegistrationForMoney(tx, pending.organizationId, pending.id);
      // Confirmed (or ended) while this job waited for the lock: nothing to do.
      if (registration.addressConfirmedAt || !registration.confirmBy || registration.confirmBy > now || !ACTIVE.includes(registration.status)) return [];
      const account = await registrationAccount(tx, registration.id);
      if (account.netPaidMinor > 0) {
        // Paying takes a signed-in account, and signing in a verified email: the address is
        // the payer's own. Confirmed, not lapsed.
        await tx.update(registrations).set({ addressConfirmedAt: now, updatedAt: now }).where(eq(registrations.id, registration.id));
        await recordAudit(tx, actor, {
          organizationId: course.organizationId,
          action: 'registration.address_confirmed',
          entityType: 'registration',
          entityId: registration.id,
          after: { via: 'payment', addressConfirmedAt: now.toISOString() },
        });
        return [];
      }
      await tx.update(registrations).set({ confirmationLapsedAt: now }).where(eq(registrations.id, registration.id));
      const change = await applyChange(tx, course, { ...registration, confirmationLapsedAt: now }, 'withdrawn', actor, context, 'confirmationLapsed', {
        action: 'registration.confirmation_lapsed',
      });
      return change.emailIds;
    });
    emailIds.push(...ids);
  }
  return emailIds;
}
