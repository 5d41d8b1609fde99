// The applicant answers for their own application: withdraw it, or accept or decline an offer
// of a freed place (a paid place is ended by a written cancellation instead).
import type { Db } from '#db/client.server.ts';
import { PLACE_HOLDING } from '#db/schema/registration.ts';
import type { Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { registrationAccount } from '#domain/money/read-account.server.ts';
import { withScarceLocks } from '#domain/transaction.server.ts';
import { ALLOWED, applyChange, lockRegistration, type Context, type StatusChange } from './status-change.server.ts';

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
