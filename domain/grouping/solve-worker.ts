// Worker-thread entry: runs the synchronous solver off the web server's event loop.
// Cancellation arrives through a shared flag, because a busy worker never reads messages.
import { parentPort, workerData } from 'node:worker_threads';
import type { GroupingProblem } from './problem.ts';
import { solve, type SolveOptions } from './solve.ts';

type Job = { problem: GroupingProblem; options: Omit<SolveOptions, 'onProgress' | 'shouldStop'>; stopFlag: SharedArrayBuffer };

const job = workerData as Job;
const stop = new Int32Array(job.stopFlag);
try {
  const result = solve(job.problem, {
    ...job.options,
    shouldStop: () => Atomics.load(stop, 0) === 1,
    onProgress: (event) => parentPort!.postMessage({ type: 'progress', event }),
  });
  parentPort!.postMessage({ type: 'result', result });
} catch (error) {
  parentPort!.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
