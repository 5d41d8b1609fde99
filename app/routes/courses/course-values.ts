// A stored course as the form's string values.
import type { Course } from '#domain/courses/get-staff-course.server.ts';
import { accreditationText, EDITABLE_SECTIONS } from '#domain/courses/course-schema.ts';
import { formatAmountInput } from '#lib/money.ts';

export function courseValues(c: Course): Record<string, string> {
  const values: Record<string, string> = {
    title: c.title,
    slug: c.slug,
    kind: c.kind,
    tagline: c.tagline,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    timeZone: c.timeZone,
    online: c.online ? 'on' : '',
    venueName: c.venueName,
    venueAddress: c.venueAddress,
    city: c.city,
    region: c.region,
    country: c.country,
    capacity: String(c.capacity),
    earlyPlaceLimit: c.earlyPlaceLimit === null ? '' : String(c.earlyPlaceLimit),
    earlyRateUntil: c.earlyRateUntil ?? '',
    registrationOpensOn: c.registrationOpensOn ?? '',
    registrationDeadline: c.registrationDeadline,
    cancellationDeadline: c.cancellationDeadline ?? '',
    cancellationFee: c.cancellationFeeMinor ? formatAmountInput(c.cancellationFeeMinor, c.currency) : '',
    currency: c.currency,
    requiresApproval: c.requiresApproval ? 'on' : '',
    offerHoldHours: String(c.offerHoldHours),
    goals: c.goals.join('\n'),
    accreditation: accreditationText(c.accreditation),
  };
  for (const key of EDITABLE_SECTIONS) values[`section_${key}`] = c.sections.find((s) => s.key === key)?.body ?? '';
  return values;
}
