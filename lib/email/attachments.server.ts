// Attachments are named in the outbox (kind, id, file name) and rendered at delivery time
// from the ledger, so a queued message never carries stale bytes and nothing is stored twice.
// The renderer is the billing capability's (domain/billing/documents.server.ts
// renderAttachmentDocument), handed to the mailer by the process that delivers (server/).
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { outboxMessages, type OutboxAttachment } from '#db/schema/email.ts';
import { queueEmail, type QueuedEmail } from './outbox.server.ts';

export interface RenderedAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

/** Renders one attached document as it stands now, or undefined when it no longer exists. */
export type AttachmentRenderer = (db: DbOrTx, organizationId: string, kind: OutboxAttachment['kind'], id: string) => Promise<Buffer | undefined>;

export class AttachmentMissing extends Error {
  readonly code = 'ATTACHMENT_MISSING';
}

/** Renders every attachment of a message; a document that no longer exists fails the delivery attempt. */
export async function renderAttachments(db: DbOrTx, organizationId: string, attachments: readonly OutboxAttachment[], render: AttachmentRenderer | undefined): Promise<RenderedAttachment[]> {
  const rendered: RenderedAttachment[] = [];
  for (const attachment of attachments) {
    const content = render ? await render(db, organizationId, attachment.kind, attachment.id) : undefined;
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
