import { eq, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '#db/client.server.ts';
import { outboxMessages } from '#db/schema/email.ts';
import { renderAttachments, type AttachmentRenderer } from './attachments.server.ts';

export type MailTransport = Pick<Transporter, 'sendMail' | 'close'>;

export function createSmtpTransport(smtpUrl: string): MailTransport {
  return nodemailer.createTransport(smtpUrl);
}

export type DeliveryOutcome = 'sent' | 'held' | 'skipped' | 'bounced';

/**
 * A permanent refusal of the recipient (a 5xx reply to RCPT TO, e.g. 550 no such user): retrying
 * cannot help, so the message is marked bounced at once. Any other error is retried.
 */
export function isPermanentRecipientRejection(error: unknown): boolean {
  const e = error as { responseCode?: unknown; code?: unknown; command?: unknown; rejected?: unknown };
  const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600;
  return permanent && (e.code === 'EENVELOPE' || e.command === 'RCPT TO');
}

export const MAX_DELIVERY_ATTEMPTS = 8;

/**
 * Delivers one outbox message at most once per successful send: the row is locked while the
 * message goes out, and a row that is no longer pending is skipped (a duplicate job, a
 * message already sent). Without a transport the message is held for the outbox page.
 */
export async function deliverOutboxMessage(db: Db, id: string, transport: MailTransport | undefined, from: string, renderAttachment?: AttachmentRenderer): Promise<DeliveryOutcome> {
  const outcome = await db.transaction(async (tx): Promise<DeliveryOutcome | DeliveryFailed> => {
    const [message] = await tx
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.id, id))
      .for('update', { skipLocked: true });
    if (!message || message.status !== 'pending') return 'skipped';
    if (!transport) {
      await tx.update(outboxMessages).set({ status: 'held' }).where(eq(outboxMessages.id, id));
      return 'held';
    }
    try {
      // Documents are rendered now, from the ledger as it stands (ADR 0044).
      const attachments = message.attachments.length > 0 ? await renderAttachments(tx, message.organizationId, message.attachments, renderAttachment) : [];
      await transport.sendMail({
        from,
        to: message.toAddress,
        ...(message.replyTo ? { replyTo: message.replyTo } : {}),
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: `<${message.id}@balinthub>`,
        ...(attachments.length > 0 ? { attachments } : {}),
        // RFC 8058: one-click unsubscribe for non-essential mail (ADR 0069).
        ...(message.listUnsubscribe ? { headers: { 'List-Unsubscribe': `<${message.listUnsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } } : {}),
      });
    } catch (error) {
      const attempts = message.attempts + 1;
      if (isPermanentRecipientRejection(error)) {
        await tx
          .update(outboxMessages)
          .set({ attempts, lastError: (error as Error).message.slice(0, 500), status: 'bounced' })
          .where(eq(outboxMessages.id, id));
        return 'bounced';
      }
      await tx
        .update(outboxMessages)
        .set({
          attempts,
          lastError: (error as Error).message.slice(0, 500),
          status: attempts >= MAX_DELIVERY_ATTEMPTS ? 'failed' : 'pending',
        })
        .where(eq(outboxMessages.id, id));
      // Commit the attempt count, then let the job queue retry with backoff.
      return new DeliveryFailed(message.id, attempts);
    }
    await tx
      .update(outboxMessages)
      .set({ status: 'sent', sentAt: sql`now()`, attempts: message.attempts + 1, lastError: null })
      .where(eq(outboxMessages.id, id));
    return 'sent';
  });
  if (outcome instanceof DeliveryFailed) throw outcome;
  return outcome;
}

export class DeliveryFailed extends Error {
  readonly code = 'EMAIL_DELIVERY_FAILED';
  readonly outboxId: string;
  readonly attempts: number;
  constructor(outboxId: string, attempts: number) {
    super(`delivery of outbox message ${outboxId} failed (attempt ${attempts})`);
    this.outboxId = outboxId;
    this.attempts = attempts;
  }
}
