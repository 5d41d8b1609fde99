// Builders for test data: an organization with a course shaped like the seed's intensive.
import crypto from 'node:crypto';
import type { Db } from '../../db/client.server.ts';
import { coursePriceCategories, coursePrices, courses } from '../../db/schema/courses.ts';
import { organizations } from '../../db/schema/organizations.ts';
import type { ApplicationAnswers } from '../../db/schema/registration.ts';

export const SEED_PRICES = [
  { key: 'non_member', label: 'Single Registration', early: 90000, regular: 97500, requiresMembership: false, requiresTraineeStatus: false },
  { key: 'member', label: 'ABS Member Registration', early: 80000, regular: 87500, requiresMembership: true, requiresTraineeStatus: false },
  { key: 'trainee', label: 'Residents, students, fellows', early: 64000, regular: 70000, requiresMembership: false, requiresTraineeStatus: true },
  { key: 'member_trainee', label: 'ABS Member Residents, students & fellows', early: 56000, regular: 62000, requiresMembership: true, requiresTraineeStatus: true },
];

export async function createOrganization(db: Db, slug = `org-${crypto.randomBytes(3).toString('hex')}`) {
  const [org] = await db.insert(organizations).values({ slug, name: `Society ${slug}`, shortName: slug.toUpperCase(), kind: 'national_society' }).returning();
  return org!;
}

export type CourseOverrides = Partial<typeof courses.$inferInsert>;

/** A published course open for registration on 2025-02-01 (Spokane time) unless overridden. */
export async function createCourse(db: Db, organizationId: string, overrides: CourseOverrides = {}) {
  const [course] = await db
    .insert(courses)
    .values({
      organizationId,
      slug: `course-${crypto.randomBytes(4).toString('hex')}`,
      kind: 'leadership_intensive',
      status: 'published',
      title: 'Balint Leadership Training Intensive',
      startsOn: '2025-04-23',
      endsOn: '2025-04-26',
      timeZone: 'America/Los_Angeles',
      city: 'Spokane',
      region: 'WA',
      capacity: 60,
      earlyPlaceLimit: 30,
      registrationOpensOn: '2025-01-01',
      registrationDeadline: '2025-03-12',
      cancellationDeadline: '2025-03-12',
      cancellationFeeMinor: 10000,
      attestations: [{ key: 'covid_vaccination', text: 'I will provide proof of vaccination.' }],
      customQuestions: [{ key: 'intensives_before', label: 'Intensives attended before?', type: 'choice', required: true, options: ['None', 'One', 'Two or more'] }],
      ...overrides,
    })
    .returning();
  await db.insert(coursePriceCategories).values(
    SEED_PRICES.map((p, position) => ({
      organizationId,
      courseId: course!.id,
      key: p.key,
      label: p.label,
      position,
      requiresMembership: p.requiresMembership,
      requiresTraineeStatus: p.requiresTraineeStatus,
    })),
  );
  await db.insert(coursePrices).values(
    SEED_PRICES.flatMap((p, position) => [
      { organizationId, courseId: course!.id, categoryKey: p.key, categoryLabel: p.label, position, tier: 'early' as const, amountMinor: p.early },
      { organizationId, courseId: course!.id, categoryKey: p.key, categoryLabel: p.label, position, tier: 'regular' as const, amountMinor: p.regular },
    ]),
  );
  return course!;
}

export function validAnswers(overrides: Partial<ApplicationAnswers> = {}): ApplicationAnswers {
  return {
    discipline: 'Family medicine',
    credentials: 'MD',
    institution: 'Clinic',
    clinicallyActive: true,
    willingToPresent: true,
    commitsToAttendAll: true,
    understandsNotTherapy: true,
    dietaryNeeds: '',
    accessibilityNeeds: '',
    heardAbout: '',
    trainingProgram: '',
    traineeAttested: false,
    attestations: { covid_vaccination: true },
    custom: { intensives_before: 'None' },
    ...overrides,
  };
}

/** An application input for `placeRegistration`, unique per call unless told otherwise. */
export function application(organizationId: string, courseId: string, overrides: Record<string, unknown> = {}) {
  const id = crypto.randomBytes(6).toString('hex');
  return {
    organizationId,
    courseId,
    submissionKey: `key-${id}`,
    name: `Applicant ${id}`,
    email: `applicant-${id}@example.org`,
    categoryKey: 'non_member',
    complimentaryMembershipRequested: false,
    answers: validAnswers(),
    ...overrides,
  };
}

/** Inside the 2025 Spokane registration window. */
export const DURING_REGISTRATION = new Date('2025-02-01T18:00:00Z');
