import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { users } from '#db/schema/accounts.ts';
import { organizations } from '#db/schema/organizations.ts';
import { apiTokens } from '#db/schema/registration.ts';

/** The organization's tokens, newest first, revoked ones included; none for an unknown slug. Never the hash. */
export async function findApiTokens(db: DbOrTx, organizationSlug: string) {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, email: users.email, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .innerJoin(organizations, eq(organizations.id, apiTokens.organizationId))
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(organizations.slug, organizationSlug))
    .orderBy(desc(apiTokens.createdAt));
}
