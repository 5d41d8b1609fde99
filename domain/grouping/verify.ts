import { evaluateAssignment } from './partition.ts';
import { groupName, personName, type GroupingProblem } from './problem.ts';
import { effectiveMinimum } from './rules.ts';

// An independent check of an assignment against every hard rule, written without the
// search's incremental counters so that a bug there cannot hide a violation.
export type Violation = { ruleId: string; message: string };

export type FeasibilityProof = {
  /** Every rule that was checked, with what was verified. */
  checks: Array<{ ruleId: string; holds: true; detail: string }>;
  objective: number;
};

export function findViolations(problem: GroupingProblem, assignment: ArrayLike<number>): Violation[] {
  const { n, m, rules } = problem;
  const out: Violation[] = [];
  if (assignment.length !== n) {
    return [{ ruleId: 'assignment', message: `assignment has ${assignment.length} entries, expected ${n}` }];
  }
  const size = new Int32Array(m);
  for (let i = 0; i < n; i++) {
    const g = assignment[i]!;
    if (!Number.isInteger(g) || g < 0 || g >= m) {
      out.push({ ruleId: 'assignment', message: `${personName(problem, i)} has no valid group (${g})` });
      continue;
    }
    size[g]!++;
  }
  for (let g = 0; g < m; g++) {
    if (size[g]! < problem.minSize[g]! || size[g]! > problem.maxSize[g]!) {
      out.push({
        ruleId: `size:${g}`,
        message: `${groupName(problem, g)} has ${size[g]} people, allowed ${problem.minSize[g]}–${problem.maxSize[g]}`,
      });
    }
  }
  for (const pin of rules.pins) {
    if (assignment[pin.person] !== pin.group) {
      out.push({
        ruleId: pin.id,
        message: `${personName(problem, pin.person)} is pinned to ${groupName(problem, pin.group)} but sits in ${groupName(problem, assignment[pin.person]!)}`,
      });
    }
  }
  for (const rule of rules.apart) {
    const ppl = [...new Set(rule.people)];
    for (let x = 0; x < ppl.length; x++) {
      for (let y = x + 1; y < ppl.length; y++) {
        if (assignment[ppl[x]!] === assignment[ppl[y]!]) {
          out.push({
            ruleId: rule.id,
            message: `${personName(problem, ppl[x]!)} and ${personName(problem, ppl[y]!)} share ${groupName(problem, assignment[ppl[x]!]!)} (${rule.reason})`,
          });
        }
      }
    }
  }
  for (const kind of rules.kinds) {
    const members = [...new Set(kind.members)];
    const count = new Int32Array(m);
    for (const p of members) count[assignment[p]!]!++;
    const min = effectiveMinimum(kind.minPerGroup ?? 0, members.length, m, kind.minIfPossible ?? false);
    for (let g = 0; g < m; g++) {
      if (kind.maxPerGroup !== undefined && count[g]! > kind.maxPerGroup) {
        out.push({ ruleId: kind.id, message: `${groupName(problem, g)} has ${count[g]} ${kind.name}, at most ${kind.maxPerGroup} allowed` });
      }
      if (count[g]! < min) {
        out.push({ ruleId: kind.id, message: `${groupName(problem, g)} has ${count[g]} ${kind.name}, at least ${min} required` });
      }
    }
  }
  return out;
}

/** The certificate returned with a feasible assignment: each rule and why it holds. */
export function proveFeasible(problem: GroupingProblem, assignment: ArrayLike<number>): FeasibilityProof | null {
  if (findViolations(problem, assignment).length > 0) return null;
  const { m, rules } = problem;
  const size = new Int32Array(m);
  for (let i = 0; i < problem.n; i++) size[assignment[i]!]!++;
  const checks: FeasibilityProof['checks'] = [];
  for (let g = 0; g < m; g++) {
    checks.push({ ruleId: `size:${g}`, holds: true, detail: `${groupName(problem, g)}: ${size[g]} in ${problem.minSize[g]}–${problem.maxSize[g]}` });
  }
  for (const pin of rules.pins) {
    checks.push({ ruleId: pin.id, holds: true, detail: `${personName(problem, pin.person)} in ${groupName(problem, pin.group)}` });
  }
  for (const rule of rules.apart) {
    const groups = [...new Set(rule.people)].map((p) => `${personName(problem, p)}→${groupName(problem, assignment[p]!)}`);
    checks.push({ ruleId: rule.id, holds: true, detail: `all in different groups: ${groups.join(', ')}` });
  }
  for (const kind of rules.kinds) {
    const count = new Int32Array(m);
    for (const p of new Set(kind.members)) count[assignment[p]!]!++;
    checks.push({ ruleId: kind.id, holds: true, detail: `${kind.name} per group: ${Array.from(count).join(', ')}` });
  }
  return { checks, objective: evaluateAssignment(problem, assignment) };
}
