// Messages to the people of a course (issue 18) and scheduled course messages (issue 15).
// A message is written once with placeholders; its recipients are frozen into rows when it is
// sent (or when its scheduled time comes), and a job hands them to the outbox in rate-limited
// batches. A recipient's delivery status is the outbox row's (ADR 0067).
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { courses } from './courses.ts';
import { outboxMessages } from './email.ts';
import { organizations } from './organizations.ts';
import { registrations, type RegistrationStatus } from './registration.ts';

export type PaymentFilter = 'any' | 'paid' | 'balance_due';
export type MissingItemFilter = 'any' | 'address_unconfirmed' | 'evaluation';

/** Who a message goes to: each part narrows; empty lists mean "any". */
export interface RecipientFilter {
  statuses: RegistrationStatus[];
  categoryKeys: string[];
  payment: PaymentFilter;
  missing: MissingItemFilter;
}

/** A scheduled message's time: a number of days before (negative) or after a course date, at a local hour. */
export interface MessageSchedule {
  anchor: 'starts_on' | 'ends_on';
  offsetDays: number;
  localTime: string;
}

export type CourseMessageState = 'scheduled' | 'sending' | 'sent' | 'cancelled';

export const courseMessages = pgTable(
  'course_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id').notNull().references(() => courses.id, { onDelete: 'cascade' }),
    subject: text('subject').notNull(),
    /** The text with {{placeholders}}, rendered for each recipient when it is handed to the outbox. */
    body: text('body').notNull(),
    filter: jsonb('filter').$type<RecipientFilter>().notNull(),
    state: text('state').$type<CourseMessageState>().notNull(),
    /** For a scheduled message: when relative to the course's dates, and the instant that is. */
    schedule: jsonb('schedule').$type<MessageSchedule | null>(),
    sendAt: timestamp('send_at', { withTimezone: true }),
    /** When the recipients were frozen (sent now, or the scheduled time came). */
    frozenAt: timestamp('frozen_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('course_messages_course').on(t.courseId, t.createdAt), index('course_messages_due').on(t.state, t.sendAt)],
);

/**
 * One row per recipient, frozen at send time. `outbox_message_id` is set in the same transaction
 * as the outbox row is written: a row without one has not been handed over yet (resumable), a
 * row with one never will be again (nobody twice).
 */
export const courseMessageRecipients = pgTable(
  'course_message_recipients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id').notNull().references(() => courseMessages.id, { onDelete: 'cascade' }),
    registrationId: uuid('registration_id').notNull().references(() => registrations.id, { onDelete: 'cascade' }),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    email: text('email').notNull(),
    /** Position in the list (sending order). */
    position: integer('position').notNull(),
    outboxMessageId: uuid('outbox_message_id').references(() => outboxMessages.id, { onDelete: 'set null' }),
    queuedAt: timestamp('queued_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('course_message_recipients_once').on(t.messageId, t.registrationId),
    index('course_message_recipients_waiting').on(t.messageId, t.position).where(sql`${t.queuedAt} is null`),
    index('course_message_recipients_registration').on(t.registrationId),
    index('course_message_recipients_user').on(t.userId),
  ],
);

/** A course's settings for its messages: where replies go (the course director's or the office's address). */
export const courseMessageSettings = pgTable('course_message_settings', {
  courseId: uuid('course_id')
    .primaryKey()
    .references(() => courses.id, { onDelete: 'cascade' }),
  organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  replyTo: text('reply_to').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
