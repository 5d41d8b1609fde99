// Public endpoints: published courses, their availability, and applying.
import { getPublicCourse, getPublicCourseIds } from '#domain/courses/get-course.server.ts';
import { findPublicCourses, getOrganizationBySlug } from '#domain/organizations/organizations.server.ts';
import { getAvailability, waitlistPositionOf } from '#domain/registration/availability.server.ts';
import { takeApplyThrottle } from '#domain/registration/apply-throttle.server.ts';
import { CONFIRMATION_WINDOW_HOURS } from '#domain/registration/confirmation.server.ts';
import { apiSubmissionKey, findIdempotencyKeyUse } from '#domain/registration/find-idempotency-key-use.server.ts';
import { placeRegistration } from '#domain/registration/place-registration.server.ts';
import { localToday, registrationWindow } from '#domain/registration/rules.ts';
import { readJson } from './body.server.ts';
import type { ApiRequest } from './api-request.ts';
import { problem, problemType } from './problem.server.ts';
import { applicationBody, idempotencyKey } from './schemas.ts';
import { admit } from './admission.server.ts';
import { bodyFingerprint } from './idempotency.server.ts';
import { courseSummary, registrationView } from './views.server.ts';

export async function listCoursesHandler({ params, services }: ApiRequest): Promise<Response> {
  const org = await getOrganizationBySlug(services.db, params.org!);
  const { upcoming } = await findPublicCourses(services.db, org.id, localToday(org.timeZone));
  return Response.json({ items: upcoming.filter((c) => c.status === 'published').map(courseSummary) });
}

export async function getCourseHandler({ params, services }: ApiRequest): Promise<Response> {
  const org = await getOrganizationBySlug(services.db, params.org!);
  const { course, prices, faculty } = await getPublicCourse(services.db, org.id, params.course!);
  return Response.json({
    ...courseSummary(course),
    tagline: course.tagline,
    venueName: course.venueName,
    cancellationDeadline: course.cancellationDeadline,
    cancellationFee: course.cancellationFeeMinor,
    prices: prices.map((p) => ({ categoryKey: p.categoryKey, categoryLabel: p.categoryLabel, early: p.early ?? null, regular: p.regular ?? null })),
    attestations: course.attestations,
    customQuestions: course.customQuestions,
    faculty: faculty.map((f) => ({ role: f.role, name: f.name, credentials: f.credentials, affiliation: f.affiliation })),
  });
}

export async function getAvailabilityHandler({ params, services }: ApiRequest): Promise<Response> {
  const org = await getOrganizationBySlug(services.db, params.org!);
  const { course } = await getPublicCourse(services.db, org.id, params.course!);
  const now = new Date();
  const availability = await getAvailability(services.db, org.id, course.id, now);
  const window = course.status === 'published' ? registrationWindow(course, localToday(course.timeZone, now)) : 'closed';
  return Response.json(
    {
      capacity: availability.capacity,
      taken: availability.taken,
      placesLeft: availability.placesLeft,
      earlyPlaceLimit: availability.earlyPlaceLimit,
      earlyPlacesLeft: availability.earlyPlacesLeft,
      earlyRateOpen: availability.earlyRateOpen,
      earlyRateUntil: course.earlyRateUntil,
      waitlistLength: availability.waitlisted,
      registration: { state: window, opensOn: course.registrationOpensOn, deadline: course.registrationDeadline, timeZone: course.timeZone },
    },
    { headers: { 'cache-control': 'no-store' } },
  );
}

export async function submitApplicationHandler({ request, params, services }: ApiRequest): Promise<Response> {
  const { requestId } = services;
  const key = request.headers.get('idempotency-key');
  if (!key) return problem(requestId, 400, 'IDEMPOTENCY_KEY_REQUIRED', { fields: { 'Idempotency-Key': 'REQUIRED' } });
  if (!idempotencyKey.safeParse(key).success) return problem(requestId, 400, 'INVALID_REQUEST', { fields: { 'Idempotency-Key': 'INVALID_VALUE' } });
  const body = await readJson(request, requestId, applicationBody);
  if (!body.ok) return body.response;

  const { organizationId, courseId } = await getPublicCourseIds(services.db, params.org!, params.course!);
  // The key with another body is another request: refused, never answered with the first one's result.
  const fingerprint = bodyFingerprint(body.data);
  const used = await findIdempotencyKeyUse(services.db, courseId, key);
  if (used && used.fingerprint !== null && used.fingerprint !== fingerprint) return problem(requestId, 422, 'IDEMPOTENCY_KEY_REUSED');
  // One limit per client address, for the form and the API alike (ADR 0047).
  const throttle = await takeApplyThrottle(services.db, services.clientAddress);
  if (!throttle.allowed) return tooManyApplications(requestId, throttle.retryAfterSeconds);
  // Signed in (cookie), the application is the account holder's, as on the form.
  const session = request.headers.has('cookie') ? await services.auth.api.getSession({ headers: request.headers }) : null;
  const input = body.data;
  // The course lock decides; admission only keeps the queue in memory instead of in PostgreSQL.
  const result = await admit(courseId, () =>
    placeRegistration(
      services.db,
      {
        organizationId,
        courseId,
        submissionKey: used?.submissionKey ?? apiSubmissionKey(key, fingerprint),
        name: input.name,
        email: input.email,
        categoryKey: input.categoryKey,
        discountCode: input.discountCode,
        complimentaryMembershipRequested: input.complimentaryMembershipRequested,
        answers: input.answers,
      },
      { userId: session?.user.id ?? null, requestId },
      { publicUrl: services.publicUrl },
    ),
  );
  const { registration } = result;
  // A repeat must be the same application: a key reused for someone else reveals nothing.
  if (result.outcome === 'repeat' && !session && registration.email.toLowerCase() !== input.email.trim().toLowerCase()) {
    return problem(requestId, 422, 'IDEMPOTENCY_KEY_REUSED');
  }
  if (result.outcome === 'repeat' && session && registration.userId !== session.user.id) return problem(requestId, 422, 'IDEMPOTENCY_KEY_REUSED');
  await services.jobs.deliverEmails(result.emailIds);
  // Not signed in: the same answer whether the address was new, known, or had already applied
  // (ADR 0047). What happened is told by email, to the address's owner only.
  if (!session) {
    return Response.json({ status: 'confirmation_sent', confirmWithinHours: CONFIRMATION_WINDOW_HOURS } satisfies ConfirmationSent, { status: 202, headers: { 'cache-control': 'no-store' } });
  }
  const view = registrationView(registration, { publicUrl: services.publicUrl, organizationSlug: params.org!, courseSlug: params.course! }, await waitlistPositionOf(services.db, registration));
  return Response.json(view, {
    status: result.created ? 201 : 200,
    headers: { location: view.links.self, ...(result.created ? {} : { 'idempotent-replayed': 'true' }) },
  });
}

/** The answer to an application by someone not signed in, whatever became of it. */
export interface ConfirmationSent {
  status: 'confirmation_sent';
  confirmWithinHours: number;
}

function tooManyApplications(requestId: string, retryAfterSeconds: number): Response {
  const body = {
    type: problemType('RATE_LIMITED'),
    title: 'Too many applications from this address. Try again later.',
    status: 429,
    code: 'RATE_LIMITED',
    detail: `At most the configured number of applications per client address an hour; retry after ${retryAfterSeconds} seconds.`,
    requestId,
  };
  return Response.json(body, { status: 429, headers: { 'content-type': 'application/problem+json', 'retry-after': String(retryAfterSeconds) } });
}
