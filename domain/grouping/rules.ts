import type { GroupingProblem, HardRules } from './problem.ts';

// Hard rules compiled into arrays the search can test in O(1) (apart, pins) or O(kinds of
// the moved people). Only a move whose gain is already positive pays for the check.
export type CompiledRules = {
  n: number;
  m: number;
  fixed: Uint8Array;
  /** apart[i*n+j] = 1 when i and j must not share a small group. */
  apart: Uint8Array | null;
  partners: Int32Array[];
  kindCount: number;
  kindsOf: Int32Array[];
  kindMax: Int32Array;
  /** Effective minimum (after a `minIfPossible` relaxation). */
  kindMin: Int32Array;
  /** Where the search must keep pinned people. */
  pinnedGroup: Int32Array;
};

const UNLIMITED = 1 << 30;

export function compileRules(problem: GroupingProblem, rules: HardRules = problem.rules): CompiledRules {
  const { n, m } = problem;
  const fixed = new Uint8Array(n);
  const pinnedGroup = new Int32Array(n).fill(-1);
  for (const pin of rules.pins) {
    fixed[pin.person] = 1;
    pinnedGroup[pin.person] = pin.group;
  }
  let apart: Uint8Array | null = null;
  const partnerLists: number[][] = Array.from({ length: n }, () => []);
  if (rules.apart.length > 0) {
    apart = new Uint8Array(n * n);
    for (const rule of rules.apart) {
      for (const a of rule.people) {
        for (const b of rule.people) {
          if (a === b || apart[a * n + b]) continue;
          apart[a * n + b] = 1;
          partnerLists[a]!.push(b);
        }
      }
    }
  }
  const K = rules.kinds.length;
  const kindLists: number[][] = Array.from({ length: n }, () => []);
  const kindMax = new Int32Array(K);
  const kindMin = new Int32Array(K);
  rules.kinds.forEach((kind, k) => {
    const members = [...new Set(kind.members)];
    for (const p of members) kindLists[p]!.push(k);
    kindMax[k] = kind.maxPerGroup ?? UNLIMITED;
    kindMin[k] = effectiveMinimum(kind.minPerGroup ?? 0, members.length, m, kind.minIfPossible ?? false);
  });
  return {
    n,
    m,
    fixed,
    apart,
    partners: partnerLists.map((l) => Int32Array.from(l)),
    kindCount: K,
    kindsOf: kindLists.map((l) => Int32Array.from(l)),
    kindMax,
    kindMin,
    pinnedGroup,
  };
}

export function effectiveMinimum(min: number, supply: number, m: number, ifPossible: boolean): number {
  if (!ifPossible) return min;
  return Math.min(min, Math.floor(supply / m));
}

/** Per-assignment counters the rule checks need; one per solution in the population. */
export class RuleTracker {
  readonly r: CompiledRules;
  /** conflicts[i*m+g]: how many of i's apart-partners sit in g. */
  readonly conflicts: Int32Array;
  /** counts[g*K+k]: how many of kind k sit in g. */
  readonly counts: Int32Array;

  constructor(rules: CompiledRules) {
    this.r = rules;
    this.conflicts = new Int32Array(rules.apart ? rules.n * rules.m : 0);
    this.counts = new Int32Array(rules.m * rules.kindCount);
  }

  load(group: ArrayLike<number>): void {
    const { n, m, partners, kindsOf, kindCount: K } = this.r;
    this.conflicts.fill(0);
    this.counts.fill(0);
    for (let i = 0; i < n; i++) {
      const g = group[i]!;
      if (this.r.apart) for (const p of partners[i]!) this.conflicts[p * m + g]!++;
      for (const k of kindsOf[i]!) this.counts[g * K + k]!++;
    }
  }

  copyFrom(other: RuleTracker): void {
    this.conflicts.set(other.conflicts);
    this.counts.set(other.counts);
  }

  canMove(i: number, g: number, h: number): boolean {
    const r = this.r;
    if (r.fixed[i]) return false;
    if (r.apart && this.conflicts[i * r.m + h]! > 0) return false;
    const K = r.kindCount;
    for (const k of r.kindsOf[i]!) {
      if (this.counts[h * K + k]! >= r.kindMax[k]!) return false;
      if (this.counts[g * K + k]! <= r.kindMin[k]!) return false;
    }
    return true;
  }

  /** i sits in g, j in h, g ≠ h. */
  canSwap(i: number, j: number, g: number, h: number): boolean {
    const r = this.r;
    if (r.fixed[i] || r.fixed[j]) return false;
    if (r.apart) {
      const together = r.apart[i * r.n + j]!;
      if (this.conflicts[i * r.m + h]! - together > 0) return false;
      if (this.conflicts[j * r.m + g]! - together > 0) return false;
    }
    const K = r.kindCount;
    if (K === 0) return true;
    const ki = r.kindsOf[i]!;
    const kj = r.kindsOf[j]!;
    for (const k of ki) {
      if (kj.includes(k)) continue;
      if (this.counts[h * K + k]! >= r.kindMax[k]!) return false;
      if (this.counts[g * K + k]! <= r.kindMin[k]!) return false;
    }
    for (const k of kj) {
      if (ki.includes(k)) continue;
      if (this.counts[g * K + k]! >= r.kindMax[k]!) return false;
      if (this.counts[h * K + k]! <= r.kindMin[k]!) return false;
    }
    return true;
  }

  applyMove(i: number, g: number, h: number): void {
    const r = this.r;
    if (r.apart) {
      for (const p of r.partners[i]!) {
        this.conflicts[p * r.m + g]!--;
        this.conflicts[p * r.m + h]!++;
      }
    }
    const K = r.kindCount;
    for (const k of r.kindsOf[i]!) {
      this.counts[g * K + k]!--;
      this.counts[h * K + k]!++;
    }
  }
}
