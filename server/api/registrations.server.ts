// One's own registration: the applicant (session cookie) or staff of its organization (token).
// Anyone else gets 404, so ids of other people's registrations reveal nothing.
import { DomainError } from '#domain/errors.ts';
import { waitlistPositionOf } from '#domain/registration/availability.server.ts';
import { findRegistrationWithSlugs } from '#domain/registration/get-registration.server.ts';
import type { ApiRequest } from './api-request.ts';
import { problem } from './problem.server.ts';
import { UUID } from './schemas.ts';
import { requireStaffToken } from './staff-auth.server.ts';
import { bearerToken } from './bearer-token.server.ts';
import { registrationView, staffRegistrationView } from './views.server.ts';

export async function getRegistrationHandler({ request, params, services }: ApiRequest): Promise<Response> {
  const id = params.id!;
  const token = bearerToken(request);
  const session = token || !request.headers.has('cookie') ? null : await services.auth.api.getSession({ headers: request.headers });
  if (!token && !session) return problem(services.requestId, 401, 'UNAUTHENTICATED', { headers: { 'www-authenticate': 'Bearer realm="balint-hub"' } });
  if (!UUID.test(id)) throw new DomainError('REGISTRATION_NOT_FOUND', id);
  const found = await findRegistrationWithSlugs(services.db, { registrationId: id });
  if (!found) throw new DomainError('REGISTRATION_NOT_FOUND', id);
  const links = { publicUrl: services.publicUrl, organizationSlug: found.organizationSlug, courseSlug: found.courseSlug };
  const position = await waitlistPositionOf(services.db, found.registration);
  const headers = { 'cache-control': 'private, no-store' };
  if (token) {
    const auth = await requireStaffToken(request, services, found.registration.organizationId, 'registration:review');
    // A token of another organization learns nothing about this id.
    if (!auth.ok) return auth.response.status === 401 ? auth.response : problem(services.requestId, 404, 'REGISTRATION_NOT_FOUND');
    return Response.json(staffRegistrationView(found.registration, links, position), { headers });
  }
  if (found.registration.userId !== session!.user.id) throw new DomainError('REGISTRATION_NOT_FOUND', id);
  return Response.json(registrationView(found.registration, links, position), { headers });
}
