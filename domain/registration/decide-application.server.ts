// A director's decision on one application: accept (from the waitlist only when a place is
// free), decline, or move to the waitlist.
import type { Db } from '#db/client.server.ts';
import type { Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { countPlaces } from './availability.server.ts';
import { withScarceLocks } from '#domain/transaction.server.ts';
import { ALLOWED, applyChange, lockRegistration, type Context, type Decision, type StatusChange } from './status-change.server.ts';

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
