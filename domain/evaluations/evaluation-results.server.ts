// What staff and faculty see of a course's evaluation: how many completed it, and aggregates
// per question only once at least five answered (never an individual's answers).
import { and, count, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import type { courses } from '#db/schema/courses.ts';
import { evaluationCompletions, evaluationResponses } from '#db/schema/credit.ts';
import { registrations } from '#db/schema/registration.ts';
import { PARTICIPATING } from '#domain/credit/course-credit.server.ts';
import { getEvaluationQuestions } from './get-evaluation-form.server.ts';
import { aggregate, type QuestionResult } from './questions.ts';

type Course = Pick<typeof courses.$inferSelect, 'id' | 'organizationId' | 'goals' | 'endsOn' | 'timeZone'>;

export interface EvaluationResults {
  participants: number;
  completed: number;
  responses: number;
  shown: boolean;
  results: QuestionResult[];
}

export async function findEvaluationResults(db: DbOrTx, course: Course): Promise<EvaluationResults> {
  const { questions } = await getEvaluationQuestions(db, course);
  const responses = await db
    .select({ answers: evaluationResponses.answers })
    .from(evaluationResponses)
    .where(and(eq(evaluationResponses.courseId, course.id), eq(evaluationResponses.organizationId, course.organizationId)));
  const [participants] = await db
    .select({ n: count() })
    .from(registrations)
    .where(and(eq(registrations.courseId, course.id), eq(registrations.organizationId, course.organizationId), inArray(registrations.status, [...PARTICIPATING])));
  const [completed] = await db
    .select({ n: count() })
    .from(evaluationCompletions)
    .where(and(eq(evaluationCompletions.courseId, course.id), eq(evaluationCompletions.organizationId, course.organizationId)));
  const summary = aggregate(
    questions,
    responses.map((r) => r.answers),
  );
  return { participants: participants?.n ?? 0, completed: completed?.n ?? 0, ...summary };
}

/** The results as CSV: one row per question and answer value (scale) or per comment (text). */
export function evaluationResultsCsv(results: EvaluationResults): string {
  const quote = (v: string | number) => {
    const s = String(v);
    // Leading = + - @ would run as a formula in a spreadsheet.
    const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
    return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  const lines = [['question', 'kind', 'answered', 'mean', '1', '2', '3', '4', '5', 'comment'].join(',')];
  for (const r of results.results) {
    if (r.kind === 'scale') lines.push([quote(r.text), 'scale', r.answered, r.mean ?? '', ...r.distribution, ''].join(','));
    else for (const c of r.comments) lines.push([quote(r.text), 'text', r.answered, '', '', '', '', '', '', quote(c)].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
