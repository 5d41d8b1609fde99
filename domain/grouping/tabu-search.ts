import type { Solution } from './solution.ts';
import type { Rng } from './rng.ts';

// Tabu search over the full insert + swap neighborhood: each step takes the best move that
// is not tabu (or that beats the best of this run), even when it worsens the objective, so
// the search walks out of local optima that a descent would stop in. A person who leaves a
// small group may not return to it for `tenure` steps.
export type TabuParams = {
  /** Stop after this many steps without improving the run's best. */
  depth: number;
  tenureBase: number;
  tenureRandom: number;
};

export type TabuMemory = { until: Int32Array; clock: number };

export function createTabuMemory(n: number, m: number): TabuMemory {
  return { until: new Int32Array(n * m), clock: 0 };
}

/**
 * Improves `sol` in place; at return `best` holds the best solution seen (which may be
 * `sol`'s starting point). `interrupted` is polled now and then for time limits and cancel.
 */
export function tabuSearch(
  sol: Solution,
  best: Solution,
  memory: TabuMemory,
  rng: Rng,
  params: TabuParams,
  insertsPossible: boolean,
  interrupted: () => boolean,
): number {
  const p = sol.part;
  const { n, m, d, group, size, members, stride, contrib: C } = p;
  const bound = new Float64Array(m * m);
  const minS = sol.minSize;
  const maxS = sol.maxSize;
  const rules = sol.rules;
  const fixed = rules ? rules.r.fixed : null;
  const until = memory.until;
  best.copyFrom(sol);
  let bestObjective = sol.objective;
  let sinceBest = 0;
  let steps = 0;
  // A clock that only grows keeps the tabu list valid across runs without clearing it.
  memory.clock += n + params.tenureBase + params.tenureRandom + 1;
  while (sinceBest < params.depth) {
    const now = ++memory.clock;
    const current = sol.objective;
    let bestDelta = -Infinity;
    let moveI = -1;
    let moveJ = -1;
    let moveH = -1;
    let ties = 0;
    // bound[h*m+g] = max over j in h of (contrib[j,g] − contrib[j,h]). With d ≥ 0 a swap of
    // i∈g and j∈h gains at most (contrib[i,h] − contrib[i,g]) + bound[h,g], so a whole group h
    // is skipped when that cannot reach the best move found so far. Exact, and it skips most
    // of the O(n²) swap scan once a good move is known.
    bound.fill(-Infinity);
    for (let j = 0; j < n; j++) {
      const h = group[j]!;
      const cj = j * m;
      const cjh = C[cj + h]!;
      const bh = h * m;
      for (let g = 0; g < m; g++) {
        const v = C[cj + g]! - cjh;
        if (v > bound[bh + g]!) bound[bh + g] = v;
      }
    }
    for (let g = 0; g < m; g++) {
      const gs = g * stride;
      const sg = size[g]!;
      const canLeave = insertsPossible && sg > minS[g]!;
      for (let x = 0; x < sg; x++) {
        const i = members[gs + x]!;
        const iFixed = fixed !== null && fixed[i] === 1;
        const ci = i * m;
        const cig = C[ci + g]!;
        const di = i * n;
        if (canLeave && !iFixed) {
          for (let h = 0; h < m; h++) {
            if (h === g || size[h]! >= maxS[h]!) continue;
            const delta = C[ci + h]! - cig;
            if (delta < bestDelta) continue;
            const tabu = until[ci + h]! > now && current + delta <= bestObjective + 1e-9;
            if (tabu || (rules !== null && !rules.canMove(i, g, h))) continue;
            if (delta > bestDelta) {
              bestDelta = delta;
              ties = 1;
            } else if (rng.int(++ties) !== 0) continue;
            moveI = i;
            moveJ = -1;
            moveH = h;
          }
        }
        if (iFixed) continue;
        for (let h = g + 1; h < m; h++) {
          const gain = C[ci + h]! - cig;
          if (gain + bound[h * m + g]! < bestDelta) continue;
          const hs = h * stride;
          const sh = size[h]!;
          for (let y = 0; y < sh; y++) {
            const j = members[hs + y]!;
            const cj = j * m;
            const delta = gain + C[cj + g]! - C[cj + h]! - 2 * d[di + j]!;
            if (delta < bestDelta) continue;
            if (fixed !== null && fixed[j] === 1) continue;
            const tabu = (until[ci + h]! > now || until[cj + g]! > now) && current + delta <= bestObjective + 1e-9;
            if (tabu || (rules !== null && !rules.canSwap(i, j, g, h))) continue;
            if (delta > bestDelta) {
              bestDelta = delta;
              ties = 1;
            } else if (rng.int(++ties) !== 0) continue;
            moveI = i;
            moveJ = j;
            moveH = h;
          }
        }
      }
    }
    if (moveI < 0) break;
    const tenure = (): number => params.tenureBase + rng.int(params.tenureRandom + 1);
    const gi = group[moveI]!;
    until[moveI * m + gi] = now + tenure();
    if (moveJ >= 0) {
      until[moveJ * m + moveH] = now + tenure();
      sol.swap(moveI, moveJ);
    } else {
      sol.move(moveI, moveH);
    }
    steps++;
    if (sol.objective > bestObjective + 1e-9) {
      bestObjective = sol.objective;
      best.copyFrom(sol);
      sinceBest = 0;
    } else {
      sinceBest++;
    }
    if ((steps & 31) === 0 && interrupted()) break;
  }
  return steps;
}
