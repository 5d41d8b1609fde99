import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { organizationRoles, ROLES, users, type Role } from '#db/schema/accounts.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';

export async function findRoles(db: DbOrTx, organizationId: string, userId: string): Promise<Role[]> {
  const rows = await db
    .select({ role: organizationRoles.role })
    .from(organizationRoles)
    .where(and(eq(organizationRoles.organizationId, organizationId), eq(organizationRoles.userId, userId)));
  return rows.map((r) => r.role);
}

export async function findPeopleWithRoles(db: DbOrTx, organizationId: string) {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: organizationRoles.role, roleId: organizationRoles.id })
    .from(organizationRoles)
    .innerJoin(users, eq(users.id, organizationRoles.userId))
    .where(eq(organizationRoles.organizationId, organizationId))
    .orderBy(users.name, organizationRoles.role);
}

export async function grantRole(db: DbOrTx, input: { organizationId: string; email: string; role: Role }, actor: Actor): Promise<void> {
  if (!ROLES.includes(input.role)) throw new DomainError('UNKNOWN_ROLE');
  const [user] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, input.email.trim().toLowerCase()));
  if (!user) throw new DomainError('PERSON_NOT_FOUND');
  const inserted = await db
    .insert(organizationRoles)
    .values({ organizationId: input.organizationId, userId: user.id, role: input.role, grantedBy: actor.userId })
    .onConflictDoNothing()
    .returning({ id: organizationRoles.id });
  if (inserted[0]) {
    await recordAudit(db, actor, {
      organizationId: input.organizationId,
      action: 'role.granted',
      entityType: 'user',
      entityId: user.id,
      after: { role: input.role },
    });
  }
}

export async function revokeRole(db: DbOrTx, input: { organizationId: string; roleId: string }, actor: Actor): Promise<void> {
  const [removed] = await db
    .delete(organizationRoles)
    .where(and(eq(organizationRoles.organizationId, input.organizationId), eq(organizationRoles.id, input.roleId)))
    .returning();
  if (!removed) throw new DomainError('ROLE_NOT_FOUND');
  if (removed.role === 'admin') {
    const [left] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(organizationRoles)
      .where(and(eq(organizationRoles.organizationId, input.organizationId), eq(organizationRoles.role, 'admin')));
    if ((left?.n ?? 0) === 0) throw new DomainError('LAST_ADMIN');
  }
  await recordAudit(db, actor, {
    organizationId: input.organizationId,
    action: 'role.revoked',
    entityType: 'user',
    entityId: removed.userId,
    before: { role: removed.role },
  });
}
