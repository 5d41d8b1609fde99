// Membership (ADR 0068): an organization's membership types with their dues, each person's
// history of terms (joined online, renewed, granted by a course, or typed/imported by staff
// into the older `memberships` table, which stays the import path), the grace period after a
// term ends, and the reminders sent about it. A term bought online is its own ledger account
// (ledger_entries.membership_term_id), like a registration's.
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { courses } from './courses.ts';
import { organizations } from './organizations.ts';
import { registrations } from './registration.ts';

export const MEMBERSHIP_TERMS = ['calendar_year', 'rolling_12_months'] as const;
export type MembershipTermRule = (typeof MEMBERSHIP_TERMS)[number];
export const PRO_RATING_RULES = ['none', 'remaining_months'] as const;
export type ProRatingRule = (typeof PRO_RATING_RULES)[number];

/** Per organization: how long member prices still apply after a term ends. */
export const membershipSettings = pgTable(
  'membership_settings',
  {
    organizationId: uuid('organization_id')
      .primaryKey()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    graceDays: integer('grace_days').notNull().default(30),
    /**
     * The organization whose membership this one offers to join too (ADR 0068, combined offer):
     * a regional circle's national society. Each organization's dues stay its own checkout.
     */
    partnerOrganizationId: uuid('partner_organization_id').references(() => organizations.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('membership_settings_grace', sql`${t.graceDays} between 0 and 365`),
    check('membership_settings_partner_not_self', sql`${t.partnerOrganizationId} is null or ${t.partnerOrganizationId} <> ${t.organizationId}`),
  ],
);

/** A kind of membership an organization offers: regular, trainee, retired, institutional, … */
export const membershipTypes = pgTable(
  'membership_types',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** Short stable key (`regular`, `trainee`): what imported rows name in their type column. */
    key: text('key').notNull(),
    name: text('name').notNull(),
    /** Dues per ISO 4217 currency, in that currency's minor units. */
    dues: jsonb('dues').$type<Record<string, number>>().notNull().default({}),
    term: text('term').$type<MembershipTermRule>().notNull().default('calendar_year'),
    proRating: text('pro_rating').$type<ProRatingRule>().notNull().default('none'),
    eligibility: text('eligibility').notNull().default(''),
    benefits: text('benefits').notNull().default(''),
    grantsMemberPrices: boolean('grants_member_prices').notNull().default(true),
    /** Only granted (by a course, or by staff), never bought. */
    complimentary: boolean('complimentary').notNull().default(false),
    /** Retired types are no longer offered; their terms keep counting. */
    active: boolean('active').notNull().default(true),
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('membership_types_org_key').on(t.organizationId, t.key)],
);

export type MembershipTermStatus = 'pending' | 'active' | 'revoked' | 'void';
export type MembershipTermSource = 'online' | 'complimentary' | 'staff';

/**
 * One term of a person's membership. `pending` until its dues are paid (then `active`);
 * `void` when its checkout closed unpaid; `revoked` by staff. Active terms give the status
 * (active, in grace, lapsed) on any date; the history is every row.
 */
export const membershipTerms = pgTable(
  'membership_terms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    typeId: uuid('type_id')
      .notNull()
      .references(() => membershipTypes.id),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    status: text('status').$type<MembershipTermStatus>().notNull().default('pending'),
    source: text('source').$type<MembershipTermSource>().notNull(),
    /** A renewal continues from the previous term's end (ADR 0068). */
    renewal: boolean('renewal').notNull().default(false),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    duesMinor: integer('dues_minor').notNull().default(0),
    currency: text('currency').notNull(),
    grantedByCourseId: uuid('granted_by_course_id').references(() => courses.id),
    grantedByRegistrationId: uuid('granted_by_registration_id').references(() => registrations.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: text('revoked_by'),
    revokeReason: text('revoke_reason'),
  },
  (t) => [
    index('membership_terms_org_email').on(t.organizationId, sql`lower(${t.email})`),
    // The people search's "connected to this organization" probe (domain/people), and any
    // lookup by account alone.
    index('membership_terms_user_org').on(t.userId, t.organizationId),
    index('membership_terms_org_ends').on(t.organizationId, t.status, t.endsOn),
    check('membership_terms_dates', sql`${t.endsOn} >= ${t.startsOn}`),
    check('membership_terms_dues', sql`${t.duesMinor} >= 0`),
  ],
);

/** A course that grants a complimentary membership to non-members whose registration is confirmed. */
export const courseMembershipGrants = pgTable('course_membership_grants', {
  courseId: uuid('course_id')
    .primaryKey()
    .references(() => courses.id, { onDelete: 'cascade' }),
  organizationId: uuid('organization_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  typeId: uuid('type_id')
    .notNull()
    .references(() => membershipTypes.id),
});

export const REMINDER_KINDS = ['before_30', 'before_7', 'expired', 'grace_ended'] as const;
export type MembershipReminderKind = (typeof REMINDER_KINDS)[number];

/** Each reminder is sent once per term: this row is its idempotency key. */
export const membershipReminders = pgTable(
  'membership_reminders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    termId: uuid('term_id')
      .notNull()
      .references(() => membershipTerms.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<MembershipReminderKind>().notNull(),
    sentOn: date('sent_on').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('membership_reminders_once').on(t.termId, t.kind)],
);
