import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';

/** A document rendered at delivery time and attached (receipts, invoices), by kind and id. */
export interface OutboxAttachment {
  kind: 'receipt' | 'invoice' | 'gift_receipt' | 'statement' | 'certificate';
  id: string;
  filename: string;
}

/** `suppressed`: a non-essential message to an address that unsubscribed; kept, never sent. */
/** `bounced`: the SMTP server refused the recipient permanently (a 5xx reply); never retried. */
/** `failed`: every delivery attempt failed for a reason that was not the recipient (the limit is in deliver.server.ts). */
export const OUTBOX_STATUSES = ['pending', 'held', 'sent', 'failed', 'bounced', 'suppressed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * Every message Balint Hub sends. Written in the same transaction as the change that causes
 * it; delivered after commit by the `email.deliver` job. Without SMTP, messages stay `held`
 * and admins read them on the outbox page.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    toAddress: text('to_address').notNull(),
    /** Where replies go when not to the organization (a visitor writing to a group's leader). */
    replyTo: text('reply_to'),
    subject: text('subject').notNull(),
    text: text('text_body').notNull(),
    html: text('html_body').notNull(),
    /**
     * Carries a credential (password reset, email verification, choose-your-password,
     * application confirmation link): never shown to any organization's staff, only to the
     * deployment's operator while it cannot be delivered.
     */
    credential: boolean('credential').notNull().default(false),
    /**
     * Non-essential messages: the signed one-click unsubscribe URL, sent as `List-Unsubscribe`
     * with `List-Unsubscribe-Post` (RFC 8058). Null for essential mail.
     */
    listUnsubscribe: text('list_unsubscribe'),
    attachments: jsonb('attachments').$type<OutboxAttachment[]>().notNull().default([]),
    status: text('status').$type<OutboxStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('outbox_org_created').on(t.organizationId, t.createdAt), index('outbox_status').on(t.status, t.createdAt)],
);
