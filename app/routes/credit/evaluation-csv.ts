// /o/:org/admin/courses/:courseId/evaluation.csv — the evaluation's results as CSV (aggregates
// only; nothing while fewer than five answered).
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { evaluationResultsCsv, findEvaluationResults } from '#domain/evaluations/evaluation-results.server.ts';
import { requireCreditCourse } from './course.server.ts';
import type { Route } from './+types/evaluation-csv.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'certificates:manage');
  const { db } = services(context);
  const course = await requireCreditCourse(db, org.id, params.courseId);
  const csv = evaluationResultsCsv(await findEvaluationResults(db, course));
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="evaluation-${course.slug}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
