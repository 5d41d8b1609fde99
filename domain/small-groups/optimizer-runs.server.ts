// Optimizer runs: the director asks for one, the app process runs it in a worker thread
// (domain/grouping/solve-in-worker.ts), and the run's row carries its best-so-far — score,
// assignment, iterations, elapsed — written at least every second, so any page (and a second
// staff member) sees progress by polling. At most one running run per course (a partial
// unique index). "Stop" sets stop_requested; the runner sees it within a second, aborts the
// search and keeps its best. A run whose row has not moved for 30 s belonged to a process that
// died: it is marked failed when the app starts or when a new run is asked for.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '#db/client.server.ts';
import { pgCode } from '#db/transaction.server.ts';
import { groupingRuns } from '#db/schema/course-running.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { evaluateAssignment } from '#domain/grouping/partition.ts';
import { withStayingBonus } from '#domain/grouping/reoptimize.ts';
import type { GroupingProblem } from '#domain/grouping/problem.ts';
import type { GroupingResult, ProgressEvent, SolveOptions } from '#domain/grouping/solve.ts';
import { t } from '#lib/i18n.ts';
import { courseProblem, currentAssignment, loadCourseGroups } from './course-groups.server.ts';
import { MAX_TIME_LIMIT_MS, STALE_RUN_MS } from './limits.ts';
import { lockPlan } from './plan-version.server.ts';

export type RunMode = 'fresh' | 'reoptimize';

export { DEFAULT_TIME_LIMIT_MS, MAX_TIME_LIMIT_MS, STALE_RUN_MS } from './limits.ts';

/** How a run's search is executed: `solveInWorker` in the app, the same signature in tests. */
export type GroupingSolver = (
  problem: GroupingProblem,
  options: Omit<SolveOptions, 'onProgress' | 'shouldStop'> & { onProgress?: (event: ProgressEvent) => void; signal?: AbortSignal },
) => Promise<GroupingResult>;

export type GroupingRun = typeof groupingRuns.$inferSelect;

/** Running runs whose best-so-far has not been written for 30 s: their process is gone. */
export async function failAbandonedRuns(db: DbOrTx, courseId?: string): Promise<number> {
  const rows = await db
    .update(groupingRuns)
    .set({ status: 'failed', finishedAt: new Date(), message: t('smallGroups.runAbandoned') })
    .where(
      and(
        eq(groupingRuns.status, 'running'),
        courseId ? eq(groupingRuns.courseId, courseId) : undefined,
        sql`${groupingRuns.startedAt} + make_interval(secs => ${groupingRuns.elapsedMs} / 1000.0) < now() - make_interval(secs => ${STALE_RUN_MS / 1000})`,
      ),
    )
    .returning({ id: groupingRuns.id });
  return rows.length;
}

export async function requestOptimizerRun(
  db: Db,
  input: { organizationId: string; courseId: string; timeLimitMs: number; mode: RunMode },
  actor: Actor,
): Promise<GroupingRun> {
  try {
    return await db.transaction(async (tx) => {
      await lockPlan(tx, input.organizationId, input.courseId, undefined);
      await failAbandonedRuns(tx, input.courseId);
      const state = await loadCourseGroups(tx, input.organizationId, input.courseId);
      if (state.groups.length === 0) throw new DomainError('SMALL_GROUPS_NO_GROUPS');
      if (state.participants.length === 0) throw new DomainError('SMALL_GROUPS_NO_PARTICIPANTS');
      const [running] = await tx
        .select({ id: groupingRuns.id })
        .from(groupingRuns)
        .where(and(eq(groupingRuns.courseId, input.courseId), eq(groupingRuns.status, 'running')));
      if (running) throw new DomainError('SMALL_GROUPS_RUN_IN_PROGRESS', running.id);
      const timeLimitMs = Math.min(MAX_TIME_LIMIT_MS, Math.max(1000, Math.round(input.timeLimitMs)));
      const [run] = await tx
        .insert(groupingRuns)
        .values({ organizationId: input.organizationId, courseId: input.courseId, startedBy: actor.userId, timeLimitMs })
        .returning();
      await recordAudit(tx, actor, {
        organizationId: input.organizationId,
        action: 'small_groups.run_started',
        entityType: 'grouping_run',
        entityId: run!.id,
        after: { courseId: input.courseId, mode: input.mode, timeLimitMs, participants: state.participants.length, groups: state.groups.length },
      });
      return run!;
    });
  } catch (error) {
    if (pgCode(error) === '23505') throw new DomainError('SMALL_GROUPS_RUN_IN_PROGRESS');
    throw error;
  }
}

export async function requestRunStop(db: Db, input: { organizationId: string; courseId: string; runId: string }, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const rows = await tx
      .update(groupingRuns)
      .set({ stopRequested: true })
      .where(and(eq(groupingRuns.id, input.runId), eq(groupingRuns.courseId, input.courseId), eq(groupingRuns.organizationId, input.organizationId), eq(groupingRuns.status, 'running')))
      .returning({ id: groupingRuns.id });
    if (!rows.length) throw new DomainError('SMALL_GROUPS_RUN_NOT_FOUND', input.runId);
    await recordAudit(tx, actor, { organizationId: input.organizationId, action: 'small_groups.run_stop_requested', entityType: 'grouping_run', entityId: input.runId });
  });
}

