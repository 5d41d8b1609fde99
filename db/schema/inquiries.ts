// Inquiries from the public site (issue 14, ADR 0060): a speaker or demonstration request, an
// "Intensive on the Road" request, general contact. Each is handled by the organization's staff
// in an inbox; every change (status, assignee, note, reply) is an event on its timeline.
// The requester's message is theirs to write: the form asks for no patient details.
import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { outboxMessages } from './email.ts';
import { organizations } from './organizations.ts';

export const INQUIRY_KINDS = ['speaker', 'intensive_on_the_road', 'general'] as const;
export type InquiryKind = (typeof INQUIRY_KINDS)[number];

export const INQUIRY_STATUSES = ['new', 'in_discussion', 'scheduled', 'declined', 'done'] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

/** What a speaker request asks for. */
export const SPEAKER_FORMATS = ['talk', 'demonstration', 'workshop'] as const;
export type SpeakerFormat = (typeof SPEAKER_FORMATS)[number];

export const ATTENDANCE_MODES = ['in_person', 'online'] as const;
export type AttendanceMode = (typeof ATTENDANCE_MODES)[number];

/** An Intensive on the Road trains at most this many leaders (the seed: "up to twelve"). */
export const MAX_LEADERS_ON_THE_ROAD = 12;

export const inquiries = pgTable(
  'inquiries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<InquiryKind>().notNull(),
    status: text('status').$type<InquiryStatus>().notNull().default('new'),
    /** A staff member of the organization who handles it; null: nobody yet. */
    assigneeUserId: text('assignee_user_id').references(() => users.id, { onDelete: 'set null' }),
    requesterName: text('requester_name').notNull(),
    requesterEmail: text('requester_email').notNull(),
    requesterPhone: text('requester_phone'),
    /** The requester's organization or group; for an Intensive on the Road, the host organization. */
    groupName: text('group_name'),
    location: text('location'),
    preferredDates: text('preferred_dates'),
    /** Speaker requests: a talk, a demonstration or a workshop. */
    speakerFormat: text('speaker_format').$type<SpeakerFormat>(),
    audience: text('audience'),
    audienceSize: integer('audience_size'),
    attendance: text('attendance').$type<AttendanceMode>(),
    /** Intensive on the Road: leaders to train, one to twelve. */
    leadersToTrain: integer('leaders_to_train'),
    subject: text('subject'),
    message: text('message').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('inquiries_org_status').on(t.organizationId, t.status, t.createdAt),
    check('inquiries_leaders_to_train', sql`${t.leadersToTrain} is null or ${t.leadersToTrain} between 1 and 12`),
    check('inquiries_audience_size', sql`${t.audienceSize} is null or ${t.audienceSize} between 1 and 100000`),
  ],
);

export const INQUIRY_EVENT_KINDS = ['received', 'status', 'assigned', 'note', 'reply'] as const;
export type InquiryEventKind = (typeof INQUIRY_EVENT_KINDS)[number];

/** The inquiry's timeline: who did what, when. Notes are internal; replies went to the requester. */
export const inquiryEvents = pgTable(
  'inquiry_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    inquiryId: uuid('inquiry_id').notNull().references(() => inquiries.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<InquiryEventKind>().notNull(),
    /** Null: the requester (received) or the system. */
    actorUserId: text('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** A note's or a reply's text. */
    body: text('body'),
    /** A status change (from → to) or an assignment (user ids; null: nobody). */
    fromValue: text('from_value'),
    toValue: text('to_value'),
    /** A reply's (or the acknowledgment's) message in the outbox. */
    outboxMessageId: uuid('outbox_message_id').references(() => outboxMessages.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('inquiry_events_inquiry').on(t.inquiryId, t.at)],
);
