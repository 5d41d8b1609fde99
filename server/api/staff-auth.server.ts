// The guard of staff endpoints: a live bearer token of this organization whose person holds
// the permission now. Throws nothing; returns the actor or the problem to send.
import type { AppServices } from '#app/lib/context.ts';
import type { Actor } from '#domain/audit/record-audit.server.ts';
import type { Permission } from '#domain/accounts/permissions.ts';
import { checkApiToken } from '#domain/api-tokens/check-api-token.server.ts';
import { bearerToken } from './bearer-token.server.ts';
import { problem } from './problem.server.ts';

export async function requireStaffToken(
  request: Request,
  services: AppServices,
  organizationId: string,
  permission: Permission,
): Promise<{ ok: true; actor: Actor } | { ok: false; response: Response }> {
  const check = await checkApiToken(services.db, bearerToken(request), organizationId, permission);
  if (check.ok) return { ok: true, actor: { userId: check.userId, requestId: services.requestId } };
  if (check.reason === 'UNAUTHENTICATED') {
    return { ok: false, response: problem(services.requestId, 401, 'UNAUTHENTICATED', { headers: { 'www-authenticate': 'Bearer realm="balint-hub"' } }) };
  }
  return { ok: false, response: problem(services.requestId, 403, 'FORBIDDEN') };
}
