// A course's evaluation questions: as staff saved them, or the defaults built from its goals.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import type { courses } from '#db/schema/courses.ts';
import { evaluationForms, type EvaluationQuestion } from '#db/schema/credit.ts';
import { localToday } from '#domain/registration/rules.ts';
import { defaultQuestions } from './questions.ts';

type Course = Pick<typeof courses.$inferSelect, 'id' | 'organizationId' | 'goals' | 'endsOn' | 'timeZone'>;

export async function getEvaluationQuestions(db: DbOrTx, course: Course): Promise<{ questions: EvaluationQuestion[]; saved: boolean; opensAt: Date | null }> {
  const [form] = await db
    .select()
    .from(evaluationForms)
    .where(and(eq(evaluationForms.courseId, course.id), eq(evaluationForms.organizationId, course.organizationId)));
  if (form) return { questions: form.questions, saved: true, opensAt: form.opensAt };
  return { questions: defaultQuestions(course.goals), saved: false, opensAt: null };
}

/** Open from the course's last day (in its zone) unless staff set another opening time. */
export function evaluationOpen(course: Course, opensAt: Date | null, now: Date = new Date()): boolean {
  if (opensAt) return now >= opensAt;
  return localToday(course.timeZone, now) >= course.endsOn;
}
