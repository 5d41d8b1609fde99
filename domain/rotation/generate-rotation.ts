// The presenting and leading rotation of one small group over its small-group sessions: who
// presents a case (never which case) and who practises leading, alone or in pairs, beside the
// group's faculty. Pure: no database, the same input and seed give the same plan (ADR 0056).
//
// Rules, each checked by generate-rotation.test.ts for arbitrary groups:
// - Presenting goes round the willing members in a seeded order: nobody presents twice before
//   every willing member has presented once (at every point of the course, counts differ by at
//   most one). Members who are not willing never present.
// - A co-leader candidate co-leads in exactly two sessions (fewer only when the group has fewer
//   sessions), about half the course apart, and not in the session where they present unless that cannot be
//   avoided.
// - Practice leading goes to the other members in turn, never to the session's presenter, so
//   that turns differ by at most one between any two of them.
import { createRng, type Rng } from '#domain/grouping/rng.ts';

export interface RotationMember {
  registrationId: string;
  willingToPresent: boolean;
  coLeaderCandidate: boolean;
}

export type LeadingMode = 'alone' | 'pairs';

export interface RotationInput {
  members: readonly RotationMember[];
  /** The group's small-group sessions, in time order. */
  sessionIds: readonly string[];
  seed: number;
  /** Practice leaders per session: one alone, or two in a pair (a co-leader takes one of the places). */
  leading?: LeadingMode;
  /** Cases per session (one: a 45-minute case and its leadership discussion). */
  presentersPerSession?: number;
}

export type TurnRole = 'presenter' | 'leader' | 'co_leader';

export interface Turn {
  sessionId: string;
  registrationId: string;
  role: TurnRole;
}

/** Co-leading sessions each co-leader candidate gets. */
export const CO_LEADING_SESSIONS = 2;

function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function generateRotation(input: RotationInput): Turn[] {
  const rng = createRng(input.seed);
  const sessions = input.sessionIds;
  const perSession = Math.max(0, input.presentersPerSession ?? 1);
  const leadingPlaces = input.leading === 'alone' ? 1 : 2;
  // Sort first, so the plan depends on who is in the group, not on the order rows came in.
  const members = [...input.members].sort((a, b) => (a.registrationId < b.registrationId ? -1 : a.registrationId > b.registrationId ? 1 : 0));

  // Presenting: round robin over a seeded order of the willing.
  const willing = shuffled(
    members.filter((m) => m.willingToPresent).map((m) => m.registrationId),
    rng,
  );
  const presenters: string[][] = sessions.map(() => []);
  const presents = new Map<string, number[]>();
  const take = Math.min(perSession, willing.length);
  let next = 0;
  sessions.forEach((_, s) => {
    for (let k = 0; k < take; k++) {
      const id = willing[next % willing.length]!;
      next++;
      presenters[s]!.push(id);
      presents.set(id, [...(presents.get(id) ?? []), s]);
    }
  });

  // Co-leading: each candidate gets the pair of sessions with the fewest co-leaders so far,
  // avoiding the sessions they present in, as far apart as possible; the seed breaks ties.
  const coLeaders: string[][] = sessions.map(() => []);
  const candidates = shuffled(
    members.filter((m) => m.coLeaderCandidate).map((m) => m.registrationId),
    rng,
  );
  const want = Math.min(CO_LEADING_SESSIONS, sessions.length);
  for (const id of candidates) {
    const own = new Set(presents.get(id) ?? []);
    const free = sessions.map((_, s) => s).filter((s) => !own.has(s));
    const pool = free.length >= want ? free : sessions.map((_, s) => s);
    const chosen = bestSpread(pool, want, sessions.length, (s) => coLeaders[s]!.length, rng);
    for (const s of chosen) coLeaders[s]!.push(id);
  }

  // Practice leading: a queue of the other members in seeded order; each session takes the
  // first members in the queue who do not present in it and sends them to the back. Someone
  // skipped keeps their place at the front, so they lead in the next session instead.
  const candidateSet = new Set(candidates);
  let queue = shuffled(
    members.filter((m) => !candidateSet.has(m.registrationId)).map((m) => m.registrationId),
    rng,
  );
  const leaders: string[][] = sessions.map(() => []);
  sessions.forEach((_, s) => {
    const places = Math.max(0, leadingPlaces - coLeaders[s]!.length);
    const busy = new Set(presenters[s]);
    const picked: string[] = [];
    for (const id of queue) {
      if (picked.length >= places) break;
      if (!busy.has(id)) picked.push(id);
    }
    leaders[s] = picked;
    queue = [...queue.filter((id) => !picked.includes(id)), ...picked];
  });

  const turns: Turn[] = [];
  sessions.forEach((sessionId, s) => {
    for (const id of presenters[s]!) turns.push({ sessionId, registrationId: id, role: 'presenter' });
    for (const id of coLeaders[s]!) turns.push({ sessionId, registrationId: id, role: 'co_leader' });
    for (const id of leaders[s]!) turns.push({ sessionId, registrationId: id, role: 'leader' });
  });
  return turns;
}

/**
 * `count` sessions from `pool` with the least load, then about half the course apart (a first
 * try and a second once the group has moved on); the seed breaks the remaining ties. Pools are
 * a course's sessions (about nine), so every pair is tried.
 */
function bestSpread(pool: readonly number[], count: number, total: number, load: (s: number) => number, rng: Rng): number[] {
  if (count <= 0 || pool.length === 0) return [];
  if (count === 1 || pool.length === 1) {
    const least = Math.min(...pool.map(load));
    const options = pool.filter((s) => load(s) === least);
    return [options[rng.int(options.length)]!];
  }
  let best: { pair: [number, number]; load: number; gap: number; tie: number } | undefined;
  for (let i = 0; i < pool.length; i++) {
    for (let j = i + 1; j < pool.length; j++) {
      const a = pool[i]!;
      const b = pool[j]!;
      const candidate = { pair: [a, b] as [number, number], load: load(a) + load(b), gap: -Math.abs(b - a - Math.floor(total / 2)), tie: rng.next() };
      if (!best || candidate.load < best.load || (candidate.load === best.load && (candidate.gap > best.gap || (candidate.gap === best.gap && candidate.tie < best.tie)))) best = candidate;
    }
  }
  return best!.pair;
}
