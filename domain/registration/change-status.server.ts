// Every status change after submission: directors decide (accept, decline, waitlist),
// applicants withdraw or answer an offer, offers lapse. Each change is audited and emailed,
// and a change that frees a place offers it to the waitlist in the same transaction.
import { and, asc, count, eq, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { courses } from '#db/schema/courses.ts';
import { ACTIVE, PLACE_HOLDING, registrations, type RegistrationStatus } from '#db/schema/registration.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { voidInvoicesOfEndedRegistration } from '#domain/billing/invoice-lifecycle.server.ts';
import { DomainError } from '#domain/errors.ts';
import { chargeRegistration } from '#domain/money/charges.server.ts';
import { closeAccount, lockRegistrationForMoney, registrationAccount } from '#domain/money/ledger.server.ts';
import { localDate } from '#domain/money/policy.ts';
import { countPlaces } from './availability.server.ts';
import { withScarceLocks, type Tx } from '#domain/transaction.server.ts';
import { queueRegistrationEmail, type NotifyContext } from './notify.server.ts';
import { offerFreedPlaces } from './offer-freed-places.server.ts';
import type { RegistrationEmailKind } from './emails.ts';
import type { Registration } from './place-registration.server.ts';

export type Decision = 'accept' | 'decline' | 'waitlist';

/** Statuses in which an application has ended for good. */
const ENDED: readonly RegistrationStatus[] = ['declined', 'withdrawn', 'cancelled'];

const ALLOWED: Record<Decision | 'withdraw' | 'accept_offer' | 'decline_offer', readonly RegistrationStatus[]> = {
  accept: ['submitted', 'waitlisted'],
  decline: ['submitted', 'accepted', 'waitlisted', 'offered', 'confirmed'],
  waitlist: ['submitted', 'accepted'],
  withdraw: ['submitted', 'accepted', 'waitlisted', 'offered'],
  accept_offer: ['offered'],
  decline_offer: ['offered'],
};

export interface StatusChange {
  registration: Registration;
  emailIds: string[];
}

type Context = NotifyContext & { now?: Date };

/** The course row, then the registration row: the one lock order for places and money. */
const lockRegistration = lockRegistrationForMoney;

async function waitlistPosition(tx: Tx, registration: Registration): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(registrations)
    .where(and(eq(registrations.courseId, registration.courseId), eq(registrations.status, 'waitlisted'), sql`(${registrations.waitlistedAt}, ${registrations.sequence}) <= (${registration.waitlistedAt}, ${registration.sequence})`));
  return row?.n ?? 1;
}

async function applyChange(
  tx: Tx,
  course: typeof courses.$inferSelect,
  before: Registration,
  requested: RegistrationStatus,
  actor: Actor,
  context: Context,
  email: RegistrationEmailKind,
  extra: { message?: string | null; action: string },
): Promise<StatusChange> {
  let next = requested;
  const now = context.now ?? new Date();
  const keepsPlace = PLACE_HOLDING.includes(next);
  // Accepted and already paid in full: confirmed at once. Accepted with money due under
  // "pay after acceptance": the place is held until the payment deadline.
  let paymentDueAt: Date | null = keepsPlace ? before.paymentDueAt : null;
  // Taking a place straight from the waitlist (a director's accept): charged now, at its quote.
  if (keepsPlace && !PLACE_HOLDING.includes(before.status)) await chargeRegistration(tx, before, actor, now);
  if (next === 'accepted') {
    const account = await registrationAccount(tx, before.id);
    if (account.dueMinor > 0 && account.balanceMinor <= 0) next = 'confirmed';
    else if (account.balanceMinor > 0 && course.paymentTiming === 'after_acceptance') paymentDueAt = new Date(now.getTime() + course.paymentHoldHours * 3_600_000);
  }
  const [after] = await tx
    .update(registrations)
    .set({
      status: next,
      holdsEarlyPlace: keepsPlace && before.holdsEarlyPlace,
      decidedAt: ['accepted', 'declined'].includes(next) ? now : before.decidedAt,
      decisionMessage: extra.message ?? before.decisionMessage,
      waitlistedAt: next === 'waitlisted' ? now : before.waitlistedAt,
      offerExpiresAt: next === 'offered' ? before.offerExpiresAt : null,
      paymentDueAt,
      updatedAt: now,
    })
    .where(eq(registrations.id, before.id))
    .returning();
  await recordAudit(tx, actor, {
    organizationId: course.organizationId,
    action: extra.action,
    entityType: 'registration',
    entityId: before.id,
    before: { status: before.status, holdsEarlyPlace: before.holdsEarlyPlace },
    after: { status: next, holdsEarlyPlace: after!.holdsEarlyPlace, message: extra.message ?? undefined },
  });
  // Leaving a place — an application that ends (declined, withdrawn, a lapsed hold) or goes
  // back to the waitlist (a lapsed offer, a director's decision) — reverses the charge and
  // refunds whatever was paid in full, due today. The waitlist owes nothing and holds no money.
  let refundMinor = 0;
  if (ENDED.includes(next) || (next === 'waitlisted' && PLACE_HOLDING.includes(before.status))) {
    const today = localDate(now, course.timeZone);
    const closed = await closeAccount(tx, { registration: after!, retainedMinor: 0, reason: extra.action, refundReason: 'application_ended', effectiveOn: today, dueOn: today, actor, withdrawAid: ENDED.includes(next) });
    refundMinor = closed.refund?.amountMinor ?? 0;
    // Its unpaid invoice is void now: nobody is asked to pay for a place they do not hold.
    await voidInvoicesOfEndedRegistration(tx, course.organizationId, before.id, actor, now);
  }
  const position = next === 'waitlisted' ? await waitlistPosition(tx, after!) : undefined;
  const payBy = paymentDueAt && next === 'accepted' ? new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'short', timeZone: course.timeZone }).format(paymentDueAt) : undefined;
  const emailIds = [await queueRegistrationEmail(tx, next === 'confirmed' ? 'accepted' : email, after!, course, context, { message: extra.message, position, refundMinor, payBy })];
  // A place freed here goes to the waitlist now, under the same lock.
  if (PLACE_HOLDING.includes(before.status) && !keepsPlace) emailIds.push(...(await offerFreedPlaces(tx, course, actor, context)));
  return { registration: after!, emailIds };
}

