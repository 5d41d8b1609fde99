import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomFill } from './construct.ts';
import { evaluateAssignment, Partition } from './partition.ts';
import { createRng } from './rng.ts';
import { smallProblem } from './test-support.ts';

describe('incremental move evaluation', () => {
  it('equals a full recomputation after random insert and swap sequences', () => {
    fc.assert(
      fc.property(
        smallProblem(24, 6),
        fc.boolean(),
        fc.array(fc.tuple(fc.boolean(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 60 }),
        fc.integer(),
        (problem, withBonus, moves, seed) => {
          const { n, m } = problem;
          const rng = createRng(seed);
          const bonus = withBonus ? Float64Array.from({ length: n * m }, () => rng.int(20)) : undefined;
          const p = { ...problem, placementBonus: bonus };
          const part = new Partition(p);
          part.load(randomFill(p, rng), bonus);
          for (const [isSwap, a, b] of moves) {
            const i = a % n;
            if (isSwap) {
              const j = b % n;
              if (part.group[i] === part.group[j]) continue;
              const expected = part.objective + part.swapDelta(i, j);
              part.swap(i, j);
              expect(part.objective).toBeCloseTo(expected, 6);
            } else {
              const h = b % m;
              // Partition leaves size bounds to its caller; it only has room for max + 1.
              if (part.size[h]! >= problem.maxSize[h]!) continue;
              const expected = part.objective + part.insertDelta(i, h);
              part.move(i, h);
              expect(part.objective).toBeCloseTo(expected, 6);
            }
            expect(part.objective).toBeCloseTo(evaluateAssignment(p, part.group), 6);
          }
          // The whole contribution matrix, not only the objective, must match a rebuild.
          const fresh = new Partition(p);
          fresh.load(part.group, bonus);
          for (let k = 0; k < n * m; k++) expect(part.contrib[k]).toBeCloseTo(fresh.contrib[k]!, 6);
          for (let g = 0; g < m; g++) {
            const members = Array.from(part.members.subarray(g * part.stride, g * part.stride + part.size[g]!)).sort((x, y) => x - y);
            const expected = [...Array(n).keys()].filter((i) => part.group[i] === g);
            expect(members).toEqual(expected);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
