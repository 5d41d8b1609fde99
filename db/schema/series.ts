// A listed group's series with a minimum to run (issue 14, ADR 0063). A group takes sign-ups
// for a run of sessions — free, or paid through the checkout as a `series_enrollment` line —
// with a minimum to run and a maximum (the scarce places, taken under the series row's lock).
// Enrollment closes after a chosen session; on the day after the decide-by date (a local date
// in the group's zone, inclusive to the end of that day) a series short of its minimum is
// cancelled: everyone is told, everyone who paid gets a refund due in the refund tracker.
//
// Money: each enrollment is its own ledger account (ledger_entries.series_enrollment_id, next
// to registrations and donations, db/schema/money.ts); what is owed comes from the ledger.
import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { groupListings } from './directory.ts';
import { organizations } from './organizations.ts';

export const SERIES_STATUSES = ['open', 'confirmed', 'cancelled'] as const;
export type SeriesStatus = (typeof SERIES_STATUSES)[number];

export const groupSeries = pgTable(
  'group_series',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    listingId: uuid('listing_id')
      .notNull()
      .references(() => groupListings.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    /** The first session, a date in the listing's zone; later sessions follow the listing's cadence. */
    firstSessionOn: date('first_session_on').notNull(),
    sessionCount: integer('session_count').notNull(),
    /** The price of the whole series in the organization's currency's minor units; 0 = free. */
    priceMinor: integer('price_minor').notNull().default(0),
    currency: text('currency').notNull(),
    minimum: integer('minimum').notNull(),
    maximum: integer('maximum').notNull(),
    /** Sign-ups close when this session (1-based) ends. */
    closesAfterSession: integer('closes_after_session').notNull().default(1),
    /** The minimum is checked after this local date (the listing's zone) has ended. */
    decideBy: date('decide_by').notNull(),
    status: text('status').$type<SeriesStatus>().notNull().default('open'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: text('decided_by'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('group_series_listing').on(t.listingId, t.firstSessionOn),
    index('group_series_org_status').on(t.organizationId, t.status, t.decideBy),
    check('group_series_sessions', sql`${t.sessionCount} between 1 and 52`),
    check('group_series_price', sql`${t.priceMinor} >= 0`),
    check('group_series_places', sql`${t.minimum} >= 1 and ${t.maximum} >= ${t.minimum} and ${t.maximum} <= 200`),
    check('group_series_closes', sql`${t.closesAfterSession} between 1 and ${t.sessionCount}`),
  ],
);

export const SERIES_ENROLLMENT_STATUSES = ['enrolled', 'cancelled'] as const;
export type SeriesEnrollmentStatus = (typeof SERIES_ENROLLMENT_STATUSES)[number];

/** One person's place in a series: a member (userId) or a visitor by name and email. */
export const seriesEnrollments = pgTable(
  'series_enrollments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    seriesId: uuid('series_id')
      .notNull()
      .references(() => groupSeries.id, { onDelete: 'cascade' }),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    email: text('email').notNull(),
    status: text('status').$type<SeriesEnrollmentStatus>().notNull().default('enrolled'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /** Why the place ended: 'series_cancelled', 'withdrew'. */
    cancelReason: text('cancel_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('series_enrollments_series').on(t.seriesId, t.status),
    index('series_enrollments_user').on(t.userId),
    // One place per person and series while it stands.
    uniqueIndex('series_enrollments_one_per_email').on(t.seriesId, sql`lower(${t.email})`).where(sql`${t.status} = 'enrolled'`),
  ],
);
