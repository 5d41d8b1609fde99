// A recipient's delivery status, read from the outbox row it was handed over as (never stored twice).
import type { OutboxStatus } from '#db/schema/email.ts';

export const RECIPIENT_STATUSES = ['waiting', 'queued', 'sent', 'failed', 'bounced'] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

/** waiting: not handed to the outbox yet; queued: in the outbox (pending, or held without SMTP). */
export function recipientStatus(queued: boolean, outboxStatus: OutboxStatus | null): RecipientStatus {
  if (!queued) return 'waiting';
  switch (outboxStatus) {
    case 'sent':
      return 'sent';
    case 'failed':
      return 'failed';
    case 'bounced':
      return 'bounced';
    default:
      return 'queued';
  }
}
