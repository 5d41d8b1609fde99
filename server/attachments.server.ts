// The mailer's one attachment renderer: each kind of attached document to the capability
// that renders it (money documents: billing; certificates: certificates).
import type { DbOrTx } from '#db/client.server.ts';
import type { OutboxAttachment } from '#db/schema/email.ts';
import { renderAttachmentDocument } from '#domain/billing/documents.server.ts';
import { certificateAttachmentRenderer } from '#domain/certificates/render-certificate.server.ts';
import type { AttachmentRenderer } from '#lib/email/attachments.server.ts';

export function attachmentRenderer(publicUrl: string): AttachmentRenderer {
  const certificate = certificateAttachmentRenderer(publicUrl);
  return (db: DbOrTx, organizationId: string, kind: OutboxAttachment['kind'], id: string) =>
    kind === 'certificate' ? certificate(db, organizationId, id) : renderAttachmentDocument(db, organizationId, kind, id);
}
