// The numeric form every solver component works on: people and small groups are 0-based
// indices, diversity is a dense matrix. Parsers (MDGPLIB, Balint Hub JSON) produce this.

/** People who must not share a small group (same institution, supervisor and supervisee…). */
export type ApartRule = {
  id: string;
  people: number[];
  reason: string;
};

/** A person fixed to one small group (a faculty leader, a director's manual placement). */
export type PinRule = {
  id: string;
  person: number;
  group: number;
  reason: string;
};

/**
 * A kind of person (co-leader candidate, physician, first-timer…) with per-group limits.
 * `minIfPossible`: when too few of the kind exist to give every group `minPerGroup`, the
 * minimum is lowered to what the supply allows, and the result says so.
 */
export type KindRule = {
  id: string;
  name: string;
  members: number[];
  maxPerGroup?: number;
  minPerGroup?: number;
  minIfPossible?: boolean;
};

export type HardRules = {
  apart: ApartRule[];
  pins: PinRule[];
  kinds: KindRule[];
};

export type GroupingProblem = {
  n: number;
  m: number;
  /** a_g: the smallest allowed size of small group g. */
  minSize: Int32Array;
  /** b_g: the largest allowed size of small group g. */
  maxSize: Int32Array;
  /** d_ij, symmetric n×n, zero diagonal. */
  diversity: Float64Array;
  rules: HardRules;
  /**
   * Optional per-person, per-group bonus (n×m) added to the objective; re-optimization uses
   * it to keep people where they were unless a move gains more.
   */
  placementBonus?: Float64Array;
  personNames?: string[];
  groupNames?: string[];
};

export function emptyRules(): HardRules {
  return { apart: [], pins: [], kinds: [] };
}

export function hasHardRules(rules: HardRules): boolean {
  return rules.apart.length > 0 || rules.pins.length > 0 || rules.kinds.length > 0;
}

export function personName(p: GroupingProblem, i: number): string {
  return p.personNames?.[i] ?? `#${i}`;
}

export function groupName(p: GroupingProblem, g: number): string {
  return p.groupNames?.[g] ?? `group ${g}`;
}
