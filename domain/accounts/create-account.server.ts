import crypto from 'node:crypto';
import { hashPassword } from 'better-auth/crypto';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { authAccounts, organizationRoles, users, type Role } from '#db/schema/accounts.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';

/**
 * Creates a verified account with a password, outside the sign-up flow: for the first admin
 * (`npm run admin:create`) and demo accounts. Returns the existing user when the email is taken.
 */
export async function createVerifiedAccount(
  db: DbOrTx,
  input: { email: string; name: string; password: string },
  actor: Actor,
): Promise<{ userId: string; created: boolean }> {
  const email = input.email.trim().toLowerCase();
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, email));
  if (existing) return { userId: existing.id, created: false };
  const userId = crypto.randomUUID();
  await db.insert(users).values({ id: userId, name: input.name, email, emailVerified: true });
  await db.insert(authAccounts).values({
    id: crypto.randomUUID(),
    accountId: userId,
    providerId: 'credential',
    userId,
    password: await hashPassword(input.password),
  });
  await recordAudit(db, actor, { organizationId: null, action: 'account.created', entityType: 'user', entityId: userId, after: { name: input.name } });
  return { userId, created: true };
}

export async function assignRole(db: DbOrTx, input: { organizationId: string; userId: string; role: Role }, actor: Actor): Promise<void> {
  const inserted = await db
    .insert(organizationRoles)
    .values({ ...input, grantedBy: actor.userId })
    .onConflictDoNothing()
    .returning({ id: organizationRoles.id });
  if (inserted[0]) {
    await recordAudit(db, actor, { organizationId: input.organizationId, action: 'role.granted', entityType: 'user', entityId: input.userId, after: { role: input.role } });
  }
}

export async function hasPassword(db: DbOrTx, userId: string): Promise<boolean> {
  const rows = await db
    .select({ id: authAccounts.id })
    .from(authAccounts)
    .where(and(eq(authAccounts.userId, userId), eq(authAccounts.providerId, 'credential'), isNotNull(authAccounts.password)));
  return rows.length > 0;
}

/** A random password that is easy to copy from a console: 4 groups of 5 characters. */
export function randomPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = crypto.randomBytes(20);
  const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}
