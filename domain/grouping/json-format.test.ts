import { describe, expect, it } from 'vitest';
import { breakdownGroups } from './breakdown.ts';
import { computeDiversity } from './diversity.ts';
import { GroupingError } from './errors.ts';
import { parseGroupingJson, type GroupingInput } from './json-format.ts';
import { reoptimize } from './reoptimize.ts';
import { solve } from './solve.ts';
import { findViolations } from './verify.ts';

const professions = ['physician', 'psychologist', 'social worker', 'nurse'];
const regions = ['North', 'South', 'East'];

function course(): GroupingInput {
  const people = Array.from({ length: 24 }, (_, i) => ({
    id: `p${i}`,
    name: `Person ${i}`,
    attributes: {
      profession: professions[i % 4]!,
      region: regions[i % 3]!,
      institution: `inst${i % 8}`,
      balintExperience: i % 5,
      gender: i % 7 === 0 ? null : i % 2 === 0 ? 'f' : 'm',
    },
    kinds: [...(i < 4 ? ['faculty'] : []), ...(i >= 4 && i < 8 ? ['coLeaderCandidate'] : [])],
  }));
  return {
    format: 'balint-hub/grouping@1',
    groups: ['A', 'B', 'C', 'D'].map((id) => ({ id, name: `Group ${id}`, minSize: 5, maxSize: 7 })),
    people,
    attributes: [
      { name: 'profession', type: 'categorical', weight: 3 },
      { name: 'region', type: 'categorical', weight: 1 },
      { name: 'institution', type: 'categorical', weight: 1 },
      { name: 'balintExperience', type: 'numeric', weight: 2 },
      { name: 'gender', type: 'categorical', weight: 0.5 },
    ],
    rules: {
      apartWhenSame: ['institution'],
      apart: [{ id: 'supervision', people: ['p10', 'p11'], reason: 'supervisor and supervisee' }],
      pins: ['A', 'B', 'C', 'D'].map((g, k) => ({ person: `p${k}`, group: g, reason: 'faculty leader' })),
      kinds: [{ kind: 'coLeaderCandidate', name: 'co-leader candidates', maxPerGroup: 1 }],
    },
  };
}

describe('Balint Hub JSON input', () => {
  it('computes diversity from weighted attributes; unrecorded values add nothing', () => {
    const d = computeDiversity(
      [{ profession: 'physician', gender: null, years: 0 }, { profession: 'nurse', gender: 'f', years: 10 }, { profession: 'nurse', gender: 'm', years: 5 }],
      [
        { name: 'profession', type: 'categorical', weight: 2 },
        { name: 'gender', type: 'categorical', weight: 1 },
        { name: 'years', type: 'numeric', weight: 4 },
      ],
    );
    expect(d[0 * 3 + 1]).toBeCloseTo(2 + 0 + 4);
    expect(d[1 * 3 + 2]).toBeCloseTo(0 + 1 + 2);
    expect(d[2 * 3 + 1]).toBeCloseTo(d[1 * 3 + 2]!);
  });

  it('solves a course with faculty pins, institution and supervision rules, co-leader limits', () => {
    const { problem, input } = parseGroupingJson(JSON.stringify(course()));
    expect(problem.rules.apart.map((r) => r.id)).toContain('apart:institution=inst0');
    const result = solve(problem, { seed: 1, maxIterations: 60 });
    expect(result.status).toBe('feasible');
    if (result.status !== 'feasible') return;
    expect(findViolations(problem, result.assignment)).toEqual([]);
    expect(result.assignment.slice(0, 4)).toEqual([0, 1, 2, 3]);
    const groups = breakdownGroups(problem, result.assignment, input.people.map((p) => p.attributes ?? {}), input.attributes);
    expect(groups.map((g) => g.size).reduce((a, b) => a + b)).toBe(24);
    expect(groups[0]!.name).toBe('Group A');
    expect(Object.keys(groups[0]!.mix)).toContain('profession');
  });

  it('flags a group with no mix of a categorical attribute as weak', () => {
    const input = course();
    input.people = input.people.map((p) => ({ ...p, attributes: { ...p.attributes, profession: p.id === 'p0' || p.id === 'p1' ? 'nurse' : 'physician' } }));
    const { problem } = parseGroupingJson(JSON.stringify(input));
    const assignment = problem.personNames!.map((_, i) => Math.min(3, Math.floor(i / 6)));
    const groups = breakdownGroups(problem, assignment, input.people.map((p) => p.attributes ?? {}), input.attributes);
    expect(groups[1]!.weak).toContain('no mix of profession: all physician');
  });

  it('rejects unknown people with a typed error', () => {
    const input = course();
    input.rules!.pins = [{ person: 'nobody', group: 'A' }];
    expect(() => parseGroupingJson(JSON.stringify(input))).toThrow(GroupingError);
    try {
      parseGroupingJson(JSON.stringify(input));
    } catch (error) {
      expect((error as GroupingError).code).toBe('UNKNOWN_PERSON');
    }
  });
});

describe('re-optimization after a director change', () => {
  it('keeps everyone else in place when moving them is not worth the stated gain', () => {
    const { problem } = parseGroupingJson(JSON.stringify(course()));
    const first = solve(problem, { seed: 1, maxIterations: 60 });
    if (first.status !== 'feasible') throw new Error('expected feasible');
    // The director pins p20 into a group other than the one it was given.
    const target = (first.assignment[20]! + 1) % 4;
    const changed = { ...problem, rules: { ...problem.rules, pins: [...problem.rules.pins, { id: 'pin:p20', person: 20, group: target, reason: 'placed by the director' }] } };
    const sticky = reoptimize(changed, first.assignment, 1000, { seed: 2, maxIterations: 40 });
    expect(sticky.status).toBe('feasible');
    if (sticky.status !== 'feasible') return;
    expect(sticky.assignment[20]).toBe(target);
    expect(findViolations(changed, sticky.assignment)).toEqual([]);
    // p20 moved; at most the few people needed to restore sizes and rules move with it.
    expect(sticky.moved!.length).toBeLessThanOrEqual(3);
    const free = reoptimize(changed, first.assignment, 0, { seed: 2, maxIterations: 40 });
    if (free.status !== 'feasible') throw new Error('expected feasible');
    expect(free.diversity!).toBeGreaterThanOrEqual(sticky.diversity! - 1e-9);
  });
});
