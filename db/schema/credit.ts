// Continuing-education credit, evaluations and certificates (issue 13). ADR 0058.
//
// Credit is computed from attendance (db/schema/course-running.ts) and each session's credit
// minutes, never typed. Evaluation answers are kept apart from who completed the evaluation:
// `evaluation_responses` has no person, `evaluation_completions` has no answers.
import { sql } from 'drizzle-orm';
import { boolean, customType, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { courses } from './courses.ts';
import { organizations } from './organizations.ts';
import { registrations } from './registration.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export type CreditUnit = 'credits' | 'hours' | 'points';
export type CreditRule = 'commensurate' | 'full_attendance';

/** How one accrediting body grants credit for one course (its statement stays in courses.accreditation). */
export const courseCreditPolicies = pgTable(
  'course_credit_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id').notNull().references(() => courses.id, { onDelete: 'cascade' }),
    /** As in the course's accreditation statements ("APA", "AAFP"). */
    body: text('body').notNull(),
    unit: text('unit').$type<CreditUnit>().notNull().default('credits'),
    /** Hundredths: 1925 is 19.25. */
    maxCreditHundredths: integer('max_credit_hundredths').notNull(),
    rule: text('rule').$type<CreditRule>().notNull().default('commensurate'),
    minutesPerCredit: integer('minutes_per_credit').notNull().default(60),
    roundingStepMinutes: integer('rounding_step_minutes').notNull().default(15),
    rounding: text('rounding').$type<'down' | 'nearest'>().notNull().default('down'),
    evaluationRequired: boolean('evaluation_required').notNull().default(true),
    minimumCreditHundredths: integer('minimum_credit_hundredths').notNull().default(0),
  },
  (t) => [uniqueIndex('course_credit_policies_body').on(t.courseId, t.body)],
);

export type EvaluationQuestionKind = 'scale' | 'text';

export interface EvaluationQuestion {
  key: string;
  kind: EvaluationQuestionKind;
  text: string;
  /** A per-session question; absent for the course as a whole. */
  sessionId?: string;
  required: boolean;
}

/** The end-of-course evaluation's questions (the course goals as "I can now…", accreditors' items, comments). */
export const evaluationForms = pgTable('evaluation_forms', {
  courseId: uuid('course_id')
    .primaryKey()
    .references(() => courses.id, { onDelete: 'cascade' }),
  organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  questions: jsonb('questions').$type<EvaluationQuestion[]>().notNull().default([]),
  /** Open for answers from (normally the last day of the course). */
  opensAt: timestamp('opens_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One person's answers, with nothing that says whose (no person, no exact time). */
export const evaluationResponses = pgTable(
  'evaluation_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id').notNull().references(() => courses.id, { onDelete: 'cascade' }),
    /** question key → 1–5 for a scale, text for a comment. */
    answers: jsonb('answers').$type<Record<string, number | string>>().notNull(),
  },
  (t) => [index('evaluation_responses_course').on(t.courseId)],
);

/** That a person completed the evaluation (for the certificate gate and reminders), never what they answered. */
export const evaluationCompletions = pgTable('evaluation_completions', {
  registrationId: uuid('registration_id')
    .primaryKey()
    .references(() => registrations.id, { onDelete: 'cascade' }),
  organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  courseId: uuid('course_id').notNull().references(() => courses.id, { onDelete: 'cascade' }),
  completedOn: text('completed_on').notNull(),
});

/** The director's signature printed on the course's certificates, uploaded by staff (PNG or JPEG). */
export const courseSignatures = pgTable('course_signatures', {
  courseId: uuid('course_id')
    .primaryKey()
    .references(() => courses.id, { onDelete: 'cascade' }),
  organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  signerName: text('signer_name').notNull(),
  signerTitle: text('signer_title').notNull().default(''),
  image: bytea('image').notNull(),
  contentType: text('content_type').notNull(),
  uploadedBy: text('uploaded_by'),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
});

export type CertificateKind = 'credit' | 'attendance';
export type CertificateStatus = 'valid' | 'revoked' | 'superseded';

/**
 * An issued certificate: what it says is frozen at issue (name, course, dates, place, credit,
 * statement), so it verifies as printed. A correction issues a new one and marks this one
 * superseded. After the retention period the person's fields are cleared and
 * `recordsRetiredAt` set: the code still verifies as "issued, records retired".
 */
export const certificates = pgTable(
  'certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id').references(() => courses.id, { onDelete: 'set null' }),
    registrationId: uuid('registration_id').references(() => registrations.id, { onDelete: 'set null' }),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** Grouped, as printed: `7K3M-QX9D-2HBT-W4RN-C`. */
    code: text('code').notNull(),
    body: text('body').notNull(),
    kind: text('kind').$type<CertificateKind>().notNull(),
    status: text('status').$type<CertificateStatus>().notNull().default('valid'),
    recipientName: text('recipient_name').notNull(),
    courseTitle: text('course_title').notNull(),
    courseDates: text('course_dates').notNull(),
    place: text('place').notNull().default(''),
    creditHundredths: integer('credit_hundredths').notNull().default(0),
    unit: text('unit').$type<CreditUnit>().notNull().default('credits'),
    attendedMinutes: integer('attended_minutes').notNull().default(0),
    statement: text('statement').notNull().default(''),
    signerName: text('signer_name').notNull().default(''),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    issuedBy: text('issued_by'),
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokeReason: text('revoke_reason'),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
    supersededBy: uuid('superseded_by'),
    recordsRetiredAt: timestamp('records_retired_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('certificates_code').on(t.code),
    // One valid certificate per registration and body; revoked and superseded ones stay for verification.
    uniqueIndex('certificates_one_valid').on(t.registrationId, t.body).where(sql`${t.status} = 'valid'`),
    index('certificates_user').on(t.userId),
    index('certificates_course').on(t.courseId),
  ],
);
