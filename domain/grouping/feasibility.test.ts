import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GroupingProblem, HardRules } from './problem.ts';
import { solve } from './solve.ts';
import { exhaustiveBest, problemFrom } from './test-support.ts';
import { findViolations } from './verify.ts';

// Random small instances with random hard rules, some deliberately impossible. The solver's
// verdict is checked against exhaustive enumeration: a feasible answer must break no rule, an
// "infeasible" verdict marked proven must be true, and a feasible instance must be solved.
const ruledProblem: fc.Arbitrary<GroupingProblem> = fc
  .record({ n: fc.integer({ min: 2, max: 8 }), m: fc.integer({ min: 1, max: 3 }) })
  .chain(({ n, m }) => {
    const person = fc.nat(n - 1);
    const group = fc.nat(m - 1);
    const rules: fc.Arbitrary<HardRules> = fc.record({
      apart: fc.array(fc.record({ id: fc.constant(''), people: fc.array(person, { minLength: 2, maxLength: 3 }), reason: fc.constant('same institution') }), { maxLength: 3 }),
      pins: fc.array(fc.record({ id: fc.constant(''), person, group, reason: fc.constant('faculty leader') }), { maxLength: 3 }),
      kinds: fc.array(
        fc.record({
          id: fc.constant(''),
          name: fc.constant('co-leader candidates'),
          members: fc.array(person, { maxLength: n }),
          maxPerGroup: fc.option(fc.nat(2), { nil: undefined }),
          minPerGroup: fc.option(fc.nat(2), { nil: undefined }),
          minIfPossible: fc.boolean(),
        }),
        { maxLength: 2 },
      ),
    });
    const size = fc.tuple(fc.nat(4), fc.nat(3)).map(([a, extra]) => [a, a + extra] as [number, number]);
    return fc.tuple(fc.constant(n), fc.constant(m), fc.array(size, { minLength: m, maxLength: m }), fc.array(fc.nat(50), { minLength: 1, maxLength: 30 }), rules);
  })
  .map(([n, m, sizes, values, rules]) => {
    const named: HardRules = {
      apart: rules.apart.map((r, k) => ({ ...r, id: `apart:${k}` })),
      pins: rules.pins.map((r, k) => ({ ...r, id: `pin:${k}` })),
      kinds: rules.kinds.map((r, k) => ({ ...r, id: `kind:${k}` })),
    };
    return problemFrom(n, m, sizes, values, named);
  });

describe('hard rules and feasibility', () => {
  it('never returns a violating assignment and reports infeasibility truthfully', () => {
    let infeasibleSeen = 0;
    let feasibleSeen = 0;
    fc.assert(
      fc.property(ruledProblem, fc.integer(), (problem, seed) => {
        const truth = exhaustiveBest(problem);
        const result = solve(problem, { seed, maxIterations: 30 });
        if (result.status === 'feasible') {
          feasibleSeen++;
          expect(findViolations(problem, result.assignment)).toEqual([]);
          expect(truth).not.toBeNull();
          expect(result.proof.checks.length).toBeGreaterThan(0);
        } else {
          infeasibleSeen++;
          expect(result.conflicts.length).toBeGreaterThan(0);
          expect(result.proven).toBe(true);
          expect(truth).toBeNull();
          for (const c of result.conflicts) expect(c.ruleIds.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
    // The generator must exercise both outcomes or the property proves little.
    expect(infeasibleSeen).toBeGreaterThan(10);
    expect(feasibleSeen).toBeGreaterThan(10);
  });

  const base = (n: number, m: number, size: [number, number], rules: Partial<HardRules>): GroupingProblem =>
    problemFrom(n, m, Array.from({ length: m }, () => size), [1, 2, 3], { apart: [], pins: [], kinds: [], ...rules });

  it.each([
    {
      name: 'too many co-leader candidates for the groups',
      problem: base(100, 10, [10, 10], { kinds: [{ id: 'co-leaders', name: 'co-leader candidates', members: [...Array(12).keys()], maxPerGroup: 1 }] }),
      code: 'KIND_MAX_TOO_FEW_GROUPS',
      ruleIds: ['co-leaders'],
      message: '12 co-leader candidates, at most 1 per group, only 10 groups',
    },
    {
      name: 'pinned together but apart',
      problem: base(6, 2, [3, 3], {
        pins: [
          { id: 'pin:A', person: 0, group: 1, reason: 'faculty leader' },
          { id: 'pin:B', person: 1, group: 1, reason: 'faculty leader' },
        ],
        apart: [{ id: 'supervision', people: [0, 1], reason: 'supervisor and supervisee' }],
      }),
      code: 'PINNED_TOGETHER_BUT_APART',
      ruleIds: ['pin:A', 'pin:B', 'supervision'],
      message: '#0 and #1 are both pinned to group 1 but must not share a group (supervisor and supervisee)',
    },
    {
      name: 'size bounds cannot hold everyone',
      problem: base(25, 3, [6, 8], {}),
      code: 'SIZE_BOUNDS_CANNOT_COVER',
      ruleIds: ['size'],
      message: '25 people, but the small groups together take between 18 and 24',
    },
  ])('explains: $name', ({ problem, code, ruleIds, message }) => {
    const result = solve(problem, { maxIterations: 5 });
    expect(result.status).toBe('infeasible');
    if (result.status !== 'infeasible') return;
    expect(result.proven).toBe(true);
    expect(result.conflicts).toContainEqual({ code, ruleIds, message });
  });

  it('names the minimal set of conflicting rules when only search can show it', () => {
    // Two groups of 2; three people pairwise apart cannot fit; the pin is irrelevant.
    const problem = base(4, 2, [2, 2], {
      apart: [
        { id: 'apart:ab', people: [0, 1], reason: 'same institution' },
        { id: 'apart:bc', people: [1, 2], reason: 'same institution' },
        { id: 'apart:ac', people: [0, 2], reason: 'supervisor and supervisee' },
      ],
      pins: [{ id: 'pin:d', person: 3, group: 0, reason: 'faculty leader' }],
    });
    const result = solve(problem, { maxIterations: 5 });
    expect(result).toMatchObject({ status: 'infeasible', proven: true });
    if (result.status !== 'infeasible') return;
    expect(result.conflicts[0]!.code).toBe('NO_ASSIGNMENT_EXISTS');
    expect(result.conflicts[0]!.ruleIds).toEqual(['size', 'apart:ab', 'apart:bc', 'apart:ac']);
  });

  it('lowers a minimum marked "if possible" and says so', () => {
    const problem = base(12, 4, [3, 3], {
      kinds: [{ id: 'physicians', name: 'physicians', members: [0, 1, 2, 3, 4, 5], minPerGroup: 2, minIfPossible: true }],
    });
    const result = solve(problem, { maxIterations: 20 });
    expect(result.status).toBe('feasible');
    if (result.status !== 'feasible') return;
    expect(result.relaxations).toEqual(['physicians: at least 1 physicians per group instead of 2 (only 6 for 4 groups)']);
  });
});
