// Request bodies and query strings of the JSON API. Strict: an unknown field is an error, so
// a typo in a client never silently drops an answer.
import { z } from 'zod';
import { REGISTRATION_STATUSES } from '#domain/registration/statuses.ts';

const text = (max: number) => z.string().max(max);

export const answersBody = z.strictObject({
  discipline: text(200),
  credentials: text(200).default(''),
  institution: text(300).default(''),
  clinicallyActive: z.boolean().default(false),
  willingToPresent: z.boolean().default(false),
  commitsToAttendAll: z.boolean(),
  understandsNotTherapy: z.boolean(),
  dietaryNeeds: text(2000).default(''),
  accessibilityNeeds: text(2000).default(''),
  heardAbout: text(2000).default(''),
  trainingProgram: text(300).default(''),
  traineeAttested: z.boolean().default(false),
  attestations: z.record(text(100), z.boolean()).default({}),
  custom: z.record(text(100), text(2000)).default({}),
});

export const applicationBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320),
  categoryKey: z.string().min(1).max(100),
  discountCode: text(100).optional(),
  complimentaryMembershipRequested: z.boolean().default(false),
  answers: answersBody,
});
export type ApplicationBody = z.infer<typeof applicationBody>;

export const decisionBody = z.strictObject({
  decision: z.enum(['accept', 'decline', 'waitlist']),
  message: text(4000).optional(),
});

export const applicationsQuery = z.strictObject({
  status: z.enum(REGISTRATION_STATUSES).optional(),
  category: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

/** An Idempotency-Key: what a client can generate (a UUID, a ULID, a hash). */
export const idempotencyKey = z.string().regex(/^[A-Za-z0-9._:-]{8,200}$/);

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
