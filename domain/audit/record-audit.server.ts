import type { DbOrTx } from '#db/client.server.ts';
import { auditEvents } from '#db/schema/audit.ts';

export interface Actor {
  userId: string | null;
  requestId?: string | null;
}

export const systemActor: Actor = { userId: null, requestId: null };

export interface AuditEntry {
  organizationId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Call inside the transaction that makes the change, so the audit row commits with it. */
export async function recordAudit(tx: DbOrTx, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values({
    organizationId: entry.organizationId,
    actorUserId: actor.userId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: actor.requestId ?? null,
  });
}
