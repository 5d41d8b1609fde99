import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { outboxMessages } from '#db/schema/email.ts';
import { emailUnsubscribes } from '#db/schema/email-templates.ts';
import type { ComposedEmail } from './compose.ts';
import { OUTBOX_VIEWS, type OutboxView } from './outbox-views.ts';

export interface QueuedEmail extends ComposedEmail {
  organizationId: string;
  kind: string;
  to: string;
  /** Replies go here (the visitor who wrote to a group's leader), not to the organization. */
  replyTo?: string;
  /** The message carries a credential (a reset, verification or set-up link, a token). */
  credential?: boolean;
  /**
   * Non-essential mail only: the signed one-click unsubscribe URL (List-Unsubscribe). A message
   * with one, to an address that unsubscribed from the organization, is recorded as
   * `suppressed` and never sent.
   */
  listUnsubscribe?: string;
}

/** Writes the message in the caller's transaction; returns its id for delivery after commit. */
export async function queueEmail(tx: DbOrTx, email: QueuedEmail): Promise<string> {
  const suppressed = email.listUnsubscribe ? await isUnsubscribed(tx, email.organizationId, email.to) : false;
  const [row] = await tx
    .insert(outboxMessages)
    .values({
      organizationId: email.organizationId,
      kind: email.kind,
      toAddress: email.to,
      replyTo: email.replyTo ?? null,
      subject: email.subject,
      text: email.text,
      html: email.html,
      credential: email.credential ?? false,
      listUnsubscribe: email.listUnsubscribe ?? null,
      ...(suppressed ? { status: 'suppressed' as const } : {}),
    })
    .returning({ id: outboxMessages.id });
  if (!row) throw new Error('outbox insert returned no row');
  return row.id;
}

/** Whether the address asked for no more non-essential mail from the organization. */
export async function isUnsubscribed(tx: DbOrTx, organizationId: string, address: string): Promise<boolean> {
  const [row] = await tx
    .select({ address: emailUnsubscribes.address })
    .from(emailUnsubscribes)
    .where(and(eq(emailUnsubscribes.organizationId, organizationId), eq(emailUnsubscribes.address, address.trim().toLowerCase())));
  return row !== undefined;
}

export async function findOutboxMessages(db: DbOrTx, organizationId: string, options: { limit?: number; to?: string; view?: OutboxView } = {}) {
  const filters = [eq(outboxMessages.organizationId, organizationId)];
  if (options.to) filters.push(eq(sql`lower(${outboxMessages.toAddress})`, options.to.toLowerCase()));
  if (options.view) filters.push(inArray(outboxMessages.status, [...OUTBOX_VIEWS[options.view]]));
  return db
    .select()
    .from(outboxMessages)
    .where(and(...filters))
    .orderBy(desc(outboxMessages.createdAt))
    .limit(options.limit ?? 100);
}

export async function getOutboxMessage(db: DbOrTx, organizationId: string, id: string) {
  const [row] = await db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.organizationId, organizationId), eq(outboxMessages.id, id)));
  return row;
}

/**
 * Credential-bearing messages across the deployment, for its operator (never for an
 * organization's staff): newest first, optionally to one address.
 */
export async function findCredentialMessages(db: DbOrTx, options: { limit?: number; to?: string } = {}) {
  const filters = [eq(outboxMessages.credential, true)];
  if (options.to) filters.push(eq(sql`lower(${outboxMessages.toAddress})`, options.to.toLowerCase()));
  return db
    .select({
      id: outboxMessages.id,
      organizationId: outboxMessages.organizationId,
      kind: outboxMessages.kind,
      toAddress: outboxMessages.toAddress,
      subject: outboxMessages.subject,
      status: outboxMessages.status,
      createdAt: outboxMessages.createdAt,
    })
    .from(outboxMessages)
    .where(and(...filters))
    .orderBy(desc(outboxMessages.createdAt))
    .limit(options.limit ?? 100);
}

export async function getCredentialMessage(db: DbOrTx, id: string) {
  const [row] = await db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.credential, true), eq(outboxMessages.id, id)));
  return row;
}

export async function findUndeliveredIds(db: DbOrTx, olderThanSeconds: number): Promise<string[]> {
  const rows = await db
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.status, 'pending'), sql`${outboxMessages.createdAt} < now() - make_interval(secs => ${olderThanSeconds})`))
    .limit(500);
  return rows.map((r) => r.id);
}
