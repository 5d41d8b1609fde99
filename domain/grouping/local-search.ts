import type { Solution } from './solution.ts';
import { shuffle, type Rng } from './rng.ts';

// Neighborhood search over insert (one person to another small group, when size bounds
// allow) and swap (two people trade groups) moves. Every move gain is O(1) from the
// contribution matrix; the rule checks run only for a move that would be taken.
const EPS = 1e-9;

/**
 * Descent to a local optimum: visit people in random order, take each person's best
 * improving move, repeat until a whole pass improves nothing. Returns the number of moves.
 */
export function descent(sol: Solution, order: Int32Array, rng: Rng, insertsPossible: boolean): number {
  const p = sol.part;
  const { n, m, d, group, size, members, stride, contrib: C } = p;
  const minS = sol.minSize;
  const maxS = sol.maxSize;
  const rules = sol.rules;
  const fixed = rules ? rules.r.fixed : null;
  let moves = 0;
  let improved = true;
  while (improved) {
    improved = false;
    shuffle(rng, order);
    for (let t = 0; t < n; t++) {
      const i = order[t]!;
      if (fixed !== null && fixed[i] === 1) continue;
      const g = group[i]!;
      const ci = i * m;
      const cig = C[ci + g]!;
      const di = i * n;
      let best = EPS;
      let bestH = -1;
      let bestJ = -1;
      const canLeave = insertsPossible && size[g]! > minS[g]!;
      for (let h = 0; h < m; h++) {
        if (h === g) continue;
        const base = C[ci + h]! - cig;
        if (canLeave && base > best && size[h]! < maxS[h]! && (rules === null || rules.canMove(i, g, h))) {
          best = base;
          bestH = h;
          bestJ = -1;
        }
        const hs = h * stride;
        const sh = size[h]!;
        for (let x = 0; x < sh; x++) {
          const j = members[hs + x]!;
          const cj = j * m;
          const delta = base + C[cj + g]! - C[cj + h]! - 2 * d[di + j]!;
          if (delta > best && (rules === null || rules.canSwap(i, j, g, h))) {
            best = delta;
            bestH = h;
            bestJ = j;
          }
        }
      }
      if (bestH >= 0) {
        if (bestJ >= 0) sol.swap(i, bestJ);
        else sol.move(i, bestH);
        moves++;
        improved = true;
      }
    }
  }
  return moves;
}

/** Random legal swaps (and inserts where sizes allow): the undirected perturbation. */
export function perturb(sol: Solution, strength: number, rng: Rng, movable: Int32Array, insertsPossible: boolean): void {
  const p = sol.part;
  if (movable.length < 2) return;
  let done = 0;
  for (let attempt = 0; done < strength && attempt < strength * 20; attempt++) {
    const i = movable[rng.int(movable.length)]!;
    if (insertsPossible && rng.next() < 0.25) {
      const h = rng.int(p.m);
      if (sol.canMove(i, h)) {
        sol.move(i, h);
        done++;
      }
      continue;
    }
    const j = movable[rng.int(movable.length)]!;
    if (p.group[i] === p.group[j] || !sol.canSwap(i, j)) continue;
    sol.swap(i, j);
    done++;
  }
}
