import { groupName, personName, type GroupingProblem } from './problem.ts';
import { effectiveMinimum } from './rules.ts';

// Necessary conditions checked before any search: each failure names the rules that cannot
// all hold together, in words a course director can act on.
export type ConflictCode =
  | 'SIZE_BOUNDS_INVERTED'
  | 'SIZE_BOUNDS_CANNOT_COVER'
  | 'PINNED_TWICE'
  | 'PINS_EXCEED_GROUP_SIZE'
  | 'PINNED_TOGETHER_BUT_APART'
  | 'APART_MORE_THAN_GROUPS'
  | 'KIND_BOUNDS_INVERTED'
  | 'KIND_MAX_TOO_FEW_GROUPS'
  | 'KIND_MIN_SHORT'
  | 'KIND_MIN_ABOVE_GROUP_SIZE'
  | 'PINS_EXCEED_KIND_MAX'
  | 'NO_ASSIGNMENT_EXISTS'
  | 'FEASIBILITY_UNKNOWN';

export type Conflict = {
  code: ConflictCode;
  /** The rules involved; `size:g` stands for group g's size bounds, `size` for all of them. */
  ruleIds: string[];
  message: string;
};

export function findStaticConflicts(problem: GroupingProblem): Conflict[] {
  const { n, m, rules } = problem;
  const out: Conflict[] = [];
  let minSum = 0;
  let maxSum = 0;
  for (let g = 0; g < m; g++) {
    const a = problem.minSize[g]!;
    const b = problem.maxSize[g]!;
    minSum += a;
    maxSum += b;
    if (a > b) {
      out.push({ code: 'SIZE_BOUNDS_INVERTED', ruleIds: [`size:${g}`], message: `${groupName(problem, g)} needs at least ${a} but at most ${b} people` });
    }
  }
  if (minSum > n || maxSum < n) {
    out.push({
      code: 'SIZE_BOUNDS_CANNOT_COVER',
      ruleIds: ['size'],
      message: `${n} people, but the small groups together take between ${minSum} and ${maxSum}`,
    });
  }

  const pinOf = new Map<number, { group: number; id: string }>();
  const pinnedIn: number[][] = Array.from({ length: m }, () => []);
  for (const pin of rules.pins) {
    const earlier = pinOf.get(pin.person);
    if (earlier && earlier.group !== pin.group) {
      out.push({
        code: 'PINNED_TWICE',
        ruleIds: [earlier.id, pin.id],
        message: `${personName(problem, pin.person)} is pinned to both ${groupName(problem, earlier.group)} and ${groupName(problem, pin.group)}`,
      });
      continue;
    }
    if (!earlier) {
      pinOf.set(pin.person, { group: pin.group, id: pin.id });
      pinnedIn[pin.group]!.push(pin.person);
    }
  }
  for (let g = 0; g < m; g++) {
    if (pinnedIn[g]!.length > problem.maxSize[g]!) {
      out.push({
        code: 'PINS_EXCEED_GROUP_SIZE',
        ruleIds: [...pinnedIn[g]!.map((p) => pinOf.get(p)!.id), `size:${g}`],
        message: `${pinnedIn[g]!.length} people are pinned to ${groupName(problem, g)}, which holds at most ${problem.maxSize[g]}`,
      });
    }
  }

  for (const rule of rules.apart) {
    const ppl = [...new Set(rule.people)];
    if (ppl.length > m) {
      out.push({
        code: 'APART_MORE_THAN_GROUPS',
        ruleIds: [rule.id],
        message: `${ppl.length} people must all be in different small groups (${rule.reason}), but there are only ${m} groups`,
      });
    }
    for (let x = 0; x < ppl.length; x++) {
      for (let y = x + 1; y < ppl.length; y++) {
        const px = pinOf.get(ppl[x]!);
        const py = pinOf.get(ppl[y]!);
        if (px && py && px.group === py.group) {
          out.push({
            code: 'PINNED_TOGETHER_BUT_APART',
            ruleIds: [px.id, py.id, rule.id],
            message: `${personName(problem, ppl[x]!)} and ${personName(problem, ppl[y]!)} are both pinned to ${groupName(problem, px.group)} but must not share a group (${rule.reason})`,
          });
        }
      }
    }
  }

  for (const kind of rules.kinds) {
    const members = [...new Set(kind.members)];
    const max = kind.maxPerGroup;
    const min = effectiveMinimum(kind.minPerGroup ?? 0, members.length, m, kind.minIfPossible ?? false);
    if (max !== undefined && min > max) {
      out.push({ code: 'KIND_BOUNDS_INVERTED', ruleIds: [kind.id], message: `${kind.name}: at least ${min} but at most ${max} per group` });
    }
    if (max !== undefined && members.length > max * m) {
      out.push({
        code: 'KIND_MAX_TOO_FEW_GROUPS',
        ruleIds: [kind.id],
        message: `${members.length} ${kind.name}, at most ${max} per group, only ${m} groups`,
      });
    }
    if (members.length < min * m) {
      out.push({
        code: 'KIND_MIN_SHORT',
        ruleIds: [kind.id],
        message: `${members.length} ${kind.name}, but ${m} groups need at least ${min} each (${min * m})`,
      });
    }
    for (let g = 0; g < m; g++) {
      if (min > problem.maxSize[g]!) {
        out.push({
          code: 'KIND_MIN_ABOVE_GROUP_SIZE',
          ruleIds: [kind.id, `size:${g}`],
          message: `${groupName(problem, g)} holds at most ${problem.maxSize[g]} but needs at least ${min} ${kind.name}`,
        });
      }
      if (max !== undefined) {
        const pinnedOfKind = pinnedIn[g]!.filter((p) => members.includes(p));
        if (pinnedOfKind.length > max) {
          out.push({
            code: 'PINS_EXCEED_KIND_MAX',
            ruleIds: [...pinnedOfKind.map((p) => pinOf.get(p)!.id), kind.id],
            message: `${pinnedOfKind.length} ${kind.name} are pinned to ${groupName(problem, g)}, at most ${max} allowed`,
          });
        }
      }
    }
  }
  return out;
}
