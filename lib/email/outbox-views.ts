// The outbox as staff filter it: by what happened to a message, not by every internal status.
import type { OutboxStatus } from '#db/schema/email.ts';

export const OUTBOX_VIEWS = {
  /** Not handed to a mail server yet: queued, or held because no SMTP is configured. */
  waiting: ['pending', 'held'],
  sent: ['sent'],
  /** Refused by the recipient's mail server, or given up after every attempt failed. */
  undelivered: ['bounced', 'failed'],
  /** Non-essential mail to an address that unsubscribed: kept, never sent. */
  suppressed: ['suppressed'],
} as const satisfies Record<string, readonly OutboxStatus[]>;

export type OutboxView = keyof typeof OUTBOX_VIEWS;
export const OUTBOX_VIEW_KEYS = Object.keys(OUTBOX_VIEWS) as OutboxView[];

/** The view a query string names; anything else (absent, unknown, `__proto__`) is every message. */
export function parseOutboxView(value: string | null): OutboxView | undefined {
  return value !== null && Object.hasOwn(OUTBOX_VIEWS, value) ? (value as OutboxView) : undefined;
}
