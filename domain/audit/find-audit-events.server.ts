import { desc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { users } from '#db/schema/accounts.ts';
import { auditEvents } from '#db/schema/audit.ts';

/**
 * The newest audit events of one organization, or (null) of the deployment itself: identity
 * events such as password resets, verified emails, operators granted, credential mail viewed.
 */
export async function findAuditEvents(db: DbOrTx, organizationId: string | null, limit = 200) {
  const rows = await db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      at: auditEvents.at,
      actor: users.name,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(organizationId === null ? isNull(auditEvents.organizationId) : eq(auditEvents.organizationId, organizationId))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(limit);
  return rows;
}
