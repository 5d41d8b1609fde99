// Staff edit the evaluation's questions, or copy them from a previous course of the organization.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { evaluationForms, type EvaluationQuestion } from '#db/schema/credit.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { lockCourse } from '#domain/courses/lock-course.server.ts';
import { keyFrom, postedRowCount } from '#domain/courses/course-schema.ts';
import { EVALUATION_MAX_QUESTIONS } from './questions.ts';
import { DomainError } from '#domain/errors.ts';
import { getEvaluationQuestions } from './get-evaluation-form.server.ts';

export interface QuestionRowInput {
  key: string;
  kind: 'scale' | 'text';
  text: string;
  required: boolean;
}

export type QuestionRowsResult = { ok: true; questions: EvaluationQuestion[] } | { ok: false; errors: Record<string, string> };

/** Reads posted rows `rows.N.text|kind|required|key`; empty rows are dropped; keys are kept stable. */
export function readQuestionRows(values: Record<string, string | undefined>, messages: { required: string; tooLong: string; none: string }): QuestionRowsResult {
  const count = postedRowCount(values.rowCount, EVALUATION_MAX_QUESTIONS);
  const errors: Record<string, string> = {};
  const questions: EvaluationQuestion[] = [];
  const taken = new Set<string>();
  for (let i = 0; i < count; i++) {
    const text = (values[`rows.${i}.text`] ?? '').trim();
    const kind = values[`rows.${i}.kind`] === 'text' ? 'text' : 'scale';
    if (!text) continue;
    if (text.length > 500) {
      errors[`rows.${i}.text`] = messages.tooLong;
      continue;
    }
    const posted = (values[`rows.${i}.key`] ?? '').trim();
    const key = /^[a-z0-9_]{1,40}$/.test(posted) && !taken.has(posted) ? posted : keyFrom(text, taken);
    taken.add(key);
    questions.push({ key, kind, text, required: values[`rows.${i}.required`] === 'on' });
  }
  if (questions.length === 0 && Object.keys(errors).length === 0) errors['rows.0.text'] = messages.none;
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, questions };
}

export async function saveEvaluationQuestions(db: DbOrTx, actor: Actor, input: { organizationId: string; courseId: string; questions: EvaluationQuestion[] }) {
  return db.transaction(async (tx) => {
    const course = await lockCourse(tx, input.organizationId, input.courseId);
    const before = await getEvaluationQuestions(tx, course);
    await tx
      .insert(evaluationForms)
      .values({ courseId: course.id, organizationId: course.organizationId, questions: input.questions })
      .onConflictDoUpdate({ target: evaluationForms.courseId, set: { questions: input.questions, updatedAt: new Date() } });
    await recordAudit(tx, actor, {
      organizationId: course.organizationId,
      action: 'evaluation.questions_saved',
      entityType: 'course',
      entityId: course.id,
      before: before.questions.map((q) => q.text),
      after: input.questions.map((q) => q.text),
    });
  });
}

/** Copies another course's questions (same organization) onto this one. */
export async function copyEvaluationQuestions(db: DbOrTx, actor: Actor, input: { organizationId: string; courseId: string; fromCourseId: string }) {
  const [from] = await db
    .select()
    .from(evaluationForms)
    .where(and(eq(evaluationForms.courseId, input.fromCourseId), eq(evaluationForms.organizationId, input.organizationId)));
  if (!from) throw new DomainError('COURSE_NOT_FOUND', input.fromCourseId);
  await saveEvaluationQuestions(db, actor, { organizationId: input.organizationId, courseId: input.courseId, questions: from.questions });
}
