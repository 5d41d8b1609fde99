// Shared by the grouping tests: random instances and an exhaustive reference solver.
import fc from 'fast-check';
import { evaluateAssignment } from './partition.ts';
import { emptyRules, type GroupingProblem, type HardRules } from './problem.ts';
import { findViolations } from './verify.ts';

export function problemFrom(n: number, m: number, sizes: Array<[number, number]>, values: number[], rules: HardRules = emptyRules()): GroupingProblem {
  const diversity = new Float64Array(n * n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = values[k++ % values.length]!;
      diversity[i * n + j] = v;
      diversity[j * n + i] = v;
    }
  }
  return {
    n,
    m,
    minSize: Int32Array.from(sizes, (s) => s[0]),
    maxSize: Int32Array.from(sizes, (s) => s[1]),
    diversity,
    rules,
  };
}

/** Size bounds that always admit n people: a partition of n, then slack around it. */
export const feasibleSizes = (n: number, m: number): fc.Arbitrary<Array<[number, number]>> =>
  fc
    .array(fc.nat(n), { minLength: m - 1, maxLength: m - 1 })
    .chain((cuts) => {
      const sorted = [0, ...cuts.sort((a, b) => a - b), n];
      const base = sorted.slice(1).map((c, g) => c - sorted[g]!);
      return fc.tuple(...base.map((b) => fc.tuple(fc.nat(Math.min(b, 2)), fc.nat(2)).map(([lo, hi]) => [b - lo, b + hi] as [number, number])));
    });

export const smallProblem = (maxN: number, maxM: number): fc.Arbitrary<GroupingProblem> =>
  fc
    .record({ n: fc.integer({ min: 2, max: maxN }), m: fc.integer({ min: 1, max: maxM }) })
    .chain(({ n, m }) =>
      fc.tuple(
        fc.constant(n),
        fc.constant(m),
        feasibleSizes(n, m),
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: (n * (n - 1)) / 2 + 1 }),
      ),
    )
    .map(([n, m, sizes, values]) => problemFrom(n, m, sizes, values));

/** Every assignment of m^n, for n·log m small enough: the best feasible value, or null. */
export function exhaustiveBest(problem: GroupingProblem): { objective: number; assignment: number[] } | null {
  const { n, m } = problem;
  const a = new Array<number>(n).fill(0);
  let best: { objective: number; assignment: number[] } | null = null;
  const total = m ** n;
  for (let code = 0; code < total; code++) {
    let c = code;
    for (let i = 0; i < n; i++) {
      a[i] = c % m;
      c = Math.floor(c / m);
    }
    if (findViolations(problem, a).length > 0) continue;
    const v = evaluateAssignment(problem, a);
    if (!best || v > best.objective) best = { objective: v, assignment: [...a] };
  }
  return best;
}
