import { evaluateAssignment } from './partition.ts';
import { personName, groupName, type GroupingProblem } from './problem.ts';
import { solve, type GroupingResult, type SolveOptions } from './solve.ts';

// After a director's change (a new pin, a new apart rule, someone withdrawn), re-optimize
// without reshuffling the whole course: everyone gets a bonus of `moveGain` for staying in
// their previous small group, so the search moves a person only when the diversity gained
// exceeds that stated price.
export type Reassignment = { person: number; from: number; to: number; description: string };

export type ReoptimizeResult = GroupingResult & {
  /** Diversity alone, without the staying bonus. */
  diversity?: number;
  moved?: Reassignment[];
};

export function reoptimize(
  problem: GroupingProblem,
  previous: ArrayLike<number>,
  moveGain: number,
  options: SolveOptions,
): ReoptimizeResult {
  const { problem: withBonus, initial: start } = withStayingBonus(problem, previous, moveGain);
  const result = solve(withBonus, { ...options, initial: start });
  if (result.status !== 'feasible') return result;
  const moved: Reassignment[] = [];
  for (let i = 0; i < problem.n; i++) {
    const from = previous[i]!;
    const to = result.assignment[i]!;
    if (from !== to) {
      moved.push({
        person: i,
        from,
        to,
        description: `${personName(problem, i)}: ${from >= 0 ? groupName(problem, from) : 'unassigned'} → ${groupName(problem, to)}`,
      });
    }
  }
  const diversity = evaluateAssignment(problem, result.assignment);
  return { ...result, objective: diversity, diversity, moved };
}

/**
 * The problem with everyone's bonus for staying in `previous` (-1: not placed yet), and the
 * start assignment: new pins first, newcomers where there is most room. For a caller that runs
 * the search elsewhere (a worker thread) and still wants re-optimization's behaviour.
 */
export function withStayingBonus(problem: GroupingProblem, previous: ArrayLike<number>, moveGain: number): { problem: GroupingProblem; initial: Int32Array } {
  const { n, m } = problem;
  const bonus = new Float64Array(n * m);
  const start = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const g = previous[i]!;
    if (g >= 0 && g < m) bonus[i * m + g] = moveGain;
    start[i] = g;
  }
  // New pins take effect first; the search then repairs what they displaced. People new to
  // the course go where there is most room.
  for (const pin of problem.rules.pins) start[pin.person] = pin.group;
  const size = new Int32Array(m);
  for (let i = 0; i < n; i++) if (start[i]! >= 0 && start[i]! < m) size[start[i]!]!++;
  for (let i = 0; i < n; i++) {
    if (start[i]! >= 0 && start[i]! < m) continue;
    let roomiest = 0;
    for (let g = 1; g < m; g++) {
      if (problem.maxSize[g]! - size[g]! > problem.maxSize[roomiest]! - size[roomiest]!) roomiest = g;
    }
    start[i] = roomiest;
    size[roomiest]!++;
  }
  return { problem: { ...problem, placementBonus: bonus }, initial: start };
}
