// Financial aid: a program per course (its settings are columns of the course), applications
// whose personal content is encrypted at rest (AES-256-GCM, lib/crypto/sealed.server.ts),
// committee reviews, and award decisions that post an `aid_award` ledger entry.
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from './accounts.ts';
import { courses } from './courses.ts';
import { organizations } from './organizations.ts';
import { registrations } from './registration.ts';

export type AidApplicationStatus = 'submitted' | 'awarded' | 'not_awarded' | 'withdrawn';

export const aidApplications = pgTable(
  'aid_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id').notNull().references(() => courses.id, { onDelete: 'cascade' }),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => registrations.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    requestedMinor: integer('requested_minor').notNull(),
    currency: text('currency').notNull(),
    /** Sealed JSON: hardship statement and self-identification. Never stored in the clear. */
    sealedContent: text('sealed_content').notNull(),
    status: text('status').$type<AidApplicationStatus>().notNull().default('submitted'),
    awardedMinor: integer('awarded_minor'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: text('decided_by'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('aid_applications_registration').on(t.registrationId),
    index('aid_applications_course').on(t.courseId, t.status),
    check('aid_requested_positive', sql`${t.requestedMinor} > 0`),
  ],
);

/** One committee member's score (1–5) and sealed comment on one application. */
export const aidReviews = pgTable(
  'aid_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => aidApplications.id, { onDelete: 'cascade' }),
    reviewerUserId: text('reviewer_user_id')
      .notNull()
      .references(() => users.id),
    score: integer('score').notNull(),
    sealedComment: text('sealed_comment').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('aid_reviews_one_per_reviewer').on(t.applicationId, t.reviewerUserId), check('aid_score_range', sql`${t.score} between 1 and 5`)],
);
