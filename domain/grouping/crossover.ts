import type { GroupingProblem } from './problem.ts';
import type { CompiledRules } from './rules.ts';
import type { Solution } from './solution.ts';
import { shuffle, type Rng } from './rng.ts';

// Group-preserving crossover: the child inherits whole small groups, alternately from each
// parent, each time the group whose still-unplaced members are most diverse together. Good
// groups survive intact, which a person-by-person crossover would tear apart. Leftover people
// are placed greedily; the result then goes to local search. Returns null when the hard rules
// cannot be restored (the caller then mutates a parent instead).
export function groupCrossover(
  problem: GroupingProblem,
  rules: CompiledRules | null,
  a: Solution,
  b: Solution,
  rng: Rng,
): Int32Array | null {
  const { n, m, diversity: d, minSize, maxSize } = problem;
  const child = new Int32Array(n).fill(-1);
  const size = new Int32Array(m);
  const labelUsed = new Uint8Array(m);
  const K = rules?.kindCount ?? 0;
  const count = new Int32Array(m * K);
  // aff[i*m+g]: Σ d_ij over j already placed in g; drives the greedy completion.
  const aff = new Float64Array(n * m);
  const place = (i: number, g: number): void => {
    child[i] = g;
    size[g]!++;
    if (rules) for (const k of rules.kindsOf[i]!) count[g * K + k]!++;
    const row = i * n;
    for (let k = 0; k < n; k++) aff[k * m + g]! += d[row + k]!;
  };
  const fits = (i: number, g: number): boolean => {
    if (size[g]! >= maxSize[g]!) return false;
    if (!rules) return true;
    if (rules.pinnedGroup[i]! >= 0 && rules.pinnedGroup[i] !== g) return false;
    if (rules.apart) for (const q of rules.partners[i]!) if (child[q] === g) return false;
    for (const k of rules.kindsOf[i]!) if (count[g * K + k]! >= rules.kindMax[k]!) return false;
    return true;
  };
  if (rules) for (let i = 0; i < n; i++) if (rules.pinnedGroup[i]! >= 0) place(i, rules.pinnedGroup[i]!);

  let parent = rng.next() < 0.5 ? a : b;
  for (let step = 0; step < m; step++) {
    const pp = parent.part;
    let bestG = -1;
    let bestScore = -Infinity;
    for (let g = 0; g < m; g++) {
      if (labelUsed[g]) continue;
      let score = 0;
      const gs = g * pp.stride;
      for (let x = 0; x < pp.size[g]!; x++) {
        const i = pp.members[gs + x]!;
        if (child[i] !== -1) continue;
        for (let y = x + 1; y < pp.size[g]!; y++) {
          const j = pp.members[gs + y]!;
          if (child[j] === -1) score += d[i * n + j]!;
        }
      }
      score += rng.next() * 1e-9;
      if (score > bestScore) {
        bestScore = score;
        bestG = g;
      }
    }
    labelUsed[bestG] = 1;
    const gs = bestG * pp.stride;
    for (let x = 0; x < pp.size[bestG]!; x++) {
      const i = pp.members[gs + x]!;
      if (child[i] === -1 && fits(i, bestG)) place(i, bestG);
    }
    parent = parent === a ? b : a;
  }

  const rest: number[] = [];
  for (let i = 0; i < n; i++) if (child[i] === -1) rest.push(i);
  shuffle(rng, rest);
  // People first fill groups still under their minimum, then go where they add the most.
  for (const i of rest) {
    let bestG = -1;
    let bestScore = -Infinity;
    for (let g = 0; g < m; g++) {
      if (!fits(i, g)) continue;
      const score = aff[i * m + g]! + (size[g]! < minSize[g]! ? 1e12 : 0);
      if (score > bestScore) {
        bestScore = score;
        bestG = g;
      }
    }
    if (bestG < 0) return null;
    place(i, bestG);
  }
  if (!repairMinimumSizes(problem, rules, child, size, aff)) return null;
  return child;
}

/** Move people from groups above their minimum into groups below it, cheapest loss first. */
function repairMinimumSizes(
  problem: GroupingProblem,
  rules: CompiledRules | null,
  child: Int32Array,
  size: Int32Array,
  aff: Float64Array,
): boolean {
  const { n, m, minSize } = problem;
  for (let g = 0; g < m; g++) {
    while (size[g]! < minSize[g]!) {
      let best = -1;
      let bestGain = -Infinity;
      for (let i = 0; i < n; i++) {
        const h = child[i]!;
        if (h === g || size[h]! <= minSize[h]!) continue;
        // Hard-rule cases are re-verified by the caller; here only pins are respected.
        if (rules && rules.pinnedGroup[i]! >= 0) continue;
        const gain = aff[i * m + g]! - aff[i * m + h]!;
        if (gain > bestGain) {
          bestGain = gain;
          best = i;
        }
      }
      if (best < 0) return false;
      const h = child[best]!;
      child[best] = g;
      size[h]!--;
      size[g]!++;
      const row = best * n;
      for (let k = 0; k < n; k++) {
        const v = problem.diversity[row + k]!;
        aff[k * m + h]! -= v;
        aff[k * m + g]! += v;
      }
    }
  }
  return true;
}
