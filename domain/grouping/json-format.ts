import { computeDiversity, type AttributeSpec, type PersonAttributes } from './diversity.ts';
import { GroupingError } from './errors.ts';
import type { ApartRule, GroupingProblem, KindRule, PinRule } from './problem.ts';

// Balint Hub's JSON input (documented in docs/grouping.md). People and small groups are
// named by id; rules refer to those ids; the parser turns everything into indices.
export type GroupingInput = {
  format?: 'balint-hub/grouping@1';
  groups: Array<{ id: string; name?: string; minSize: number; maxSize: number }>;
  people: Array<{ id: string; name?: string; attributes?: PersonAttributes; kinds?: string[] }>;
  attributes?: AttributeSpec[];
  /** n×n, in `people` order; when present it replaces the attribute-based diversity. */
  diversity?: number[][];
  rules?: {
    apart?: Array<{ id?: string; people: string[]; reason?: string }>;
    /** People sharing a value of these attributes (e.g. institution) must be apart. */
    apartWhenSame?: string[];
    pins?: Array<{ id?: string; person: string; group: string; reason?: string }>;
    kinds?: Array<{ id?: string; kind: string; name?: string; maxPerGroup?: number; minPerGroup?: number; minIfPossible?: boolean }>;
  };
  /** person id → group id: the current assignment, for re-optimization. */
  previous?: Record<string, string>;
  /** Diversity a move must gain before anyone leaves their previous group. */
  moveGain?: number;
};

export type ParsedInput = {
  problem: GroupingProblem;
  input: GroupingInput;
  previous: Int32Array | null;
};

export function parseGroupingJson(text: string): ParsedInput {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new GroupingError('INSTANCE_FORMAT', 'not valid JSON');
  }
  return toProblem(raw as GroupingInput);
}

export function toProblem(input: GroupingInput): ParsedInput {
  if (!Array.isArray(input.groups) || !Array.isArray(input.people)) {
    throw new GroupingError('INSTANCE_FORMAT', '`groups` and `people` arrays are required');
  }
  const n = input.people.length;
  const m = input.groups.length;
  if (m === 0) throw new GroupingError('INSTANCE_VALUE', 'no small groups');
  const personIndex = indexById(input.people, 'person');
  const groupIndex = indexById(input.groups, 'group');
  const person = (id: string): number => {
    const i = personIndex.get(id);
    if (i === undefined) throw new GroupingError('UNKNOWN_PERSON', id);
    return i;
  };
  const group = (id: string): number => {
    const g = groupIndex.get(id);
    if (g === undefined) throw new GroupingError('UNKNOWN_GROUP', id);
    return g;
  };
  const minSize = Int32Array.from(input.groups, (g) => checkedInt(g.minSize, `${g.id}.minSize`));
  const maxSize = Int32Array.from(input.groups, (g) => checkedInt(g.maxSize, `${g.id}.maxSize`));
  const diversity = input.diversity ? matrix(input.diversity, n) : computeDiversity(input.people.map((p) => p.attributes ?? {}), input.attributes ?? []);

  const rules = input.rules ?? {};
  const apart: ApartRule[] = (rules.apart ?? []).map((r, k) => ({
    id: r.id ?? `apart:${k}`,
    people: r.people.map(person),
    reason: r.reason ?? 'must not share a group',
  }));
  for (const attribute of rules.apartWhenSame ?? []) {
    const byValue = new Map<string, number[]>();
    input.people.forEach((p, i) => {
      const v = p.attributes?.[attribute];
      if (v === null || v === undefined || v === '') return;
      const list = byValue.get(String(v)) ?? [];
      list.push(i);
      byValue.set(String(v), list);
    });
    for (const [value, members] of byValue) {
      if (members.length >= 2) apart.push({ id: `apart:${attribute}=${value}`, people: members, reason: `same ${attribute} (${value})` });
    }
  }
  const pins: PinRule[] = (rules.pins ?? []).map((r) => ({
    id: r.id ?? `pin:${r.person}`,
    person: person(r.person),
    group: group(r.group),
    reason: r.reason ?? 'pinned',
  }));
  const kinds: KindRule[] = (rules.kinds ?? []).map((r) => {
    const members: number[] = [];
    input.people.forEach((p, i) => {
      if (p.kinds?.includes(r.kind)) members.push(i);
    });
    return {
      id: r.id ?? `kind:${r.kind}`,
      name: r.name ?? r.kind,
      members,
      ...(r.maxPerGroup !== undefined && { maxPerGroup: checkedInt(r.maxPerGroup, `${r.kind}.maxPerGroup`) }),
      ...(r.minPerGroup !== undefined && { minPerGroup: checkedInt(r.minPerGroup, `${r.kind}.minPerGroup`) }),
      ...(r.minIfPossible !== undefined && { minIfPossible: r.minIfPossible }),
    };
  });

  let previous: Int32Array | null = null;
  if (input.previous) {
    previous = new Int32Array(n).fill(-1);
    for (const [pid, gid] of Object.entries(input.previous)) previous[person(pid)] = group(gid);
  }
  const problem: GroupingProblem = {
    n,
    m,
    minSize,
    maxSize,
    diversity,
    rules: { apart, pins, kinds },
    personNames: input.people.map((p) => p.name ?? p.id),
    groupNames: input.groups.map((g) => g.name ?? g.id),
  };
  return { problem, input, previous };
}

function indexById(items: Array<{ id: string }>, what: string): Map<string, number> {
  const map = new Map<string, number>();
  items.forEach((item, i) => {
    if (typeof item.id !== 'string' || map.has(item.id)) {
      throw new GroupingError('INSTANCE_VALUE', `${what} ids must be unique strings (${String(item.id)})`);
    }
    map.set(item.id, i);
  });
  return map;
}

function checkedInt(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new GroupingError('INSTANCE_VALUE', `${what} must be a non-negative integer`);
  return v;
}

function matrix(rows: number[][], n: number): Float64Array {
  if (rows.length !== n) throw new GroupingError('INSTANCE_VALUE', `diversity has ${rows.length} rows for ${n} people`);
  const d = new Float64Array(n * n);
  rows.forEach((row, i) => {
    if (row.length !== n) throw new GroupingError('INSTANCE_VALUE', `diversity row ${i} has ${row.length} entries`);
    row.forEach((v, j) => {
      if (i !== j) d[i * n + j] = (v + rows[j]![i]!) / 2;
    });
  });
  return d;
}
