import type { AttributeSpec, PersonAttributes } from './diversity.ts';
import { groupName, personName, type GroupingProblem } from './problem.ts';

// What each small group mixes, and which soft goals it meets weakly, for a director to read
// next to the assignment.
export type GroupBreakdown = {
  group: number;
  name: string;
  size: number;
  members: string[];
  /** Σ d_ij over the group's pairs. */
  diversity: number;
  /** attribute → value → count. */
  mix: Record<string, Record<string, number>>;
  weak: string[];
};

export function breakdownGroups(
  problem: GroupingProblem,
  assignment: ArrayLike<number>,
  people?: PersonAttributes[],
  attributes: AttributeSpec[] = [],
): GroupBreakdown[] {
  const { n, m, diversity: d } = problem;
  const out: GroupBreakdown[] = [];
  const courseValues = new Map<string, Set<string>>();
  for (const spec of attributes) {
    if (spec.type !== 'categorical') continue;
    const values = new Set<string>();
    for (const p of people ?? []) {
      const v = p[spec.name];
      if (v !== null && v !== undefined && v !== '') values.add(String(v));
    }
    courseValues.set(spec.name, values);
  }
  for (let g = 0; g < m; g++) {
    const members: number[] = [];
    for (let i = 0; i < n; i++) if (assignment[i] === g) members.push(i);
    let sum = 0;
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) sum += d[members[x]! * n + members[y]!]!;
    }
    const mix: GroupBreakdown['mix'] = {};
    const weak: string[] = [];
    for (const spec of attributes) {
      const counts: Record<string, number> = {};
      for (const i of members) {
        const v = people?.[i]?.[spec.name];
        const key = v === null || v === undefined || v === '' ? 'unrecorded' : String(v);
        counts[key] = (counts[key] ?? 0) + 1;
      }
      mix[spec.name] = counts;
      if (spec.type !== 'categorical' || members.length < 2) continue;
      const recorded = Object.entries(counts).filter(([k]) => k !== 'unrecorded');
      const available = courseValues.get(spec.name)?.size ?? 0;
      if (recorded.length === 1 && available >= 2) {
        weak.push(`no mix of ${spec.name}: all ${recorded[0]![0]}`);
      } else if (recorded.length > 0) {
        const [value, top] = recorded.reduce((a, b) => (b[1] > a[1] ? b : a));
        if (top > members.length / 2 && available >= 3) weak.push(`${spec.name} dominated by ${value} (${top} of ${members.length})`);
      }
    }
    out.push({ group: g, name: groupName(problem, g), size: members.length, members: members.map((i) => personName(problem, i)), diversity: sum, mix, weak });
  }
  // A group well below the average pair diversity is weakly mixed overall, whatever the cause.
  const means = out.map((b) => (b.size >= 2 ? b.diversity / ((b.size * (b.size - 1)) / 2) : 0));
  const overall = means.reduce((a, b) => a + b, 0) / Math.max(1, means.length);
  out.forEach((b, g) => {
    if (b.size >= 2 && means[g]! < 0.85 * overall) b.weak.push(`mean pair diversity ${means[g]!.toFixed(2)} is below 85% of the course average ${overall.toFixed(2)}`);
  });
  return out;
}
