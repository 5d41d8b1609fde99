// A written cancellation of a registration that holds a place, by the registrant online or
// recorded by staff from an email, letter or phone call with the date it was received — or the
// organizer cancelling this one registration (the seed reserves "the right … to cancel
// registrations already made"; then everything paid is refunded, with the reason told). Runs
// under the money lock (course row, then registration row): the outcome is computed from the
// policy SNAPSHOT and the money held at that moment, the account is closed on it, the place
// goes to the waitlist and the acknowledgment is queued — all in one transaction. A second
// request for the same registration returns the first cancellation and writes nothing.
import { eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '#db/client.server.ts';
import { courses } from '#db/schema/courses.ts';
import { cancellations, type CancellationChannel, type CancellationOutcome } from '#db/schema/money.ts';
import { organizations } from '#db/schema/organizations.ts';
import { registrations } from '#db/schema/registration.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { voidInvoicesOfEndedRegistration } from '#domain/billing/invoice-lifecycle.server.ts';
import { DomainError } from '#domain/errors.ts';
import { closeAccount } from '#domain/money/close-account.server.ts';
import type { Refund as RefundRow, Registration } from '#domain/money/ledger-rows.ts';
import { lockRegistrationForMoney } from '#domain/money/money-locks.server.ts';
import { registrationAccount } from '#domain/money/read-account.server.ts';
import { cancellationOutcome, localDate, refundDueOn } from '#domain/money/policy.ts';
import { withScarceLocks, type Tx } from '#domain/transaction.server.ts';
import type { NotifyContext } from '#domain/registration/notify.server.ts';
import { offerFreedPlaces } from '#domain/registration/offer-freed-places.server.ts';
import { loadEmailTemplates } from '#domain/email-templates/load-templates.server.ts';
import { queueEmail } from '#lib/email/outbox.server.ts';
import { CANCELLABLE, STAFF_CHANNELS } from './channels.ts';
import { cancellationAcknowledgment, organizerCancelledEmail } from './emails.ts';

export type Cancellation = typeof cancellations.$inferSelect;
type Course = typeof courses.$inferSelect;

export { CANCELLABLE, STAFF_CHANNELS };

export type CancellationRequest =
  | { organizationId: string; registrationId: string; channel: 'online'; /** The registrant: the registration must be theirs. */ userId: string }
  | { organizationId: string; registrationId: string; channel: (typeof STAFF_CHANNELS)[number]; /** Local date in the course zone. */ receivedOn: string }
  | { organizationId: string; registrationId: string; channel: 'organizer'; /** Why the organization cancels it: told to the registrant. */ reason: string };

/** The organizer's reason: said in a sentence, kept short enough for an email. */
export const ORGANIZER_REASON_MAX = 1000;

function organizerReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length < 3) throw new DomainError('ORGANIZER_REASON_REQUIRED', 'reason', { reason: 'ORGANIZER_REASON_REQUIRED' });
  if (trimmed.length > ORGANIZER_REASON_MAX) throw new DomainError('ORGANIZER_REASON_TOO_LONG', 'reason', { reason: 'ORGANIZER_REASON_TOO_LONG' });
  return trimmed;
}

export interface CancellationResult {
  cancellation: Cancellation;
  /** False when the registration was already cancelled in writing: nothing was written. */
  created: boolean;
  refund: RefundRow | undefined;
  dueOn: string;
  emailIds: string[];
}

export function registrationTimeZone(registration: Registration, course: Course): string {
  return registration.policy.timeZone || course.timeZone;
}

/** The refund due date of a cancellation: the snapshot's days after the acknowledgment's local date. */
export function cancellationDueOn(cancellation: Cancellation, registration: Registration, course: Course): string {
  return refundDueOn(cancellation.acknowledgedAt, registrationTimeZone(registration, course), registration.policy.refundWithinDays);
}

export async function findCancellation(db: DbOrTx, registrationId: string): Promise<Cancellation | undefined> {
  const [row] = await db.select().from(cancellations).where(eq(cancellations.registrationId, registrationId));
  return row;
}

/** Validates the received date of a request recorded by staff: not in the future, not before submission. */
export function checkReceivedOn(receivedOn: string, registration: Registration, timeZone: string, now: Date): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(receivedOn)) throw new DomainError('INVALID_APPLICATION', 'receivedOn', { receivedOn: 'REQUIRED' });
  if (receivedOn > localDate(now, timeZone)) throw new DomainError('RECEIVED_ON_IN_FUTURE', receivedOn, { receivedOn: 'RECEIVED_ON_IN_FUTURE' });
  if (receivedOn < localDate(registration.submittedAt, timeZone)) throw new DomainError('RECEIVED_ON_BEFORE_SUBMISSION', receivedOn, { receivedOn: 'RECEIVED_ON_BEFORE_SUBMISSION' });
}

