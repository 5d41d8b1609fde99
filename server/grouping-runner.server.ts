// The small-group optimizer's runner: each run the director asks for is searched in a worker
// thread of this process (domain/grouping/solve-in-worker.ts), off the event loop that serves
// pages; its row in grouping_runs carries the best-so-far for any page to poll. At start, runs
// a dead process left 'running' (no write for 30 s) are marked failed.
import type { Db } from '#db/client.server.ts';
import { solveInWorker } from '#domain/grouping/solve-in-worker.ts';
import { executeOptimizerRun, failAbandonedRuns } from '#domain/small-groups/optimizer-runs.server.ts';
import type { Logger } from '#lib/log.server.ts';
import type { GroupingRunner } from '#lib/services.ts';

export async function createGroupingRunner(db: Db, log: Logger): Promise<GroupingRunner> {
  const failed = await failAbandonedRuns(db);
  if (failed > 0) log.warn({ failed }, 'optimizer runs left running by a stopped process marked failed');
  return {
    start(runId, mode) {
      void executeOptimizerRun(db, runId, mode, solveInWorker).then(
        (run) => log.info({ runId, status: run?.status, iterations: run?.iterations }, 'optimizer run ended'),
        (error: unknown) => log.error({ err: error, runId }, 'optimizer run failed'),
      );
    },
  };
}
