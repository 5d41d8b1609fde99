// Attachments are named in the outbox (kind, id, file name) and rendered at delivery time
// from the ledger, so a queued message never carries stale bytes and nothing is stored twice.
// The registry maps each kind to the document renderer of the billing capability.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { outboxMessages, type OutboxAttachment } from '#db/schema/email.ts';
import { renderDocument } from '#domain/billing/documents.server.ts';
import { queueEmail, type QueuedEmail } from './outbox.server.ts';

export interface RenderedAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

type Renderer = (db: DbOrTx, organizationId: string, id: string) => Promise<Buffer | undefined>;

const pdf =
  (kind: OutboxAttachment['kind']): Renderer =>
  async (db, organizationId, id) =>
    (await renderDocument(db, organizationId, kind, id))?.bytes;

export const ATTACHMENT_RENDERERS: Record<OutboxAttachment['kind'], Renderer> = {
  receipt: pdf('receipt'),
  invoice: pdf('invoice'),
  gift_receipt: pdf('gift_receipt'),
  statement: pdf('statement'),
};

export class AttachmentMissing extends Error {
  readonly code = 'ATTACHMENT_MISSING';
}

/** Renders every attachment of a message; a document that no longer exists fails the delivery attempt. */
export async function renderAttachments(db: DbOrTx, organizationId: string, attachments: readonly OutboxAttachment[]): Promise<RenderedAttachment[]> {
  const rendered: RenderedAttachment[] = [];
  for (const attachment of attachments) {
    const renderer = ATTACHMENT_RENDERERS[attachment.kind];
    const content = renderer ? await renderer(db, organizationId, attachment.id) : undefined;
    if (!content) throw new AttachmentMissing(`attachment ${attachment.kind} ${attachment.id} cannot be rendered`);
    rendered.push({ filename: attachment.filename, content, contentType: 'application/pdf' });
  }
  return rendered;
}

/** queueEmail with documents attached (rendered when the message goes out). */
export async function queueEmailWithAttachments(tx: DbOrTx, email: QueuedEmail, attachments: OutboxAttachment[]): Promise<string> {
  const id = await queueEmail(tx, email);
  if (attachments.length > 0) await tx.update(outboxMessages).set({ attachments }).where(eq(outboxMessages.id, id));
  return id;
}
