// What the inquiry use cases share: reading one inquiry of an organization under a row lock,
// writing a timeline event with its audit row, and the organization's mail context.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { inquiries, inquiryEvents, type InquiryEventKind } from '#db/schema/inquiries.ts';
import { organizations } from '#db/schema/organizations.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import type { InquiryMailContext } from './emails.ts';

export type Inquiry = typeof inquiries.$inferSelect;

/** The inquiry, locked for the rest of the transaction; another organization's is not found. */
export async function lockInquiry(tx: DbOrTx, organizationId: string, inquiryId: string): Promise<Inquiry> {
  const [row] = await tx
    .select()
    .from(inquiries)
    .where(and(eq(inquiries.organizationId, organizationId), eq(inquiries.id, inquiryId)))
    .for('update');
  if (!row) throw new DomainError('INQUIRY_NOT_FOUND');
  return row;
}

export interface InquiryEventInput {
  kind: InquiryEventKind;
  body?: string | null;
  fromValue?: string | null;
  toValue?: string | null;
  outboxMessageId?: string | null;
}

/** One event on the inquiry's timeline and its audit row, in the caller's transaction. */
export async function recordInquiryEvent(tx: DbOrTx, inquiry: Pick<Inquiry, 'id' | 'organizationId'>, actor: Actor, event: InquiryEventInput): Promise<void> {
  await tx.insert(inquiryEvents).values({
    organizationId: inquiry.organizationId,
    inquiryId: inquiry.id,
    kind: event.kind,
    actorUserId: actor.userId,
    body: event.body ?? null,
    fromValue: event.fromValue ?? null,
    toValue: event.toValue ?? null,
    outboxMessageId: event.outboxMessageId ?? null,
  });
  // The audit keeps what changed, not the words of notes and replies (those stay on the timeline).
  await recordAudit(tx, actor, {
    organizationId: inquiry.organizationId,
    action: `inquiry.${event.kind}`,
    entityType: 'inquiry',
    entityId: inquiry.id,
    before: event.fromValue !== undefined ? { value: event.fromValue } : undefined,
    after: event.toValue !== undefined ? { value: event.toValue } : event.outboxMessageId ? { outboxMessageId: event.outboxMessageId } : undefined,
  });
  await tx.update(inquiries).set({ updatedAt: new Date() }).where(eq(inquiries.id, inquiry.id));
}

export async function mailContext(tx: DbOrTx, organizationId: string, publicUrl: string): Promise<InquiryMailContext> {
  const [org] = await tx.select({ name: organizations.name, slug: organizations.slug }).from(organizations).where(eq(organizations.id, organizationId));
  if (!org) throw new DomainError('ORGANIZATION_NOT_FOUND');
  return { orgName: org.name, orgSlug: org.slug, publicUrl };
}
