import { describe, expect, it } from 'vitest';
import { solve } from './solve.ts';
import { problemFrom } from './test-support.ts';

// Pseudo-random but fixed distances; sizes that differ, so inserts are in play too.
function instance(n: number, m: number) {
  const values = Array.from({ length: 997 }, (_, k) => (k * 7919) % 101);
  const base = Math.floor(n / m);
  return problemFrom(n, m, Array.from({ length: m }, () => [base - 1, base + 2] as [number, number]), values);
}

describe('determinism', () => {
  it('gives the same answer for the same input, seed and iteration budget', () => {
    const problem = instance(40, 4);
    const a = solve(problem, { seed: 7, maxIterations: 150 });
    const b = solve(problem, { seed: 7, maxIterations: 150 });
    expect(a.status).toBe('feasible');
    if (a.status !== 'feasible' || b.status !== 'feasible') return;
    expect(b.assignment).toEqual(a.assignment);
    expect(b.objective).toBe(a.objective);
    expect(b.iterations).toBe(a.iterations);
  });

  it('is deterministic with hard rules too', () => {
    const problem = {
      ...instance(30, 3),
      rules: {
        apart: [{ id: 'apart:inst', people: [0, 1, 2], reason: 'same institution' }],
        pins: [{ id: 'pin:leader', person: 5, group: 2, reason: 'faculty leader' }],
        kinds: [{ id: 'kind:co', name: 'co-leader candidates', members: [6, 7, 8, 9], maxPerGroup: 2, minPerGroup: 1 }],
      },
    };
    const a = solve(problem, { seed: 3, maxIterations: 80 });
    const b = solve(problem, { seed: 3, maxIterations: 80 });
    expect(a).toMatchObject({ status: 'feasible' });
    if (a.status !== 'feasible' || b.status !== 'feasible') return;
    expect(b.assignment).toEqual(a.assignment);
  });

  it('reports progress with the best objective, never decreasing', () => {
    const events: number[] = [];
    solve(instance(60, 5), { seed: 1, maxIterations: 100, progressIntervalMs: 0, onProgress: (e) => events.push(e.bestObjective) });
    expect(events.length).toBeGreaterThan(10);
    for (let k = 1; k < events.length; k++) expect(events[k]).toBeGreaterThanOrEqual(events[k - 1]!);
  });
});