export async function findLatestRun(db: DbOrTx, organizationId: string, courseId: string): Promise<GroupingRun | null> {
  const [run] = await db
    .select()
    .from(groupingRuns)
    .where(and(eq(groupingRuns.courseId, courseId), eq(groupingRuns.organizationId, organizationId)))
    .orderBy(desc(groupingRuns.startedAt))
    .limit(1);
  return run ?? null;
}

/**
 * Runs a recorded run to its end with `solver`, writing its best-so-far at least every
 * `heartbeatMs` and stopping when stop_requested is set. Never throws: a failure is recorded
 * on the run.
 */
export async function executeOptimizerRun(db: Db, runId: string, mode: RunMode, solver: GroupingSolver, options: { heartbeatMs?: number; seed?: number } = {}): Promise<GroupingRun | null> {
  const heartbeatMs = options.heartbeatMs ?? 1000;
  const [run] = await db.select().from(groupingRuns).where(eq(groupingRuns.id, runId));
  if (!run || run.status !== 'running') return run ?? null;
  const started = performance.now();
  const best: { iterations: number; score: number | null; assignment: Record<string, string> | null } = { iterations: 0, score: null, assignment: null };
  const controller = new AbortController();
  let writing: Promise<void> = Promise.resolve();
  const heartbeat = async () => {
    const [row] = await db
      .update(groupingRuns)
      .set({ elapsedMs: Math.round(performance.now() - started), iterations: best.iterations, bestScore: best.score, bestAssignment: best.assignment })
      .where(and(eq(groupingRuns.id, runId), eq(groupingRuns.status, 'running')))
      .returning({ stopRequested: groupingRuns.stopRequested });
    if (!row || row.stopRequested) controller.abort();
  };
  const timer = setInterval(() => {
    writing = writing.then(heartbeat).catch(() => undefined);
  }, heartbeatMs);
  try {
    const state = await loadCourseGroups(db, run.organizationId, run.courseId);
    const { problem } = courseProblem(state);
    const toIds = (assignment: ArrayLike<number>): Record<string, string> =>
      Object.fromEntries(state.participants.map((p, i) => [p.registrationId, state.groups[assignment[i]!]!.id]));
    let searched = problem;
    let initial: Int32Array | undefined;
    if (mode === 'reoptimize') {
      // Everyone gains a bonus for staying where they are: a move must be worth a pair of
      // differences in the mix (the largest weight) before the search takes it.
      const weights = state.plan.weights;
      const moveGain = Math.max(1, weights.profession, weights.experience, weights.region, weights.gender);
      ({ problem: searched, initial } = withStayingBonus(problem, currentAssignment(state), moveGain));
    }
    const result = await solver(searched, {
      seed: options.seed ?? (Date.now() % 100_000) + 1,
      timeLimitMs: run.timeLimitMs,
      progressIntervalMs: Math.min(500, heartbeatMs),
      progressAssignment: true,
      ...(initial && { initial }),
      signal: controller.signal,
      onProgress: (event) => {
        best.iterations = event.iterations;
        if (event.assignment) {
          best.score = evaluateAssignment(problem, event.assignment);
          best.assignment = toIds(event.assignment);
        }
      },
    });
    clearInterval(timer);
    await writing;
    const elapsedMs = Math.round(performance.now() - started);
    if (result.status === 'feasible') {
      const [row] = await db
        .update(groupingRuns)
        .set({
          status: result.stopReason === 'cancelled' ? 'stopped' : 'finished',
          finishedAt: new Date(),
          elapsedMs,
          iterations: result.iterations,
          bestScore: evaluateAssignment(problem, result.assignment),
          bestAssignment: toIds(result.assignment),
          message: result.relaxations.join('; ') || null,
        })
        .where(and(eq(groupingRuns.id, runId), eq(groupingRuns.status, 'running')))
        .returning();
      return row ?? null;
    }
    const [row] = await db
      .update(groupingRuns)
      .set({ status: 'infeasible', finishedAt: new Date(), elapsedMs, message: result.conflicts.map((c) => c.message).join('\n') })
      .where(and(eq(groupingRuns.id, runId), eq(groupingRuns.status, 'running')))
      .returning();
    return row ?? null;
  } catch (error) {
    clearInterval(timer);
    await writing;
    const [row] = await db
      .update(groupingRuns)
      .set({ status: 'failed', finishedAt: new Date(), elapsedMs: Math.round(performance.now() - started), message: error instanceof Error ? error.message.slice(0, 500) : String(error) })
      .where(and(eq(groupingRuns.id, runId), eq(groupingRuns.status, 'running')))
      .returning();
    return row ?? null;
  }
}
