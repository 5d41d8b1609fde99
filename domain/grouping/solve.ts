import { findStaticConflicts, type Conflict } from './conflicts.ts';
import { constructFeasible, minimalConflictingRules, randomFill } from './construct.ts';
import { defaultParams, memeticSearch, type MemeticParams } from './memetic.ts';
import { evaluateAssignment } from './partition.ts';
import { hasHardRules, type GroupingProblem } from './problem.ts';
import { createRng } from './rng.ts';
import { compileRules, effectiveMinimum } from './rules.ts';
import { findViolations, proveFeasible, type FeasibilityProof } from './verify.ts';

export type ProgressEvent = {
  elapsedMs: number;
  iterations: number;
  bestObjective: number;
  /** The best assignment so far (each person's 0-based group), when `progressAssignment` asks for it. */
  assignment?: number[];
};

export type SolveOptions = {
  seed?: number;
  /** Wall-clock limit; omit for an iteration budget only (deterministic runs). */
  timeLimitMs?: number;
  /** One iteration = one perturbation or crossover followed by local search. */
  maxIterations?: number;
  onProgress?: (event: ProgressEvent) => void;
  progressIntervalMs?: number;
  /** Include the best assignment in each progress event (a caller that saves the best-so-far). */
  progressAssignment?: boolean;
  /** Polled between iterations; true cancels and returns the best assignment so far. */
  shouldStop?: () => boolean;
  /** Start from this assignment (re-optimization); ignored when it breaks a hard rule. */
  initial?: ArrayLike<number>;
  params?: Partial<MemeticParams>;
};

export type StopReason = 'time' | 'iterations' | 'cancelled';

export type FeasibleResult = {
  status: 'feasible';
  assignment: number[];
  objective: number;
  seconds: number;
  iterations: number;
  stopReason: StopReason;
  proof: FeasibilityProof;
  /** Rules the solver was allowed to soften (`minIfPossible`) and how. */
  relaxations: string[];
};

export type InfeasibleResult = {
  status: 'infeasible';
  /** true: no assignment can satisfy these rules; false: none was found within the budget. */
  proven: boolean;
  conflicts: Conflict[];
  seconds: number;
};

export type GroupingResult = FeasibleResult | InfeasibleResult;

const CONSTRUCT_NODES = 200_000;
const EXPLAIN_NODES = 50_000;

export function solve(problem: GroupingProblem, options: SolveOptions = {}): GroupingResult {
  const start = performance.now();
  const seconds = (): number => (performance.now() - start) / 1000;
  const rng = createRng(options.seed ?? 1);

  const staticConflicts = findStaticConflicts(problem);
  if (staticConflicts.length > 0) {
    return { status: 'infeasible', proven: true, conflicts: staticConflicts, seconds: seconds() };
  }

  const withRules = hasHardRules(problem.rules);
  const compiled = withRules ? compileRules(problem) : null;
  let first: Int32Array | null = null;
  if (options.initial && findViolations(problem, options.initial).length === 0) {
    first = Int32Array.from(options.initial);
  } else if (!compiled) {
    first = randomFill(problem, rng);
  } else {
    const outcome = constructFeasible(problem, compiled, rng, CONSTRUCT_NODES);
    if (outcome.status === 'found') first = outcome.assignment;
    else return explainInfeasible(problem, outcome.status === 'exhausted', seconds());
  }

  const timeLimit = options.timeLimitMs ?? Infinity;
  const maxIterations = options.maxIterations ?? Infinity;
  if (timeLimit === Infinity && maxIterations === Infinity) {
    throw new RangeError('solve needs timeLimitMs or maxIterations');
  }
  const interval = options.progressIntervalMs ?? 200;
  let lastReport = -Infinity;
  let stopReason: StopReason = 'iterations';
  const outcome = memeticSearch(
    problem,
    compiled,
    first,
    rng,
    {
      shouldStop: (it) => {
        if (it >= maxIterations) return (stopReason = 'iterations'), true;
        if (options.shouldStop?.()) return (stopReason = 'cancelled'), true;
        if (performance.now() - start >= timeLimit) return (stopReason = 'time'), true;
        return false;
      },
      progress: (it) =>
        Math.max(
          timeLimit === Infinity ? 0 : (performance.now() - start) / timeLimit,
          maxIterations === Infinity ? 0 : it / maxIterations,
        ),
      report: (it, best, bestAssignment) => {
        if (!options.onProgress) return;
        const now = performance.now();
        if (now - lastReport < interval) return;
        lastReport = now;
        options.onProgress({
          elapsedMs: now - start,
          iterations: it,
          bestObjective: best,
          ...(options.progressAssignment && { assignment: Array.from(bestAssignment) }),
        });
      },
    },
    { ...defaultParams(problem.n, hasVariableSizes(problem)), ...options.params },
  );

  const assignment = Array.from(outcome.assignment);
  const proof = proveFeasible(problem, assignment);
  // The search only takes legal moves; this guards the promise "never a silent violation".
  if (!proof) throw new Error('grouping solver produced an assignment that breaks a hard rule');
  return {
    status: 'feasible',
    assignment,
    objective: evaluateAssignment(problem, assignment),
    seconds: seconds(),
    iterations: outcome.iterations,
    stopReason,
    proof,
    relaxations: describeRelaxations(problem),
  };
}

function explainInfeasible(problem: GroupingProblem, exhausted: boolean, seconds: number): InfeasibleResult {
  if (!exhausted) {
    return {
      status: 'infeasible',
      proven: false,
      seconds,
      conflicts: [
        {
          code: 'FEASIBILITY_UNKNOWN',
          ruleIds: ['size', ...allRuleIds(problem)],
          message: 'no assignment satisfying every hard rule was found within the search budget; loosen a rule or check them for a conflict',
        },
      ],
    };
  }
  const core = minimalConflictingRules(problem, EXPLAIN_NODES) ?? ['size', ...allRuleIds(problem)];
  return {
    status: 'infeasible',
    proven: true,
    seconds,
    conflicts: [
      {
        code: 'NO_ASSIGNMENT_EXISTS',
        ruleIds: core,
        message: `no assignment satisfies these rules together: ${core.join(', ')}`,
      },
    ],
  };
}

function hasVariableSizes(problem: GroupingProblem): boolean {
  for (let g = 0; g < problem.m; g++) if (problem.minSize[g] !== problem.maxSize[g]) return true;
  return false;
}

function allRuleIds(problem: GroupingProblem): string[] {
  const r = problem.rules;
  return [...r.pins.map((x) => x.id), ...r.apart.map((x) => x.id), ...r.kinds.map((x) => x.id)];
}

function describeRelaxations(problem: GroupingProblem): string[] {
  const out: string[] = [];
  for (const kind of problem.rules.kinds) {
    const wanted = kind.minPerGroup ?? 0;
    const supply = new Set(kind.members).size;
    const got = effectiveMinimum(wanted, supply, problem.m, kind.minIfPossible ?? false);
    if (got < wanted) {
      out.push(`${kind.id}: at least ${got} ${kind.name} per group instead of ${wanted} (only ${supply} for ${problem.m} groups)`);
    }
  }
  return out;
}
