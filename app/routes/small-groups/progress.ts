// The optimizer's progress for the course, polled every second by the small-groups page: the
// latest run's status and best-so-far as the runner last wrote them.
import { services } from '#app/lib/guards.server.ts';
import { findLatestRun } from '#domain/small-groups/optimizer-runs.server.ts';
import { requireSmallGroupsCourse } from './access.server.ts';
import type { Route } from './+types/progress.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, course } = await requireSmallGroupsCourse(request, context, params);
  const run = await findLatestRun(services(context).db, org.id, course.id);
  return Response.json(
    run
      ? { id: run.id, status: run.status, elapsedMs: run.elapsedMs, timeLimitMs: run.timeLimitMs, iterations: run.iterations, bestScore: run.bestScore ?? null, stopRequested: run.stopRequested }
      : null,
    { headers: { 'Cache-Control': 'no-store' } },
  );
}
