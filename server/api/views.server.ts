// What the API shows of courses and registrations: plain mappers from domain records to JSON.
// The reads behind them are domain functions.
import type { Course } from '#domain/courses/get-staff-course.server.ts';
import type { Registration } from '#domain/registration/place-registration.server.ts';

export function courseSummary(course: Course) {
  return {
    slug: course.slug,
    title: course.title,
    kind: course.kind,
    status: course.status,
    startsOn: course.startsOn,
    endsOn: course.endsOn,
    timeZone: course.timeZone,
    city: course.city,
    region: course.region,
    country: course.country,
    online: course.online === 1,
    capacity: course.capacity,
    currency: course.currency,
    registrationOpensOn: course.registrationOpensOn,
    registrationDeadline: course.registrationDeadline,
    earlyPlaceLimit: course.earlyPlaceLimit,
    earlyRateUntil: course.earlyRateUntil,
    requiresApproval: course.requiresApproval,
  };
}

export interface RegistrationLinks {
  publicUrl: string;
  organizationSlug: string;
  courseSlug: string;
}

export function registrationView(r: Registration, links: RegistrationLinks, waitlistPosition: number | null) {
  return {
    id: r.id,
    organization: links.organizationSlug,
    course: links.courseSlug,
    status: r.status,
    name: r.name,
    email: r.email,
    categoryKey: r.categoryKey,
    tier: r.tier,
    holdsEarlyPlace: r.holdsEarlyPlace,
    baseAmount: r.baseAmountMinor,
    discount: r.discountMinor,
    amount: r.amountMinor,
    currency: r.currency,
    waitlistPosition,
    decisionMessage: r.decisionMessage,
    submittedAt: r.submittedAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    offerExpiresAt: r.offerExpiresAt?.toISOString() ?? null,
    registrationUrl: `${links.publicUrl}/o/${links.organizationSlug}/registrations`,
    links: { self: `${links.publicUrl}/api/v1/registrations/${r.id}` },
  };
}

export function staffRegistrationView(r: Registration, links: RegistrationLinks, waitlistPosition: number | null) {
  return {
    ...registrationView(r, links, waitlistPosition),
    membershipCheck: r.membershipCheck,
    complimentaryMembershipRequested: r.complimentaryMembershipRequested,
    answers: r.answers,
    waitlistedAt: r.waitlistedAt?.toISOString() ?? null,
  };
}
