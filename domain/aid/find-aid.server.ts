// Reading the program without opening anything sealed: totals for the committee's overview
// and the directors' report, the committee's list of a course's applications (names, amounts,
// scores — no content), and an applicant's own status (no scores).
import { and, asc, avg, count, desc, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { aidApplications, aidReviews } from '#db/schema/aid.ts';
import { courses } from '#db/schema/courses.ts';
import { registrations } from '#db/schema/registration.ts';
import { DomainError } from '#domain/errors.ts';
import { registrationAccount } from '#domain/money/read-account.server.ts';
import { localToday } from '#domain/registration/rules.ts';
import { mayApplyWith, programOpenOn, programRuns } from './program.ts';

export interface AidProgramTotals {
  courseId: string;
  title: string;
  startsOn: string;
  currency: string;
  deadline: string | null;
  maxAwards: number;
  maxMinor: number;
  applications: number;
  pending: number;
  awards: number;
  awardedMinor: number;
  /** Awards still available, and the money they could at most amount to. */
  remainingAwards: number;
  remainingBudgetMinor: number;
}

/** Every course with a program, newest first, with counts and sums (no names, no content). */
export async function findAidPrograms(db: DbOrTx, organizationId: string): Promise<AidProgramTotals[]> {
  const rows = await db
    .select({
      courseId: courses.id,
      title: courses.title,
      startsOn: courses.startsOn,
      currency: courses.currency,
      deadline: courses.financialAidDeadline,
      maxAwards: courses.financialAidAwards,
      maxMinor: courses.financialAidMaxMinor,
      applications: sql<number>`count(${aidApplications.id})::int`,
      pending: sql<number>`count(${aidApplications.id}) filter (where ${aidApplications.status} = 'submitted')::int`,
      awards: sql<number>`count(${aidApplications.id}) filter (where ${aidApplications.status} = 'awarded')::int`,
      awardedMinor: sql<number>`coalesce(sum(${aidApplications.awardedMinor}) filter (where ${aidApplications.status} = 'awarded'), 0)::int`,
    })
    .from(courses)
    .leftJoin(aidApplications, eq(aidApplications.courseId, courses.id))
    .where(and(eq(courses.organizationId, organizationId), gt(courses.financialAidAwards, 0)))
    .groupBy(courses.id)
    .orderBy(desc(courses.startsOn));
  return rows.map((r) => {
    const maxAwards = r.maxAwards ?? 0;
    const maxMinor = r.maxMinor ?? 0;
    const remainingAwards = Math.max(0, maxAwards - r.awards);
    return { ...r, maxAwards, maxMinor, remainingAwards, remainingBudgetMinor: Math.max(0, maxAwards * maxMinor - r.awardedMinor) };
  });
}

/** A course of the organization with its program settings, or COURSE_NOT_FOUND. */
export async function getAidCourse(db: DbOrTx, organizationId: string, courseId: string) {
  const [course] = await db
    .select()
    .from(courses)
    .where(and(eq(courses.id, courseId), eq(courses.organizationId, organizationId)));
  if (!course) throw new DomainError('COURSE_NOT_FOUND', courseId);
  return course;
}

/** The committee's list for one course: who asked for how much, the average score, the status. */
export async function findCourseAidApplications(db: DbOrTx, organizationId: string, courseId: string, viewerUserId: string) {
  const scores = db
    .select({
      applicationId: aidReviews.applicationId,
      average: avg(aidReviews.score).as('average'),
      reviews: count().as('reviews'),
      mine: sql<number>`count(*) filter (where ${aidReviews.reviewerUserId} = ${viewerUserId})`.as('mine'),
    })
    .from(aidReviews)
    .groupBy(aidReviews.applicationId)
    .as('scores');
  const rows = await db
    .select({
      id: aidApplications.id,
      name: registrations.name,
      registrationStatus: registrations.status,
      requestedMinor: aidApplications.requestedMinor,
      awardedMinor: aidApplications.awardedMinor,
      currency: aidApplications.currency,
      status: aidApplications.status,
      submittedAt: aidApplications.submittedAt,
      average: scores.average,
      reviews: scores.reviews,
      mine: scores.mine,
    })
    .from(aidApplications)
    .innerJoin(registrations, eq(registrations.id, aidApplications.registrationId))
    .leftJoin(scores, eq(scores.applicationId, aidApplications.id))
    .where(and(eq(aidApplications.organizationId, organizationId), eq(aidApplications.courseId, courseId)))
    .orderBy(asc(aidApplications.submittedAt));
  return rows.map((r) => ({
    ...r,
    averageScore: r.average === null ? null : Math.round(Number(r.average) * 10) / 10,
    reviews: Number(r.reviews ?? 0),
    reviewedByMe: Number(r.mine ?? 0) > 0,
  }));
}

/**
 * What the applicant's aid page shows for their own registration: the program, whether they
 * may apply today, and their application's status (never the committee's scores or comments).
 */
export async function getMyAid(db: DbOrTx, input: { organizationId: string; registrationId: string; userId: string }, now = new Date()) {
  const [found] = await db
    .select({ registration: registrations, course: courses })
    .from(registrations)
    .innerJoin(courses, eq(courses.id, registrations.courseId))
    .where(and(eq(registrations.id, input.registrationId), eq(registrations.organizationId, input.organizationId), eq(registrations.userId, input.userId)));
  if (!found) throw new DomainError('REGISTRATION_NOT_FOUND', input.registrationId);
  const { registration, course } = found;
  const [application] = await db
    .select({
      status: aidApplications.status,
      requestedMinor: aidApplications.requestedMinor,
      awardedMinor: aidApplications.awardedMinor,
      currency: aidApplications.currency,
      submittedAt: aidApplications.submittedAt,
    })
    .from(aidApplications)
    .where(eq(aidApplications.registrationId, registration.id));
  const today = localToday(course.timeZone, now);
  return {
    registration: { id: registration.id, status: registration.status, name: registration.name },
    course: {
      title: course.title,
      slug: course.slug,
      currency: course.currency,
      deadline: course.financialAidDeadline,
      maxAwards: course.financialAidAwards ?? 0,
      maxMinor: course.financialAidMaxMinor ?? 0,
      statement: course.financialAidStatement,
    },
    runs: programRuns(course),
    open: programOpenOn(course, today),
    eligible: mayApplyWith(registration.status),
    application: application ?? null,
  };
}

/** Every course of the organization, newest first: where staff set up a program. */
export async function findCoursesForAidSettings(db: DbOrTx, organizationId: string) {
  return db.select({ id: courses.id, title: courses.title, startsOn: courses.startsOn }).from(courses).where(eq(courses.organizationId, organizationId)).orderBy(desc(courses.startsOn));
}

/** The limits an award of this application is checked against, for messages (no content). */
export async function getAidLimits(db: DbOrTx, organizationId: string, applicationId: string) {
  const [row] = await db
    .select({ registrationId: aidApplications.registrationId, currency: aidApplications.currency, maxMinor: courses.financialAidMaxMinor })
    .from(aidApplications)
    .innerJoin(courses, eq(courses.id, aidApplications.courseId))
    .where(and(eq(aidApplications.id, applicationId), eq(aidApplications.organizationId, organizationId)));
  if (!row) throw new DomainError('AID_APPLICATION_NOT_FOUND', applicationId);
  const account = await registrationAccount(db, row.registrationId);
  return { currency: row.currency, maxMinor: row.maxMinor ?? 0, dueMinor: account.dueMinor };
}
