// Staff API tokens: shown once at creation, stored only as a SHA-256 hash. A token names an
// organization and a person; what it may do is decided by that person's roles at each request
// (check-api-token.server.ts), so removing a role takes effect at once without revoking the token.
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { users } from '#db/schema/accounts.ts';
import { apiTokens } from '#db/schema/registration.ts';
import { rolesGrant } from '#domain/accounts/permissions.ts';
import { findRoles } from '#domain/accounts/roles.server.ts';
import { DomainError } from '#domain/errors.ts';
import { getOrganizationBySlug } from '#domain/organizations/organizations.server.ts';
import { hashToken, newToken } from './token.server.ts';

export interface IssuedApiToken {
  id: string;
  /** The token itself: returned here once, never stored. */
  token: string;
}

export async function issueApiToken(db: DbOrTx, input: { organizationId: string; userId: string; name: string }): Promise<IssuedApiToken> {
  const token = newToken();
  const [row] = await db
    .insert(apiTokens)
    .values({ organizationId: input.organizationId, userId: input.userId, name: input.name, tokenHash: hashToken(token) })
    .returning({ id: apiTokens.id });
  return { id: row!.id, token };
}

/**
 * A token for the person with this email in the organization with this slug (the operator's
 * command line). ORGANIZATION_NOT_FOUND or PERSON_NOT_FOUND when either is unknown. Says whether
 * the person may use the staff endpoints now; a token is issued either way, as roles may follow.
 */
export async function issueApiTokenByEmail(
  db: DbOrTx,
  input: { organizationSlug: string; email: string; name: string },
): Promise<IssuedApiToken & { organizationSlug: string; grantsReview: boolean }> {
  const org = await getOrganizationBySlug(db, input.organizationSlug);
  const email = input.email.trim().toLowerCase();
  const [user] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, email));
  if (!user) throw new DomainError('PERSON_NOT_FOUND', email);
  const issued = await issueApiToken(db, { organizationId: org.id, userId: user.id, name: input.name });
  const grantsReview = rolesGrant(await findRoles(db, org.id, user.id), 'registration:review');
  return { ...issued, organizationSlug: org.slug, grantsReview };
}
