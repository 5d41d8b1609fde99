import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMdgplib } from './mdgplib.ts';
import { solve } from './solve.ts';
import { exhaustiveBest, smallProblem } from './test-support.ts';

// The n ≤ 12 instances and their proven optima ship with the tests (fixtures/mdgplib-small).
const smallDir = resolve(import.meta.dirname, 'fixtures/mdgplib-small');

describe('small instances against exhaustive search', () => {
  it('reaches the optimum of random instances small enough to enumerate', () => {
    fc.assert(
      fc.property(smallProblem(9, 3), fc.integer(), (problem, seed) => {
        const optimum = exhaustiveBest(problem);
        expect(optimum).not.toBeNull();
        const result = solve(problem, { seed, maxIterations: 200 });
        expect(result.status).toBe('feasible');
        if (result.status !== 'feasible') return;
        expect(result.objective).toBeCloseTo(optimum!.objective, 6);
      }),
      { numRuns: 60 },
    );
  });

  // n = 10 and 12: bkv.csv holds the proven optima (exhaustive enumeration).
  it('reaches the proven optima of the MDGPLIB n ≤ 12 instances', () => {
    const rows = readFileSync(join(smallDir, 'optima.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const small = rows.filter((r) => Number(r[1]) <= 12);
    expect(small).toHaveLength(4);
    for (const [name, , , bkv] of small) {
      const problem = parseMdgplib(readFileSync(join(smallDir, `${name}.txt`), 'utf8'));
      for (const seed of [1, 2, 3]) {
        const result = solve(problem, { seed, maxIterations: 300 });
        expect(result.status).toBe('feasible');
        if (result.status === 'feasible') expect(result.objective, `${name} seed ${seed}`).toBeCloseTo(Number(bkv), 3);
      }
    }
  });
});
