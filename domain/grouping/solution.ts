import { Partition } from './partition.ts';
import type { GroupingProblem } from './problem.ts';
import { RuleTracker, type CompiledRules } from './rules.ts';

// A partition plus the rule counters that travel with it. Without hard rules `rules` is null
// and the search pays nothing for them.
export class Solution {
  readonly part: Partition;
  readonly rules: RuleTracker | null;
  readonly minSize: Int32Array;
  readonly maxSize: Int32Array;
  readonly bonus: Float64Array | undefined;

  constructor(problem: GroupingProblem, compiled: CompiledRules | null) {
    this.part = new Partition(problem);
    this.rules = compiled ? new RuleTracker(compiled) : null;
    this.minSize = problem.minSize;
    this.maxSize = problem.maxSize;
    this.bonus = problem.placementBonus;
  }

  load(assignment: ArrayLike<number>): void {
    this.part.load(assignment, this.bonus);
    this.rules?.load(this.part.group);
  }

  copyFrom(other: Solution): void {
    this.part.copyFrom(other.part);
    this.rules?.copyFrom(other.rules!);
  }

  get objective(): number {
    return this.part.objective;
  }

  /** Size bounds and hard rules both allow moving i to h. */
  canMove(i: number, h: number): boolean {
    const g = this.part.group[i]!;
    if (g === h) return false;
    if (this.part.size[g]! <= this.minSize[g]! || this.part.size[h]! >= this.maxSize[h]!) return false;
    return this.rules === null || this.rules.canMove(i, g, h);
  }

  canSwap(i: number, j: number): boolean {
    const g = this.part.group[i]!;
    const h = this.part.group[j]!;
    if (g === h) return false;
    return this.rules === null || this.rules.canSwap(i, j, g, h);
  }

  move(i: number, h: number): void {
    const g = this.part.group[i]!;
    this.part.move(i, h);
    this.rules?.applyMove(i, g, h);
  }

  swap(i: number, j: number): void {
    const g = this.part.group[i]!;
    const h = this.part.group[j]!;
    this.move(i, h);
    this.move(j, g);
  }
}
