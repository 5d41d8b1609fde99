// "Copy this course" (issue 18): next year's draft from any course of the organization, with
// everything that describes it — price table and categories, early-place limit, questions,
// attestations, page sections, faculty, accreditation statements and credit policies, hotel
// block, payment and cancellation policies, financial-aid settings, the schedule and the
// evaluation's questions — and every date moved by the days between the two start dates
// (domain/courses/copy-plan.ts). Nothing about people is copied: no registrations, small
// groups, attendance, payments, certificates, discount codes (their uses count people) or the
// director's signature. One transaction: a refused copy leaves nothing behind.
import { courseMessageSettings } from '#db/schema/messages.ts';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '#db/client.server.ts';
import { courseSessions } from '#db/schema/course-running.ts';
import { coursePriceCategories, coursePrices, courseFaculty, courses } from '#db/schema/courses.ts';
import { courseCreditPolicies, evaluationForms } from '#db/schema/credit.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { planCourseCopy, shiftInstant, type CopyPlan } from './copy-plan.ts';
import { getStaffCourse, type Course } from './get-staff-course.server.ts';

export interface CopyCourseInput {
  organizationId: string;
  sourceCourseId: string;
  newStartsOn: string;
  title: string;
  slug: string;
}

export interface CopiedCounts {
  priceCategories: number;
  prices: number;
  faculty: number;
  sessions: number;
  creditPolicies: number;
  evaluationQuestions: number;
  attestations: number;
  questions: number;
  sections: number;
}

export interface CopyResult {
  course: Course;
  plan: CopyPlan;
  counts: CopiedCounts;
}

/** The plan's view of a course row. */
export function copyPlanOf(source: Course, newStartsOn: string): CopyPlan {
  return planCourseCopy({ ...source, tagline: source.tagline, hotel: source.hotel ?? null }, newStartsOn);
}

export async function copyCourse(db: Db, input: CopyCourseInput, actor: Actor): Promise<CopyResult> {
  return db.transaction(async (tx) => {
    const source = await getStaffCourse(tx, input.organizationId, input.sourceCourseId);
    const [clash] = await tx
      .select({ id: courses.id })
      .from(courses)
      .where(and(eq(courses.organizationId, input.organizationId), eq(courses.slug, input.slug)));
    if (clash) throw new DomainError('COURSE_SLUG_TAKEN', input.slug, { slug: 'COURSE_SLUG_TAKEN' });
    const plan = copyPlanOf(source, input.newStartsOn);
    const { id: _id, createdAt: _createdAt, ...described } = source;
    const [course] = await tx
      .insert(courses)
      .values({
        ...described,
        ...plan.dates,
        registrationDeadline: plan.dates.registrationDeadline!,
        startsOn: plan.dates.startsOn!,
        endsOn: plan.dates.endsOn!,
        hotel: plan.hotel,
        title: input.title,
        slug: input.slug,
        status: 'draft',
        copiedFromCourseId: source.id,
      })
      .returning();
    const copy = course!;

    const categories = await tx.select().from(coursePriceCategories).where(eq(coursePriceCategories.courseId, source.id)).orderBy(asc(coursePriceCategories.position));
    if (categories.length) await tx.insert(coursePriceCategories).values(categories.map(({ id: _, ...row }) => ({ ...row, courseId: copy.id })));
    const prices = await tx.select().from(coursePrices).where(eq(coursePrices.courseId, source.id));
    if (prices.length) await tx.insert(coursePrices).values(prices.map(({ id: _, ...row }) => ({ ...row, courseId: copy.id })));
    const faculty = await tx.select().from(courseFaculty).where(eq(courseFaculty.courseId, source.id)).orderBy(asc(courseFaculty.position));
    if (faculty.length) await tx.insert(courseFaculty).values(faculty.map(({ id: _, ...row }) => ({ ...row, courseId: copy.id })));
    const policies = await tx.select().from(courseCreditPolicies).where(eq(courseCreditPolicies.courseId, source.id));
    if (policies.length) await tx.insert(courseCreditPolicies).values(policies.map(({ id: _, ...row }) => ({ ...row, courseId: copy.id })));
    // Where replies to the course's messages go (the director's or the office's address).
    const [messageSettings] = await tx.select().from(courseMessageSettings).where(eq(courseMessageSettings.courseId, source.id));
    if (messageSettings) await tx.insert(courseMessageSettings).values({ courseId: copy.id, organizationId: copy.organizationId, replyTo: messageSettings.replyTo });

    // Sessions at the same local clock time on the shifted day; new calendar identities (a
    // calendar must never confuse next year's session with this year's).
    const sessions = await tx.select().from(courseSessions).where(eq(courseSessions.courseId, source.id)).orderBy(asc(courseSessions.startsAt));
    const sessionIds = new Map<string, string>();
    if (sessions.length) {
      const rows = sessions.map(({ id, createdAt: _c, updatedAt: _u, ...row }) => {
        const newId = randomUUID();
        sessionIds.set(id, newId);
        return {
          ...row,
          id: newId,
          courseId: copy.id,
          startsAt: shiftInstant(row.startsAt, plan.days, source.timeZone),
          endsAt: shiftInstant(row.endsAt, plan.days, source.timeZone),
          calendarUid: randomUUID(),
          sequence: 0,
        };
      });
      await tx.insert(courseSessions).values(rows);
    }

    const [form] = await tx.select().from(evaluationForms).where(eq(evaluationForms.courseId, source.id));
    if (form) {
      const questions = form.questions
        .filter((q) => !q.sessionId || sessionIds.has(q.sessionId))
        .map((q) => (q.sessionId ? { ...q, sessionId: sessionIds.get(q.sessionId)! } : q));
      await tx.insert(evaluationForms).values({
        courseId: copy.id,
        organizationId: copy.organizationId,
        questions,
        opensAt: form.opensAt ? shiftInstant(form.opensAt, plan.days, source.timeZone) : null,
      });
    }

    const counts: CopiedCounts = {
      priceCategories: categories.length,
      prices: prices.length,
      faculty: faculty.length,
      sessions: sessions.length,
      creditPolicies: policies.length,
      evaluationQuestions: form?.questions.length ?? 0,
      attestations: copy.attestations.length,
      questions: copy.customQuestions.length,
      sections: copy.sections.length,
    };
    await recordAudit(tx, actor, {
      organizationId: input.organizationId,
      action: 'course.copied',
      entityType: 'course',
      entityId: copy.id,
      after: { from: source.id, days: plan.days, counts },
    });
    return { course: copy, plan, counts };
  });
}

/** What a copy holds, for its summary page: recounted from the rows, so it stays true after edits. */
export async function copiedCounts(db: Db, course: Course): Promise<CopiedCounts> {
  const count = async (table: PgTable, courseId: PgColumn) => (await db.select({ n: sql<number>`count(*)::int` }).from(table).where(eq(courseId, course.id)))[0]?.n ?? 0;
  const [form] = await db.select({ questions: evaluationForms.questions }).from(evaluationForms).where(eq(evaluationForms.courseId, course.id));
  return {
    priceCategories: await count(coursePriceCategories, coursePriceCategories.courseId),
    prices: await count(coursePrices, coursePrices.courseId),
    faculty: await count(courseFaculty, courseFaculty.courseId),
    sessions: await count(courseSessions, courseSessions.courseId),
    creditPolicies: await count(courseCreditPolicies, courseCreditPolicies.courseId),
    evaluationQuestions: form?.questions.length ?? 0,
    attestations: course.attestations.length,
    questions: course.customQuestions.length,
    sections: course.sections.length,
  };
}
