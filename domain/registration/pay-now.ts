// Whether a registrant may pay now — one rule for the application's done page, "My
// registrations" and the API. Money is asked for a place that is held (not an offer still to be
// accepted), with something left to pay; under "pay after acceptance" not while the
// application awaits the director. The terms are those the person applied under (the policy
// snapshot), or the course's for a registration from before the snapshot recorded them.
import { PLACE_HOLDING, type RegistrationStatus } from './statuses.ts';

export type PaymentTiming = 'at_application' | 'after_acceptance';

export function mayPayNow(input: { status: RegistrationStatus; balanceMinor: number; applied: PaymentTiming | undefined; course: PaymentTiming }): boolean {
  const timing = input.applied ?? input.course;
  return PLACE_HOLDING.includes(input.status) && input.status !== 'offered' && input.balanceMinor > 0 && (timing === 'at_application' || input.status !== 'submitted');
}
