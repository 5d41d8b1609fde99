// Applications and registrations. "Registering is applying": a registration row is created
// at submission and moves through the statuses below; every change is audited.
import { sql } from 'drizzle-orm';
import { bigserial, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { courses, type Attestation, type PriceTier } from './courses.ts';
import { organizations } from './organizations.ts';

export const REGISTRATION_STATUSES = ['submitted', 'accepted', 'declined', 'waitlisted', 'offered', 'confirmed', 'cancelled', 'withdrawn'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** Statuses that take one of the course's places (capacity). */
export const PLACE_HOLDING: readonly RegistrationStatus[] = ['submitted', 'accepted', 'offered', 'confirmed'];
/** Statuses that still use a discount code (released like places when an application ends). */
export const ACTIVE: readonly RegistrationStatus[] = ['submitted', 'accepted', 'waitlisted', 'offered', 'confirmed'];

export type MembershipCheck = 'not_needed' | 'verified' | 'to_verify';

/** What the applicant agreed to, frozen at submission: later edits never change it. */
export interface PolicySnapshot {
  courseTitle: string;
  currency: string;
  categoryLabel: string;
  tier: PriceTier;
  prices: { categoryKey: string; categoryLabel: string; early?: number; regular?: number }[];
  earlyPlaceLimit: number | null;
  earlyRateUntil: string | null;
  registrationDeadline: string;
  cancellationDeadline: string | null;
  cancellationFeeMinor: number;
  refundWithinDays: number;
  timeZone: string;
  /** When payment is due (absent in snapshots taken before the money work: at application). */
  paymentTiming?: 'at_application' | 'after_acceptance';
  attestations: Attestation[];
  policies: { key: string; heading: string; body: string }[];
}

export interface ApplicationAnswers {
  discipline: string;
  credentials: string;
  institution: string;
  clinicallyActive: boolean;
  willingToPresent: boolean;
  commitsToAttendAll: boolean;
  understandsNotTherapy: boolean;
  dietaryNeeds: string;
  accessibilityNeeds: string;
  heardAbout: string;
  trainingProgram: string;
  traineeAttested: boolean;
  attestations: Record<string, boolean>;
  custom: Record<string, string>;
}

/** A minimal membership record; the membership capability replaces how these are made. */
export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    email: text('email').notNull(),
    name: text('name').notNull().default(''),
    type: text('type').notNull().default('regular'),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to').notNull(),
    source: text('source').$type<'manual' | 'csv' | 'complimentary'>().notNull().default('manual'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Name and email folded for the people search, as users.search_text. */
    searchText: text('search_text').generatedAlwaysAs(sql`search_normalize(name || ' ' || email)`),
  },
  (t) => [index('memberships_org_email').on(t.organizationId, sql`lower(${t.email})`)],
);

export type DiscountKind = 'fixed' | 'percent';

export const discountCodes = pgTable(
  'discount_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id').notNull().references(() => courses.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    kind: text('kind').$type<DiscountKind>().notNull(),
    /** Minor units for `fixed`, whole percent (1–100) for `percent`. */
    amount: integer('amount').notNull(),
    maxUses: integer('max_uses'),
    expiresOn: date('expires_on'),
    categoryKeys: jsonb('category_keys').$type<string[]>().notNull().default([]),
    note: text('note').notNull().default(''),
    /** A disabled code takes no new uses; registrations that used it keep their discount. */
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('discount_codes_course_code').on(t.courseId, t.code)],
);

export const registrations = pgTable(
  'registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id').notNull().references(() => courses.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => users.id),
    /** A form's one-time key: a repeated submission (double click, refresh, retry) finds this row. */
    submissionKey: text('submission_key').notNull(),
    /** Order of submission: breaks ties between equal timestamps in the waitlist queue. */
    sequence: bigserial('sequence', { mode: 'number' }).notNull(),
    status: text('status').$type<RegistrationStatus>().notNull(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    categoryKey: text('category_key').notNull(),
    tier: text('tier').$type<PriceTier>().notNull(),
    /** Counted against the early-place limit while true; false once the application ends. */
    holdsEarlyPlace: boolean('holds_early_place').notNull().default(false),
    baseAmountMinor: integer('base_amount_minor').notNull(),
    discountMinor: integer('discount_minor').notNull().default(0),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    discountCodeId: uuid('discount_code_id').references(() => discountCodes.id),
    membershipCheck: text('membership_check').$type<MembershipCheck>().notNull().default('not_needed'),
    complimentaryMembershipRequested: boolean('complimentary_membership_requested').notNull().default(false),
    answers: jsonb('answers').$type<ApplicationAnswers>().notNull(),
    policy: jsonb('policy').$type<PolicySnapshot>().notNull(),
    /** Legacy sum of category-change differences; the ledger (ledger_entries) is the record now. */
    decisionMessage: text('decision_message'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    waitlistedAt: timestamp('waitlisted_at', { withTimezone: true }),
    offerExpiresAt: timestamp('offer_expires_at', { withTimezone: true }),
    /** Accepted but unpaid (payment after acceptance): the place is held until then. */
    paymentDueAt: timestamp('payment_due_at', { withTimezone: true }),
    /**
     * When the applicant's address was confirmed (ADR 0047): at submission for a signed-in
     * applicant with a verified email, when the emailed link is followed otherwise. Null: not yet.
     */
    addressConfirmedAt: timestamp('address_confirmed_at', { withTimezone: true }),
    /** Unconfirmed applications hold their place (or waitlist turn) until then, then lapse. */
    confirmBy: timestamp('confirm_by', { withTimezone: true }),
    /** Set when the application ended because its address was not confirmed in time. */
    confirmationLapsedAt: timestamp('confirmation_lapsed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('registrations_submission').on(t.courseId, t.submissionKey),
    // One live application per person and course.
    uniqueIndex('registrations_one_active')
      .on(t.courseId, t.userId)
      .where(sql`${t.status} in ('submitted','accepted','waitlisted','offered','confirmed')`),
    index('registrations_course_status').on(t.courseId, t.status, t.submittedAt),
    index('registrations_user').on(t.userId),
    index('registrations_unconfirmed').on(t.confirmBy).where(sql`${t.addressConfirmedAt} is null and ${t.confirmBy} is not null`),
  ],
);

/**
 * "Confirm your application" links (ADR 0047): only a SHA-256 hash of each token is kept. A
 * registration may have several (a second application for the same address mails a new one);
 * all go when it is confirmed or lapses.
 */
export const registrationConfirmations = pgTable(
  'registration_confirmations',
  {
    tokenHash: text('token_hash').primaryKey(),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('registration_confirmations_registration').on(t.registrationId)],
);

/** Tokens for staff API access (`Authorization: Bearer …`), stored as SHA-256 hashes. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('api_tokens_org').on(t.organizationId)],
);
