// What the participant's evaluation page needs: their own registration (any status, so that
// the page can say why there is nothing to answer), its course, whether the evaluation is
// open, and whether they already completed it. Someone else's registration is not found.
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { courses } from '#db/schema/courses.ts';
import { certificates, evaluationCompletions, evaluationForms } from '#db/schema/credit.ts';
import { registrations } from '#db/schema/registration.ts';
import { PARTICIPATING } from '#domain/credit/course-credit.server.ts';
import { isUuid } from '#lib/ids.ts';
import { evaluationOpen, getEvaluationQuestions } from './get-evaluation-form.server.ts';

export async function findEvaluationPage(db: DbOrTx, where: { organizationId: string; registrationId: string; userId: string; now?: Date }) {
  if (!isUuid(where.registrationId)) return undefined;
  const [row] = await db
    .select({ registration: registrations, course: courses })
    .from(registrations)
    .innerJoin(courses, eq(courses.id, registrations.courseId))
    .where(and(eq(registrations.id, where.registrationId), eq(registrations.organizationId, where.organizationId), eq(registrations.userId, where.userId)));
  if (!row) return undefined;
  const participating = (PARTICIPATING as readonly string[]).includes(row.registration.status);
  const form = await getEvaluationQuestions(db, row.course);
  const [done] = await db.select({ on: evaluationCompletions.completedOn }).from(evaluationCompletions).where(eq(evaluationCompletions.registrationId, row.registration.id));
  return {
    registrationId: row.registration.id,
    course: row.course,
    participating,
    open: participating && evaluationOpen(row.course, form.opensAt, where.now),
    completedOn: done?.on ?? null,
    questions: form.questions,
  };
}

/** The organization's other courses whose evaluation questions were saved: where to copy from. */
export async function findEvaluationSources(db: DbOrTx, where: { organizationId: string; courseId: string }) {
  const rows = await db
    .select({ id: courses.id, title: courses.title, startsOn: courses.startsOn })
    .from(evaluationForms)
    .innerJoin(courses, eq(courses.id, evaluationForms.courseId))
    .where(eq(evaluationForms.organizationId, where.organizationId));
  return rows.filter((r) => r.id !== where.courseId).sort((a, b) => b.startsOn.localeCompare(a.startsOn));
}

/** Whether the person holds any valid certificate of the course (said after the evaluation). */
export async function holdsCertificate(db: DbOrTx, where: { organizationId: string; registrationId: string }) {
  const [row] = await db
    .select({ id: certificates.id })
    .from(certificates)
    .where(and(eq(certificates.registrationId, where.registrationId), eq(certificates.organizationId, where.organizationId), eq(certificates.status, 'valid')))
    .limit(1);
  return row !== undefined;
}

/** The person's registrations in the organization whose evaluation is open and not yet completed. */
export async function findOpenEvaluations(db: DbOrTx, where: { organizationId: string; userId: string; now?: Date }): Promise<string[]> {
  const rows = await db
    .select({ registration: registrations, course: courses, done: evaluationCompletions.registrationId })
    .from(registrations)
    .innerJoin(courses, eq(courses.id, registrations.courseId))
    .leftJoin(evaluationCompletions, eq(evaluationCompletions.registrationId, registrations.id))
    .where(and(eq(registrations.organizationId, where.organizationId), eq(registrations.userId, where.userId), inArray(registrations.status, [...PARTICIPATING])));
  const open: string[] = [];
  for (const r of rows) {
    if (r.done) continue;
    const form = await getEvaluationQuestions(db, r.course);
    if (evaluationOpen(r.course, form.opensAt, where.now)) open.push(r.registration.id);
  }
  return open;
}
