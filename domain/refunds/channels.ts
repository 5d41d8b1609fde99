// Pure facts about written cancellations, shared by the server and the pages.
import type { CancellationChannel } from '#db/schema/money.ts';
import type { RegistrationStatus } from '#db/schema/registration.ts';

/** Statuses a written cancellation ends (an offer is declined instead, the waitlist withdraws). */
export const CANCELLABLE: readonly RegistrationStatus[] = ['submitted', 'accepted', 'confirmed'];

/** How staff received a written request. */
export const STAFF_CHANNELS = ['email', 'letter', 'phone'] as const satisfies readonly CancellationChannel[];
