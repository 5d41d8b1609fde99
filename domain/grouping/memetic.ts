import { constructFeasible, extremeFill, randomFill } from './construct.ts';
import { groupCrossover } from './crossover.ts';
import { descent, perturb } from './local-search.ts';
import { createTabuMemory, tabuSearch } from './tabu-search.ts';
import type { GroupingProblem } from './problem.ts';
import type { CompiledRules } from './rules.ts';
import { Solution } from './solution.ts';
import type { Rng } from './rng.ts';

// Population-based memetic search, in the spirit of the record holders (TPSDP, Yang et al.
// 2022): every individual is repeatedly perturbed and re-descended (undirected
// perturbation), children of a group-preserving crossover bring in recombined structure
// (directed perturbation), and the population shrinks over the time budget so that the
// last part of the run intensifies around the few best solutions.
export type SearchBudget = {
  /** Called between iterations; true ends the search (time, iteration budget, cancel). */
  shouldStop(iterations: number): boolean;
  /** Fraction of the budget used, 0…1: drives the schedules. */
  progress(iterations: number): number;
  /** Called after every iteration with the best objective so far and its assignment (read it at once: it changes). */
  report(iterations: number, best: number, bestAssignment: Int32Array): void;
};

export type MemeticParams = {
  populationMax: number;
  populationMin: number;
  /** Perturbation strength in swaps per person, at the start and at the end of the run. */
  strengthStart: number;
  strengthEnd: number;
  /** Tabu search after each descent: steps without improvement (0 = descent only). */
  tabuDepth: number;
  tenureBase: number;
  tenureRandom: number;
  /** How far start solutions stray from filling the largest groups first (in members). */
  profileNoise: number;
  tabuOnStart: boolean;
};

export function defaultParams(n: number, variableSizes: boolean): MemeticParams {
  // With size bounds that differ (MDGPLIB "ds"), the group-size profile splits the space into
  // basins that single inserts leave only at a high cost: a larger population with shorter
  // tabu runs samples more profiles and lets crossover mix them. With fixed sizes, longer tabu
  // runs on fewer individuals win. Perturbations of up to 20% of the people early, 5% late,
  // beat gentler ones. (Tuned on the n = 120 instances at 3 s and n = 240 at 20 s.)
  return {
    populationMax: n <= 20 ? 4 : variableSizes ? 20 : 10,
    populationMin: 2,
    strengthStart: 0.2,
    strengthEnd: 0.05,
    tabuDepth: variableSizes ? n : 2 * n,
    tenureBase: Math.max(2, Math.round(n / 20)),
    tenureRandom: Math.max(2, Math.round(n / 10)),
    profileNoise: 10,
    tabuOnStart: true,
  };
}

export type SearchOutcome = { assignment: Int32Array; objective: number; iterations: number };

const EPS = 1e-9;