/** A director's decision on one application. */
export async function decideApplication(
  db: Db,
  input: { organizationId: string; registrationId: string; decision: Decision; message?: string },
  actor: Actor,
  context: Context,
): Promise<StatusChange> {
  return withScarceLocks(db, async (tx) => {
    const { course, registration } = await lockRegistration(tx, input.organizationId, input.registrationId);
    if (!ALLOWED[input.decision].includes(registration.status)) throw new DomainError('TRANSITION_NOT_ALLOWED', `${registration.status} → ${input.decision}`);
    const message = input.message?.trim() || null;
    if (input.decision === 'accept') {
      if (registration.status === 'waitlisted') {
        // Accepting from the waitlist takes a place: only when one is free.
        const counts = await countPlaces(tx, course.id);
        if (counts.taken >= course.capacity) throw new DomainError('NO_PLACE_AVAILABLE');
      }
      return applyChange(tx, course, registration, 'accepted', actor, context, 'accepted', { message, action: 'registration.accepted' });
    }
    if (input.decision === 'decline') return applyChange(tx, course, registration, 'declined', actor, context, 'declined', { message, action: 'registration.declined' });
    return applyChange(tx, course, registration, 'waitlisted', actor, context, 'movedToWaitlist', { message, action: 'registration.waitlisted' });
  });
}

/** The applicant withdraws their own application (or answers an offer). */
export async function respondAsApplicant(
  db: Db,
  input: { organizationId: string; registrationId: string; userId: string; response: 'withdraw' | 'accept_offer' | 'decline_offer' },
  actor: Actor,
  context: Context,
): Promise<StatusChange> {
  return withScarceLocks(db, async (tx) => {
    const { course, registration } = await lockRegistration(tx, input.organizationId, input.registrationId);
    if (registration.userId !== input.userId) throw new DomainError('REGISTRATION_NOT_FOUND', input.registrationId);
    if (!ALLOWED[input.response].includes(registration.status)) throw new DomainError('TRANSITION_NOT_ALLOWED', `${registration.status} → ${input.response}`);
    const now = context.now ?? new Date();
    if (input.response === 'accept_offer') {
      if (registration.offerExpiresAt && registration.offerExpiresAt <= now) throw new DomainError('OFFER_EXPIRED');
      const next = course.requiresApproval && !registration.decidedAt ? 'submitted' : 'accepted';
      return applyChange(tx, course, registration, next, actor, context, next === 'accepted' ? 'accepted' : 'received', { action: 'registration.offer_accepted' });
    }
    if (registration.status !== 'offered' && PLACE_HOLDING.includes(registration.status)) {
      // Money paid for a place is ended by a written cancellation, under the policy (its fee).
      const account = await registrationAccount(tx, registration.id);
      if (account.netPaidMinor > 0) throw new DomainError('CANCEL_INSTEAD');
    }
    return applyChange(tx, course, registration, 'withdrawn', actor, context, 'withdrawn', {
      action: input.response === 'decline_offer' ? 'registration.offer_declined' : 'registration.withdrawn',
    });
  });
}

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
