// Staff endpoints (bearer token with registration:review): applications to a course, and a
// director's decision on one.
import { getStaffCourseBySlug } from '#domain/courses/get-staff-course.server.ts';
import { getOrganizationBySlug } from '#domain/organizations/organizations.server.ts';
import { waitlistPositionOf } from '#domain/registration/availability.server.ts';
import { decideApplication } from '#domain/registration/decide-application.server.ts';
import { findApplicationPage } from '#domain/registration/find-applications.server.ts';
import { findRegistrationWithSlugs } from '#domain/registration/get-registration.server.ts';
import { DomainError } from '#domain/errors.ts';
import { readJson } from './body.server.ts';
import type { ApiRequest } from './api-request.ts';
import { problem, zodFields } from './problem.server.ts';
import { applicationsQuery, decisionBody, UUID } from './schemas.ts';
import { requireStaffToken } from './staff-auth.server.ts';
import { staffRegistrationView } from './views.server.ts';

export async function listApplicationsHandler({ request, url, params, services }: ApiRequest): Promise<Response> {
  const org = await getOrganizationBySlug(services.db, params.org!);
  const auth = await requireStaffToken(request, services, org.id, 'registration:review');
  if (!auth.ok) return auth.response;
  const query = applicationsQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) return problem(services.requestId, 400, 'INVALID_REQUEST', { fields: zodFields(query.error) });
  const course = await getStaffCourseBySlug(services.db, org.id, params.course!);
  const { category, ...paging } = query.data;
  const page = await findApplicationPage(services.db, { organizationId: org.id, courseId: course.id, categoryKey: category, ...paging });
  if (page === 'BAD_CURSOR') return problem(services.requestId, 400, 'INVALID_REQUEST', { fields: { cursor: 'INVALID_VALUE' } });
  const links = { publicUrl: services.publicUrl, organizationSlug: org.slug, courseSlug: course.slug };
  const items = await Promise.all(page.items.map(async (r) => staffRegistrationView(r, links, await waitlistPositionOf(services.db, r))));
  return Response.json({ items, nextCursor: page.nextCursor }, { headers: { 'cache-control': 'no-store' } });
}

export async function decideHandler({ request, params, services }: ApiRequest): Promise<Response> {
  const org = await getOrganizationBySlug(services.db, params.org!);
  const auth = await requireStaffToken(request, services, org.id, 'registration:review');
  if (!auth.ok) return auth.response;
  if (!UUID.test(params.id!)) throw new DomainError('REGISTRATION_NOT_FOUND', params.id);
  const body = await readJson(request, services.requestId, decisionBody);
  if (!body.ok) return body.response;
  const change = await decideApplication(
    services.db,
    { organizationId: org.id, registrationId: params.id!, decision: body.data.decision, message: body.data.message },
    auth.actor,
    { publicUrl: services.publicUrl },
  );
  await services.jobs.deliverEmails(change.emailIds);
  const found = await findRegistrationWithSlugs(services.db, { registrationId: change.registration.id, organizationId: org.id });
  const links = { publicUrl: services.publicUrl, organizationSlug: org.slug, courseSlug: found?.courseSlug ?? '' };
  return Response.json(staffRegistrationView(change.registration, links, await waitlistPositionOf(services.db, change.registration)));
}
