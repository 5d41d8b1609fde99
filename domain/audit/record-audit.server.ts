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

/**
 * Columns PostgreSQL derives from others (the people search's folded `searchText`): a row
 * returned whole by `.returning()` carries them, but an audit record keeps what was changed,
 * and a copy of a name folded out of reach of the account deletion's anonymising (ADR 0070).
 */
const DERIVED_KEYS = ['searchText'];

function withoutDerived(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  if (!DERIVED_KEYS.some((key) => key in value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !DERIVED_KEYS.includes(key)));
}

/** Call inside the transaction that makes the change, so the audit row commits with it. */
export async function recordAudit(tx: DbOrTx, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values({
    organizationId: entry.organizationId,
    actorUserId: actor.userId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: withoutDerived(entry.before ?? null),
    after: withoutDerived(entry.after ?? null),
    requestId: actor.requestId ?? null,
  });
}
