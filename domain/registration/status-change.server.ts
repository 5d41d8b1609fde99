// The one way a registration's status changes after submission (used by decide-application,
// respond-as-applicant and lapse-holds): which changes are allowed, and applyChange, which
// charges or closes the account, voids an unpaid invoice, audits, emails, and offers a freed
// place to the waitlist in the same transaction.
import { and, count, eq, sql } from 'drizzle-orm';
import { courses } from '#db/schema/courses.ts';
import { PLACE_HOLDING, registrations, type RegistrationStatus } from '#db/schema/registration.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { voidInvoicesOfEndedRegistration } from '#domain/billing/invoice-lifecycle.server.ts';
import { chargeRegistration } from '#domain/money/charges.server.ts';
import { closeAccount } from '#domain/money/close-account.server.ts';
import { lockRegistrationForMoney } from '#domain/money/money-locks.server.ts';
import { registrationAccount } from '#domain/money/read-account.server.ts';
import { localDate } from '#domain/money/policy.ts';
import type { Tx } from '#domain/transaction.server.ts';
import { queueRegistrationEmail, type NotifyContext } from './notify.server.ts';
import { offerFreedPlaces } from './offer-freed-places.server.ts';
import type { RegistrationEmailKind } from './emails.ts';
import type { Registration } from './place-registration.server.ts';

export type Decision = 'accept' | 'decline' | 'waitlist';

/** Statuses in which an application has ended for good. */
export const ENDED: readonly RegistrationStatus[] = ['declined', 'withdrawn', 'cancelled'];

export const ALLOWED: Record<Decision | 'withdraw' | 'accept_offer' | 'decline_offer', readonly RegistrationStatus[]> = {
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

export type Context = NotifyContext & { now?: Date };

/** The course row, then the registration row: the one lock order for places and money. */
export const lockRegistration = lockRegistrationForMoney;

async function waitlistPosition(tx: Tx, registration: Registration): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(registrations)
    .where(and(eq(registrations.courseId, registration.courseId), eq(registrations.status, 'waitlisted'), sql`(${registrations.waitlistedAt}, ${registrations.sequence}) <= (${registration.waitlistedAt}, ${registration.sequence})`));
  return row?.n ?? 1;
}

export async function applyChange(
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
