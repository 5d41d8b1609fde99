import { describe, expect, it } from 'vitest';
import { solveInWorker } from './solve-in-worker.ts';
import { problemFrom } from './test-support.ts';

const problem = problemFrom(60, 5, Array.from({ length: 5 }, () => [12, 12] as [number, number]), Array.from({ length: 101 }, (_, k) => (k * 37) % 53));

describe('solveInWorker', () => {
  it('solves in a worker thread and streams progress', async () => {
    const events: number[] = [];
    const result = await solveInWorker(problem, { seed: 1, timeLimitMs: 600, progressIntervalMs: 100, onProgress: (e) => events.push(e.elapsedMs) });
    expect(result.status).toBe('feasible');
    expect(events.length).toBeGreaterThanOrEqual(3);
  });

  it('stops when cancelled and still returns the best assignment so far', async () => {
    const controller = new AbortController();
    const pending = solveInWorker(problem, { seed: 1, timeLimitMs: 60_000, signal: controller.signal, onProgress: () => controller.abort() });
    const result = await pending;
    expect(result).toMatchObject({ status: 'feasible', stopReason: 'cancelled' });
  });
});
