import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { apiTokens } from '#db/schema/registration.ts';
import { rolesGrant, type Permission } from '#domain/accounts/permissions.ts';
import { findRoles } from '#domain/accounts/roles.server.ts';
import { hashToken } from './token.server.ts';

export type TokenCheck =
  | { ok: true; userId: string; organizationId: string; tokenId: string }
  | { ok: false; reason: 'UNAUTHENTICATED' | 'FORBIDDEN' };

/**
 * The token's holder, if the token is live, belongs to `organizationId` and its person holds
 * `permission` there now. A token of another organization is FORBIDDEN, never a way in.
 */
export async function checkApiToken(db: DbOrTx, token: string | undefined, organizationId: string, permission: Permission): Promise<TokenCheck> {
  if (!token) return { ok: false, reason: 'UNAUTHENTICATED' };
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)));
  if (!row) return { ok: false, reason: 'UNAUTHENTICATED' };
  if (row.organizationId !== organizationId) return { ok: false, reason: 'FORBIDDEN' };
  const roles = await findRoles(db, organizationId, row.userId);
  if (!rolesGrant(roles, permission)) return { ok: false, reason: 'FORBIDDEN' };
  // At most one write a minute per token: enough to see which tokens are still in use.
  await db
    .update(apiTokens)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiTokens.id, row.id), sql`(${apiTokens.lastUsedAt} is null or ${apiTokens.lastUsedAt} < now() - interval '1 minute')`));
  return { ok: true, userId: row.userId, organizationId, tokenId: row.id };
}
