// Staff API tokens: shown once at creation, stored only as a SHA-256 hash. A token names an
// organization and a person; what it may do is decided by that person's roles at each request,
// so removing a role takes effect at once without revoking the token.
import crypto from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { apiTokens } from '#db/schema/registration.ts';
import { findRoles } from '#domain/accounts/roles.server.ts';
import { rolesGrant, type Permission } from '#domain/accounts/permissions.ts';

const PREFIX = 'bh_';

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newToken(): string {
  return `${PREFIX}${crypto.randomBytes(32).toString('base64url')}`;
}

export async function createApiToken(db: DbOrTx, input: { organizationId: string; userId: string; name: string }) {
  const token = newToken();
  const [row] = await db
    .insert(apiTokens)
    .values({ organizationId: input.organizationId, userId: input.userId, name: input.name, tokenHash: hashToken(token) })
    .returning({ id: apiTokens.id });
  return { id: row!.id, token };
}

export async function revokeApiToken(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

export function bearerToken(request: Request): string | undefined {
  const header = request.headers.get('authorization');
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

export type TokenCheck =
  | { ok: true; userId: string; organizationId: string; tokenId: string }
  | { ok: false; reason: 'UNAUTHENTICATED' | 'FORBIDDEN' };

/**
 * The token's holder, if the token is live, belongs to `organizationId` and its person holds
 * `permission` there now. A token of another organization is FORBIDDEN, never a way in.
 */
export async function checkToken(db: DbOrTx, token: string | undefined, organizationId: string, permission: Permission): Promise<TokenCheck> {
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