export function memeticSearch(
  problem: GroupingProblem,
  rules: CompiledRules | null,
  firstFeasible: Int32Array,
  rng: Rng,
  budget: SearchBudget,
  params: MemeticParams,
): SearchOutcome {
  const { n, m } = problem;
  let insertsPossible = false;
  for (let g = 0; g < m; g++) if (problem.minSize[g] !== problem.maxSize[g]) insertsPossible = true;
  const movableList: number[] = [];
  for (let i = 0; i < n; i++) if (!rules || !rules.fixed[i]) movableList.push(i);
  const movable = Int32Array.from(movableList);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;

  const work = new Solution(problem, rules);
  const improved = new Solution(problem, rules);
  const memory = createTabuMemory(n, m);
  const tabuParams = { depth: params.tabuDepth, tenureBase: params.tenureBase, tenureRandom: params.tenureRandom };
  let stopNow = false;
  const interrupted = (): boolean => {
    budget.report(iterations, bestObjective, best);
    stopNow = budget.shouldStop(iterations);
    return stopNow;
  };
  // Descent first (cheap), then tabu search from that local optimum; leaves the result in `target`.
  const improve = (target: Solution): void => {
    descent(target, order, rng, insertsPossible);
    if (params.tabuDepth <= 0) return;
    tabuSearch(target, improved, memory, rng, tabuParams, insertsPossible, interrupted);
    target.copyFrom(improved);
  };
  const best = new Int32Array(firstFeasible);
  let bestObjective = -Infinity;
  let iterations = 0;
  const record = (s: Solution): void => {
    if (s.objective > bestObjective + EPS) {
      bestObjective = s.objective;
      best.set(s.part.group);
    }
  };

  const pop: Solution[] = [];
  for (let k = 0; k < params.populationMax; k++) {
    const s = new Solution(problem, rules);
    s.load(k === 0 ? firstFeasible : (initialAssignment(problem, rules, rng, insertsPossible && k % 2 === 1 ? params.profileNoise : -1) ?? firstFeasible));
    // Start solutions get only a descent: a full tabu run each would spend much of a short
    // budget before the population starts to evolve.
    if (params.tabuOnStart) improve(s);
    else descent(s, order, rng, insertsPossible);
    record(s);
    pop.push(s);
    iterations++;
    budget.report(iterations, bestObjective, best);
    if (stopNow || budget.shouldStop(iterations)) return { assignment: best, objective: bestObjective, iterations };
  }

  for (;;) {
    const frac = Math.min(1, budget.progress(iterations));
    const target = Math.max(
      params.populationMin,
      Math.round(params.populationMax - (params.populationMax - params.populationMin) * frac),
    );
    if (pop.length > target) {
      pop.sort((x, y) => y.objective - x.objective);
      pop.length = target;
    }
    const rate = params.strengthStart + (params.strengthEnd - params.strengthStart) * frac;
    const strengthMax = Math.max(2, Math.round(rate * movable.length));

    // Undirected perturbation: each individual tries to improve itself.
    for (const s of pop) {
      work.copyFrom(s);
      perturb(work, 1 + rng.int(strengthMax), rng, movable, insertsPossible);
      improve(work);
      if (work.objective >= s.objective - EPS) s.copyFrom(work);
      record(s);
      iterations++;
      budget.report(iterations, bestObjective, best);
      if (stopNow || budget.shouldStop(iterations)) return { assignment: best, objective: bestObjective, iterations };
    }

    // Directed perturbation: recombine two individuals, improve the child, keep it if it
    // beats the worst individual and is not already in the population.
    if (pop.length >= 2) {
      const x = rng.int(pop.length);
      let y = rng.int(pop.length - 1);
      if (y >= x) y++;
      const child = groupCrossover(problem, rules, pop[x]!, pop[y]!, rng);
      if (child) {
        work.load(child);
        if (!rules || isFeasible(work)) {
          improve(work);
          record(work);
          let worst = 0;
          for (let k = 1; k < pop.length; k++) if (pop[k]!.objective < pop[worst]!.objective) worst = k;
          const duplicate = pop.some((s) => Math.abs(s.objective - work.objective) < 1e-6);
          if (!duplicate && work.objective > pop[worst]!.objective) pop[worst]!.copyFrom(work);
        }
      }
      iterations++;
      budget.report(iterations, bestObjective, best);
      if (stopNow || budget.shouldStop(iterations)) return { assignment: best, objective: bestObjective, iterations };
    }
  }
}

/** profileNoise < 0: sizes at random; otherwise sizes at their bounds (see extremeFill). */
function initialAssignment(problem: GroupingProblem, rules: CompiledRules | null, rng: Rng, profileNoise: number): Int32Array | null {
  if (!rules) return profileNoise >= 0 ? extremeFill(problem, rng, profileNoise) : randomFill(problem, rng);
  const outcome = constructFeasible(problem, rules, rng, 20_000);
  return outcome.status === 'found' ? outcome.assignment : null;
}

/** The size repair of a crossover child may break apart or kind rules: check the counters. */
function isFeasible(s: Solution): boolean {
  const t = s.rules!;
  const r = t.r;
  const K = r.kindCount;
  if (r.apart) {
    for (let i = 0; i < r.n; i++) if (t.conflicts[i * r.m + s.part.group[i]!]! > 0) return false;
  }
  for (let g = 0; g < r.m; g++) {
    for (let k = 0; k < K; k++) {
      const c = t.counts[g * K + k]!;
      if (c < r.kindMin[k]! || c > r.kindMax[k]!) return false;
    }
  }
  return true;
}
