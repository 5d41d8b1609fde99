import type { GroupingProblem, HardRules } from './problem.ts';
import { compileRules, type CompiledRules } from './rules.ts';
import { createRng, shuffle, type Rng } from './rng.ts';

// Building a first assignment that satisfies every hard rule. Without rules a random fill
// suffices. With rules, a randomized depth-first search with look-ahead on the lower bounds
// (group minimum sizes, per-kind minimums); when it runs out of options it has proven that
// no assignment exists, which a node budget distinguishes from merely giving up.
export type ConstructOutcome =
  | { status: 'found'; assignment: Int32Array }
  | { status: 'exhausted' }
  | { status: 'gave-up' };

export function randomFill(problem: GroupingProblem, rng: Rng): Int32Array {
  const { n, m, minSize, maxSize } = problem;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  shuffle(rng, order);
  const assignment = new Int32Array(n);
  const size = new Int32Array(m);
  let t = 0;
  for (let g = 0; g < m; g++) {
    for (let k = 0; k < minSize[g]!; k++) {
      assignment[order[t++]!] = g;
      size[g]!++;
    }
  }
  const open: number[] = [];
  for (let g = 0; g < m; g++) if (size[g]! < maxSize[g]!) open.push(g);
  while (t < n) {
    const x = rng.int(open.length);
    const g = open[x]!;
    assignment[order[t++]!] = g;
    size[g]!++;
    if (size[g]! >= maxSize[g]!) open.splice(x, 1);
  }
  return assignment;
}

/**
 * Random fill whose group sizes sit at their bounds: pair count grows with the square of a
 * group's size, so good "ds" solutions keep nearly every group at its minimum or maximum.
 * Groups are topped up to their maximum in a random order biased to the larger ones.
 */
export function extremeFill(problem: GroupingProblem, rng: Rng, noise: number): Int32Array {
  const { n, m, minSize, maxSize } = problem;
  const target = Int32Array.from(minSize);
  let left = n;
  for (let g = 0; g < m; g++) left -= target[g]!;
  const keys = Array.from({ length: m }, (_, g) => ({ g, key: maxSize[g]! + rng.next() * noise }));
  keys.sort((x, y) => y.key - x.key);
  for (const { g } of keys) {
    const add = Math.min(left, maxSize[g]! - target[g]!);
    target[g]! += add;
    left -= add;
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  shuffle(rng, order);
  const assignment = new Int32Array(n);
  let t = 0;
  for (let g = 0; g < m; g++) for (let k = 0; k < target[g]!; k++) assignment[order[t++]!] = g;
  return assignment;
}

export function constructFeasible(
  problem: GroupingProblem,
  compiled: CompiledRules,
  rng: Rng,
  nodeBudget: number,
): ConstructOutcome {
  const { n, m, minSize, maxSize } = problem;
  const { kindCount: K, kindsOf, kindMin, kindMax, apart, pinnedGroup } = compiled;
  const weight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    weight[i] = (pinnedGroup[i]! >= 0 ? 1e6 : 0) + compiled.partners[i]!.length * 10 + kindsOf[i]!.length * 5 + rng.next();
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => weight[b]! - weight[a]!);
  const remainingOfKind = new Int32Array(K);
  for (let i = 0; i < n; i++) for (const k of kindsOf[i]!) remainingOfKind[k]!++;
  const size = new Int32Array(m);
  const count = new Int32Array(m * K);
  const assignment = new Int32Array(n).fill(-1);
  let nodes = 0;
  let gaveUp = false;

  const lowerBoundsReachable = (placed: number): boolean => {
    let need = 0;
    for (let g = 0; g < m; g++) need += Math.max(0, minSize[g]! - size[g]!);
    if (need > n - placed) return false;
    for (let k = 0; k < K; k++) {
      const min = kindMin[k]!;
      if (min === 0) continue;
      let kindNeed = 0;
      for (let g = 0; g < m; g++) kindNeed += Math.max(0, min - count[g * K + k]!);
      if (kindNeed > remainingOfKind[k]!) return false;
    }
    return true;
  };

  const fits = (i: number, g: number): boolean => {
    if (size[g]! >= maxSize[g]!) return false;
    if (apart) {
      for (const p of compiled.partners[i]!) if (assignment[p] === g) return false;
    }
    for (const k of kindsOf[i]!) if (count[g * K + k]! >= kindMax[k]!) return false;
    return true;
  };

  const place = (i: number, g: number, sign: 1 | -1): void => {
    size[g]! += sign;
    for (const k of kindsOf[i]!) {
      count[g * K + k]! += sign;
      remainingOfKind[k]! -= sign;
    }
    assignment[i] = sign === 1 ? g : -1;
  };

  const candidates = (i: number): number[] => {
    if (pinnedGroup[i]! >= 0) return [pinnedGroup[i]!];
    const score = new Float64Array(m);
    for (let g = 0; g < m; g++) {
      let s = rng.next();
      if (size[g]! < minSize[g]!) s += 1;
      for (const k of kindsOf[i]!) if (count[g * K + k]! < kindMin[k]!) s += 2;
      score[g] = s;
    }
    return Array.from({ length: m }, (_, g) => g).sort((a, b) => score[b]! - score[a]!);
  };

  const dfs = (t: number): boolean => {
    if (t === n) return true;
    if (++nodes > nodeBudget) {
      gaveUp = true;
      return false;
    }
    const i = order[t]!;
    for (const g of candidates(i)) {
      if (!fits(i, g)) continue;
      place(i, g, 1);
      if (lowerBoundsReachable(t + 1) && dfs(t + 1)) return true;
      place(i, g, -1);
      if (gaveUp) return false;
    }
    return false;
  };

  if (dfs(0)) return { status: 'found', assignment };
  return gaveUp ? { status: 'gave-up' } : { status: 'exhausted' };
}

type RuleRef = { family: keyof HardRules; index: number; id: string };

/**
 * Deletion filter: drop rules one at a time while the rest still admit no assignment.
 * What remains is a minimal set of rules that conflict (sizes always stay in). Returns null
 * when a check ran out of budget, because then the set would not be trustworthy.
 */
export function minimalConflictingRules(problem: GroupingProblem, nodeBudget: number): string[] | null {
  const all: RuleRef[] = [];
  (['pins', 'apart', 'kinds'] as const).forEach((family) => {
    problem.rules[family].forEach((rule, index) => all.push({ family, index, id: rule.id }));
  });
  let kept = all;
  for (const candidate of all) {
    const trial = kept.filter((r) => r !== candidate);
    const outcome = constructFeasible(
      { ...problem, rules: subsetRules(problem.rules, trial) },
      compileRules(problem, subsetRules(problem.rules, trial)),
      createRng(1),
      nodeBudget,
    );
    if (outcome.status === 'gave-up') return null;
    if (outcome.status === 'exhausted') kept = trial;
  }
  return ['size', ...kept.map((r) => r.id)];
}

function subsetRules(rules: HardRules, refs: RuleRef[]): HardRules {
  const pick = <T>(family: keyof HardRules, list: T[]): T[] =>
    list.filter((_, index) => refs.some((r) => r.family === family && r.index === index));
  return { pins: pick('pins', rules.pins), apart: pick('apart', rules.apart), kinds: pick('kinds', rules.kinds) };
}