/** The outcome a cancellation received on `receivedOn` would have now (for the preview). */
export async function previewCancellation(db: DbOrTx, registration: Registration, receivedOn: string): Promise<CancellationOutcome> {
  const account = await registrationAccount(db, registration.id);
  return cancellationOutcome({
    paidMinor: account.netPaidMinor,
    dueMinor: account.dueMinor,
    feeMinor: registration.policy.cancellationFeeMinor,
    cancellationDeadline: registration.policy.cancellationDeadline,
    receivedOn,
    cause: 'registrant',
  });
}

export async function cancelRegistration(db: Db, request: CancellationRequest, actor: Actor, context: NotifyContext & { now?: Date }): Promise<CancellationResult> {
  return withScarceLocks(db, (tx) => cancelLocked(tx, request, actor, context));
}

async function cancelLocked(tx: Tx, request: CancellationRequest, actor: Actor, context: NotifyContext & { now?: Date }): Promise<CancellationResult> {
  const now = context.now ?? new Date();
  const reason = request.channel === 'organizer' ? organizerReason(request.reason) : null;
  const { course, registration } = await lockRegistrationForMoney(tx, request.organizationId, request.registrationId);
  if (request.channel === 'online' && registration.userId !== request.userId) throw new DomainError('REGISTRATION_NOT_FOUND', request.registrationId);
  const timeZone = registrationTimeZone(registration, course);

  const existing = await findCancellation(tx, registration.id);
  if (existing) return { cancellation: existing, created: false, refund: undefined, dueOn: cancellationDueOn(existing, registration, course), emailIds: [] };
  if (!CANCELLABLE.includes(registration.status)) throw new DomainError('CANCELLATION_NOT_ALLOWED', registration.status);

  const receivedOn = request.channel === 'online' || request.channel === 'organizer' ? localDate(now, timeZone) : request.receivedOn;
  if (request.channel !== 'online' && request.channel !== 'organizer') checkReceivedOn(receivedOn, registration, timeZone, now);

  const outcome =
    request.channel === 'organizer'
      ? cancellationOutcome({ paidMinor: (await registrationAccount(tx, registration.id)).netPaidMinor, feeMinor: 0, cancellationDeadline: null, receivedOn, cause: 'organizer_cancelled' })
      : await previewCancellation(tx, registration, receivedOn);
  const [cancellation] = await tx
    .insert(cancellations)
    .values({
      organizationId: registration.organizationId,
      registrationId: registration.id,
      channel: request.channel,
      receivedOn,
      acknowledgedAt: now,
      outcome,
      organizerReason: reason,
      recordedBy: actor.userId,
    })
    .returning();
  const [after] = await tx
    .update(registrations)
    .set({ status: 'cancelled', holdsEarlyPlace: false, offerExpiresAt: null, paymentDueAt: null, updatedAt: now })
    .where(eq(registrations.id, registration.id))
    .returning();
  await recordAudit(tx, actor, {
    organizationId: registration.organizationId,
    action: 'registration.cancelled',
    entityType: 'registration',
    entityId: registration.id,
    before: { status: registration.status },
    after: { status: 'cancelled', cancellationId: cancellation!.id, channel: request.channel, receivedOn, outcome, ...(reason ? { reason } : {}) },
  });

  const dueOn = refundDueOn(now, timeZone, registration.policy.refundWithinDays);
  const { refund } = await closeAccount(tx, {
    registration: after!,
    retainedMinor: outcome.retainedMinor,
    reason: reason ? 'cancelled by the organizer' : 'cancellation',
    refundReason: reason ? 'organizer_cancelled' : 'cancellation',
    effectiveOn: localDate(now, timeZone),
    dueOn,
    actor,
    cancellationId: cancellation!.id,
  });
  // Its unpaid invoice is void now: nobody is asked to pay for a place they gave up.
  await voidInvoicesOfEndedRegistration(tx, registration.organizationId, registration.id, actor, now);

  // The acknowledgment first, then the freed place to the waitlist (same transaction, same lock).
  const [org] = await tx.select().from(organizations).where(eq(organizations.id, registration.organizationId));
  const common = {
    orgName: org?.name ?? '',
    orgSlug: org?.slug ?? '',
    publicUrl: context.publicUrl,
    name: registration.name,
    course: { title: course.title, startsOn: course.startsOn, endsOn: course.endsOn },
    currency: registration.currency,
    templates: await loadEmailTemplates(tx, registration.organizationId),
  };
  const email = reason
    ? { kind: 'refunds.registration_cancelled_by_organizer', ...organizerCancelledEmail({ ...common, reason, refundMinor: outcome.refundMinor, dueOn }) }
    : {
        kind: 'refunds.cancellation_acknowledged',
        ...cancellationAcknowledgment({ ...common, channel: request.channel, receivedOn, outcome, dueOn, deadline: registration.policy.cancellationDeadline }),
      };
  const emailIds = [await queueEmail(tx, { organizationId: registration.organizationId, to: registration.email, ...email })];
  emailIds.push(...(await offerFreedPlaces(tx, course, actor, { ...context, now })));
  return { cancellation: cancellation!, created: true, refund, dueOn, emailIds };
}
