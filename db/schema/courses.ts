// A course as published. The registration work adds applications, capacity accounting and
// the early-place quota on top of these rows; the price table is data, one explicit amount
// per category and tier (the seed's table is not a formula).
import { type AnyPgColumn, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { organizations } from './organizations.ts';

export type CourseKind = 'leadership_intensive' | 'balint_weekend' | 'online_series' | 'demonstration';
export type PaymentTiming = 'at_application' | 'after_acceptance';
export type CourseStatus = 'draft' | 'published' | 'closed' | 'cancelled' | 'archived';

export interface CourseSection {
  key: string;
  heading: string;
  body: string;
}

export interface HotelBlock {
  name: string;
  nightlyRateMinor: number;
  note: string;
  availableFrom: string;
  availableTo: string;
  reservationPhone: string;
  reservationCode: string;
  reservationDeadline: string;
}

export interface Attestation {
  key: string;
  text: string;
}

export type CustomQuestionType = 'text' | 'textarea' | 'yes_no' | 'choice';

export interface CustomQuestion {
  key: string;
  label: string;
  type: CustomQuestionType;
  required: boolean;
  options?: string[];
}

export interface AccreditationStatement {
  body: string; // e.g. AAFP, APA
  statement: string; // printed verbatim
  credits?: number;
  approvalFrom?: string;
  approvalTo?: string;
}

export const courses = pgTable(
  'courses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    kind: text('kind').$type<CourseKind>().notNull(),
    status: text('status').$type<CourseStatus>().notNull().default('draft'),
    title: text('title').notNull(),
    tagline: text('tagline').notNull().default(''),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    timeZone: text('time_zone').notNull(),
    venueName: text('venue_name').notNull().default(''),
    venueAddress: text('venue_address').notNull().default(''),
    city: text('city').notNull().default(''),
    region: text('region').notNull().default(''),
    country: text('country').notNull().default(''),
    online: integer('online').notNull().default(0),
    capacity: integer('capacity').notNull(),
    earlyPlaceLimit: integer('early_place_limit'),
    earlyRateUntil: date('early_rate_until'),
    registrationOpensOn: date('registration_opens_on'),
    registrationDeadline: date('registration_deadline').notNull(),
    cancellationDeadline: date('cancellation_deadline'),
    cancellationFeeMinor: integer('cancellation_fee_minor').notNull().default(0),
    refundWithinDays: integer('refund_within_days').notNull().default(30),
    financialAidDeadline: date('financial_aid_deadline'),
    financialAidAwards: integer('financial_aid_awards'),
    financialAidMaxMinor: integer('financial_aid_max_minor'),
    /** Who may apply for aid, shown on the course page and the aid form (the seed's statement). */
    financialAidStatement: text('financial_aid_statement').notNull().default(''),
    /** When payment is due: with the application (the seed's practice) or once accepted. */
    paymentTiming: text('payment_timing').$type<PaymentTiming>().notNull().default('at_application'),
    /** After acceptance (payment_timing = after_acceptance): how long the place waits for payment. */
    paymentHoldHours: integer('payment_hold_hours').notNull().default(168),
    currency: text('currency').notNull().default('USD'),
    sections: jsonb('sections').$type<CourseSection[]>().notNull().default([]),
    goals: jsonb('goals').$type<string[]>().notNull().default([]),
    hotel: jsonb('hotel').$type<HotelBlock | null>(),
    accreditation: jsonb('accreditation').$type<AccreditationStatement[]>().notNull().default([]),
    ceHours: text('ce_hours'),
    /** Applications wait for a director's decision (the seed: "Application does not guarantee acceptance"). */
    requiresApproval: boolean('requires_approval').notNull().default(true),
    /** How long a waitlist offer holds a freed place before it passes to the next person. */
    offerHoldHours: integer('offer_hold_hours').notNull().default(48),
    attestations: jsonb('attestations').$type<Attestation[]>().notNull().default([]),
    customQuestions: jsonb('custom_questions').$type<CustomQuestion[]>().notNull().default([]),
    /** The course this one was copied from ("Copy this course", issue 18): its summary page compares the two. */
    copiedFromCourseId: uuid('copied_from_course_id').references((): AnyPgColumn => courses.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('courses_org_slug').on(t.organizationId, t.slug), index('courses_org_starts').on(t.organizationId, t.startsOn)],
);

export type PriceTier = 'early' | 'regular';

export const coursePrices = pgTable(
  'course_prices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id').notNull().references(() => courses.id, { onDelete: 'cascade' }),
    categoryKey: text('category_key').notNull(),
    categoryLabel: text('category_label').notNull(),
    position: integer('position').notNull(),
    tier: text('tier').$type<PriceTier>().notNull(),
    amountMinor: integer('amount_minor').notNull(),
  },
  (t) => [uniqueIndex('course_prices_cell').on(t.courseId, t.categoryKey, t.tier)],
);

/** Who pays what: a row of the price table, with what the category requires of an applicant. */
export const coursePriceCategories = pgTable(
  'course_price_categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id').notNull().references(() => courses.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    label: text('label').notNull(),
    position: integer('position').notNull(),
    requiresMembership: boolean('requires_membership').notNull().default(false),
    requiresTraineeStatus: boolean('requires_trainee_status').notNull().default(false),
  },
  (t) => [uniqueIndex('course_price_categories_key').on(t.courseId, t.key)],
);

export type FacultyRole = 'director' | 'co_director' | 'faculty';

export const courseFaculty = pgTable(
  'course_faculty',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id').notNull().references(() => courses.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    role: text('role').$type<FacultyRole>().notNull(),
    name: text('name').notNull(),
    credentials: text('credentials').notNull().default(''),
    affiliation: text('affiliation').notNull().default(''),
    location: text('location').notNull().default(''),
    /** The account this faculty member signs in with (to take attendance, edit the rotation). */
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** A behavioral-health clinician (the "at least one per small group" rule), as the director records it. */
    behavioralHealth: boolean('behavioral_health').notNull().default(false),
  },
  (t) => [index('course_faculty_course').on(t.courseId), index('course_faculty_user').on(t.userId)],
);
