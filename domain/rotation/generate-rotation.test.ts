// Property tests of the rotation (fast-check): for arbitrary groups, session counts and seeds,
// the fairness rules of generate-rotation.ts hold.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CO_LEADING_SESSIONS, generateRotation, type RotationInput, type Turn } from './generate-rotation.ts';

const memberArb = fc.record({ willingToPresent: fc.boolean(), coLeaderCandidate: fc.boolean() });

const inputArb = fc
  .record({
    members: fc.array(memberArb, { minLength: 0, maxLength: 14 }),
    sessions: fc.integer({ min: 0, max: 12 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    leading: fc.constantFrom('alone' as const, 'pairs' as const),
    presentersPerSession: fc.integer({ min: 1, max: 2 }),
  })
  .map(
    ({ members, sessions, seed, leading, presentersPerSession }): RotationInput => ({
      members: members.map((m, i) => ({ ...m, registrationId: `r${String(i).padStart(2, '0')}` })),
      sessionIds: Array.from({ length: sessions }, (_, i) => `s${i}`),
      seed,
      leading,
      presentersPerSession,
    }),
  );

function turnsOf(turns: Turn[], role: Turn['role']) {
  return turns.filter((t) => t.role === role);
}

describe('generateRotation', () => {
  test('the same input and seed give the same plan, whatever order the members come in', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const a = generateRotation(input);
        const b = generateRotation({ ...input, members: [...input.members].reverse() });
        expect(b).toEqual(a);
      }),
    );
  });

  test('nobody presents twice before every willing member has presented once; the unwilling never present', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const turns = generateRotation(input);
        const willing = input.members.filter((m) => m.willingToPresent).map((m) => m.registrationId);
        const counts = new Map(willing.map((id) => [id, 0]));
        for (const sessionId of input.sessionIds) {
          const here = turnsOf(turns, 'presenter').filter((t) => t.sessionId === sessionId);
          expect(here).toHaveLength(Math.min(input.presentersPerSession ?? 1, willing.length));
          expect(new Set(here.map((t) => t.registrationId)).size).toBe(here.length);
          for (const t of here) {
            expect(counts.has(t.registrationId), 'only willing members present').toBe(true);
            counts.set(t.registrationId, counts.get(t.registrationId)! + 1);
          }
          // After each session: a second turn only once everyone willing has had a first.
          const values = [...counts.values()];
          if (values.some((c) => c >= 2)) expect(Math.min(...values)).toBeGreaterThanOrEqual(1);
          if (values.length > 0) expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
        }
        // Enough sessions for everyone: everyone willing presents.
        if (willing.length <= input.sessionIds.length * (input.presentersPerSession ?? 1)) {
          for (const c of counts.values()) expect(c).toBeGreaterThanOrEqual(1);
        }
      }),
    );
  });

  test('each co-leader candidate co-leads in exactly two sessions, not where they present when avoidable', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const turns = generateRotation(input);
        for (const m of input.members) {
          const co = turnsOf(turns, 'co_leader').filter((t) => t.registrationId === m.registrationId);
          if (!m.coLeaderCandidate) {
            expect(co).toEqual([]);
            continue;
          }
          expect(co).toHaveLength(Math.min(CO_LEADING_SESSIONS, input.sessionIds.length));
          expect(new Set(co.map((t) => t.sessionId)).size).toBe(co.length);
          const presenting = new Set(turnsOf(turns, 'presenter').filter((t) => t.registrationId === m.registrationId).map((t) => t.sessionId));
          const free = input.sessionIds.filter((s) => !presenting.has(s)).length;
          if (free >= CO_LEADING_SESSIONS) for (const t of co) expect(presenting.has(t.sessionId), 'co-leads where they present').toBe(false);
        }
      }),
    );
  });

  test('practice leading never falls on the presenter and spreads evenly among the other members', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const turns = generateRotation(input);
        const places = input.leading === 'alone' ? 1 : 2;
        const others = input.members.filter((m) => !m.coLeaderCandidate).map((m) => m.registrationId);
        for (const sessionId of input.sessionIds) {
          const presenting = new Set(turnsOf(turns, 'presenter').filter((t) => t.sessionId === sessionId).map((t) => t.registrationId));
          const leading = turnsOf(turns, 'leader').filter((t) => t.sessionId === sessionId);
          const coLeading = turnsOf(turns, 'co_leader').filter((t) => t.sessionId === sessionId);
          for (const t of leading) expect(presenting.has(t.registrationId)).toBe(false);
          expect(new Set(leading.map((t) => t.registrationId)).size).toBe(leading.length);
          // Every place is filled while enough members are free to fill it.
          const free = others.filter((id) => !presenting.has(id)).length;
          expect(leading.length).toBe(Math.min(Math.max(0, places - coLeading.length), free));
        }
        // Evenly: with enough members that no place ever goes unfilled, and nobody kept from
        // leading by presenting again and again (the willing outnumber the cases), turns differ by
        // at most one.
        const maxPresenters = input.presentersPerSession ?? 1;
        const presentsTwice = new Set(turnsOf(turns, 'presenter').map((t) => t.registrationId)).size < turnsOf(turns, 'presenter').length;
        if (others.length >= places + maxPresenters + 1 && !presentsTwice) {
          const counts = others.map((id) => turnsOf(turns, 'leader').filter((t) => t.registrationId === id).length);
          expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  test('a group of ten over nine sessions, one candidate: a worked example', () => {
    const members = Array.from({ length: 10 }, (_, i) => ({ registrationId: `m${i}`, willingToPresent: i !== 9, coLeaderCandidate: i === 0 }));
    const sessionIds = Array.from({ length: 9 }, (_, i) => `s${i}`);
    const turns = generateRotation({ members, sessionIds, seed: 7 });
    // Nine willing, nine sessions: each presents exactly once.
    const presenters = turnsOf(turns, 'presenter').map((t) => t.registrationId);
    expect(new Set(presenters).size).toBe(9);
    expect(presenters).not.toContain('m9');
    const co = turnsOf(turns, 'co_leader');
    expect(co.map((t) => t.registrationId)).toEqual(['m0', 'm0']);
    // About half the course apart.
    const [a, b] = co.map((t) => Number(t.sessionId.slice(1)));
    expect(Math.abs(b! - a!)).toBe(4);
  });
});
