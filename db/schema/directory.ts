// The directory of ongoing Balint groups (issue 14). A listing describes one group that meets
// regularly: its leaders, format, who it is for, when and where it meets, cost, and how to join.
// The seed's rule (002): "our listings include only groups which involve leaders with some
// training through the American Balint Society": a listing is public only when at least one
// of its leaders has leadership training recorded and verified by staff, and staff approved it
// (domain/directory/listing-rule.ts). ADR 0062.
//
// Confidentiality: a listing is public information about a group; nothing here holds case
// content. A leader's email address is never part of a listing: visitors write to a leader
// through Balint Hub.
import { sql } from 'drizzle-orm';
import { boolean, check, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { courses } from './courses.ts';
import { organizations } from './organizations.ts';

export const LISTING_FORMATS = ['in_person', 'online', 'hybrid'] as const;
export type ListingFormat = (typeof LISTING_FORMATS)[number];

export const LISTING_CADENCES = ['weekly', 'every_other_week', 'monthly'] as const;
export type ListingCadence = (typeof LISTING_CADENCES)[number];

/** What a visitor can do now; 'starting_soon' takes names for a group about to begin. */
export const ENROLLMENT_STATUSES = ['open', 'full', 'closed', 'starting_soon'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

/** Who a group is for (DOMAIN.md: Balint groups are for clinicians of many professions). */
export const PROFESSIONS = ['physicians', 'residents', 'psychologists', 'social_workers', 'nurses', 'counselors', 'veterinarians', 'clergy', 'students', 'other_clinicians'] as const;
export type Profession = (typeof PROFESSIONS)[number];

/**
 * A person's Balint leadership training, as the organization's staff recorded it: an
 * intensive attended (linked to the course when it was one of ours), a credential, or
 * training elsewhere. Only a verified record makes a leader count for the listing rule.
 */
export const TRAINING_KINDS = ['intensive', 'credentialed_leader', 'credentialed_supervisor', 'other'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];

export const leaderTrainings = pgTable(
  'leader_trainings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<TrainingKind>().notNull(),
    /** e.g. "Leadership Training Intensive, Spokane, April 2025". */
    description: text('description').notNull(),
    courseId: uuid('course_id').references(() => courses.id, { onDelete: 'set null' }),
    completedOn: date('completed_on'),
    /** Set by staff who checked it against the society's records; null while claimed only. */
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    verifiedBy: text('verified_by'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('leader_trainings_user').on(t.userId),
    index('leader_trainings_org').on(t.organizationId, t.verifiedAt),
    uniqueIndex('leader_trainings_course').on(t.organizationId, t.userId, t.courseId).where(sql`${t.courseId} is not null`),
  ],
);

export const groupListings = pgTable(
  'group_listings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    /** Unique per organization; the public URL is /o/:org/groups/:slug. */
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    /** Plain text or Markdown (rendered through lib/markdown, sanitized). */
    description: text('description').notNull().default(''),
    format: text('format').$type<ListingFormat>().notNull(),
    /** The group rotates its leader (the format pioneered in England). */
    rotatingLeader: boolean('rotating_leader').notNull().default(false),
    professions: jsonb('professions').$type<Profession[]>().notNull().default([]),
    cadence: text('cadence').$type<ListingCadence>().notNull(),
    /** ISO weekday, 1 Monday … 7 Sunday. */
    weekday: integer('weekday').notNull(),
    /** Monthly groups: which weekday of the month (1–4, or -1 for the last). */
    weekOfMonth: integer('week_of_month'),
    /** "19:00" in the group's own zone. */
    startTime: text('start_time').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    /** IANA zone the group keeps its time in. */
    timeZone: text('time_zone').notNull(),
    /** First meeting, a date in the group's zone. */
    startsOn: date('starts_on').notNull(),
    /** Where it meets (in person or hybrid); empty for online groups. */
    placeName: text('place_name').notNull().default(''),
    city: text('city').notNull().default(''),
    region: text('region').notNull().default(''),
    postcode: text('postcode').notNull().default(''),
    country: text('country').notNull().default(''),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    /** Per meeting or per series, as costNote says; null when free or "ask the leader". */
    costMinor: integer('cost_minor'),
    currency: text('currency').notNull().default('USD'),
    costNote: text('cost_note').notNull().default(''),
    enrollment: text('enrollment').$type<EnrollmentStatus>().notNull().default('open'),
    howToJoin: text('how_to_join').notNull().default(''),
    /** Sent for approval by its leader; approved by staff; withdrawn by either. */
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedBy: text('approved_by'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('group_listings_slug').on(t.organizationId, t.slug),
    index('group_listings_org_public').on(t.organizationId, t.approvedAt),
    check('group_listings_weekday', sql`${t.weekday} between 1 and 7`),
    check('group_listings_duration', sql`${t.durationMinutes} > 0 and ${t.durationMinutes} <= 720`),
    check('group_listings_cost', sql`${t.costMinor} is null or ${t.costMinor} >= 0`),
  ],
);

/** The leaders of a listed group, linked to their member profiles, in the order shown. */
export const groupListingLeaders = pgTable(
  'group_listing_leaders',
  {
    listingId: uuid('listing_id')
      .notNull()
      .references(() => groupListings.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
    /** The leader visitors' messages go to (one per listing). */
    receivesMessages: boolean('receives_messages').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.listingId, t.userId] }), index('group_listing_leaders_user').on(t.userId)],
);
