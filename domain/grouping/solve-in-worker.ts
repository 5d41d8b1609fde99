import { Worker } from 'node:worker_threads';
import type { GroupingProblem } from './problem.ts';
import type { GroupingResult, ProgressEvent, SolveOptions } from './solve.ts';

export type WorkerSolveOptions = Omit<SolveOptions, 'onProgress' | 'shouldStop'> & {
  onProgress?: (event: ProgressEvent) => void;
  /** Aborting stops the search; the promise still resolves with the best assignment so far. */
  signal?: AbortSignal;
};

export function solveInWorker(problem: GroupingProblem, options: WorkerSolveOptions): Promise<GroupingResult> {
  const { onProgress, signal, ...solveOptions } = options;
  const stopFlag = new SharedArrayBuffer(4);
  const stop = new Int32Array(stopFlag);
  const worker = new Worker(new URL('./solve-worker.ts', import.meta.url), {
    workerData: { problem, options: solveOptions, stopFlag },
  });
  const onAbort = (): void => {
    Atomics.store(stop, 0, 1);
  };
  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort, { once: true });
  return new Promise<GroupingResult>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    worker.on('message', (msg: { type: 'progress'; event: ProgressEvent } | { type: 'result'; result: GroupingResult } | { type: 'error'; message: string }) => {
      if (msg.type === 'progress') onProgress?.(msg.event);
      else if (msg.type === 'result') finish(() => resolve(msg.result));
      else finish(() => reject(new Error(msg.message)));
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) => finish(() => reject(new Error(`grouping worker exited with code ${code} before answering`))));
  });
}
