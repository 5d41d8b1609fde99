// Races forced, not hoped for. A concurrency test runs its contenders through `race.run`; each
// transaction that reaches the race point (db/test-hooks.server.ts) is held there until every
// contender is accounted for: arrived at the point, waiting on a PostgreSQL lock (seen in
// pg_stat_activity), or finished without reaching it (refused before, e.g. "invoice no longer
// open"). Then all held contenders go on together.
// - With the locks off, nothing blocks a contender before the point, so all of them read the
//   same state before any writes: the oversell happens every time, not when timing allows.
// - With the locks on, the first contender holds the lock at the point while the others wait
//   on it; the barrier sees them waiting and lets the first go, then the next, and so on: the
//   test proves the lock under the worst interleaving instead of a lucky one.
// No sleeps decide anything: a short poll of pg_stat_activity, and a generous limit that fails
// the test loudly (never passes it) if a contender is stuck.
import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import { testHooks, type RacePoint } from '../../db/test-hooks.server.ts';

const STUCK_AFTER_MS = 60_000;

/** Backends of this database waiting on a lock (row, relation, transaction id or advisory). */
export async function lockWaiters(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
  return rows[0]!.n;
}

export interface ForcedRace {
  /** Runs one contender; its transactions are held at the race point. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** How many contenders reached the point (each counted once, whatever its retries). */
  readonly arrived: number;
  /** Removes the hook. */
  end(): void;
}

/**
 * Installs a barrier at `point` for `contenders` contenders, all started with `run`.
 * Contenders that never reach the point must settle (throw or return) for the others to go on.
 */
export function forceRace(pool: pg.Pool, point: RacePoint, contenders: number): ForcedRace {
  const who = new AsyncLocalStorage<number>();
  const arrived = new Set<number>();
  const settledWithout = new Set<number>();
  let next = 0;
  let open = false;

  async function accountedFor(): Promise<boolean> {
    if (open) return true;
    if (arrived.size + settledWithout.size >= contenders) return (open = true);
    // Only the arrived are held; the rest wait on a lock one of them holds, or will settle.
    const waiting = await lockWaiters(pool);
    if (arrived.size + settledWithout.size + waiting >= contenders) return true;
    return false;
  }

  testHooks.racePoint = async (reached) => {
    const id = who.getStore();
    if (reached !== point || id === undefined) return;
    // A retried transaction (after a deadlock or unique violation) is not held again.
    if (arrived.has(id)) return;
    arrived.add(id);
    const started = Date.now();
    while (!(await accountedFor())) {
      if (Date.now() - started > STUCK_AFTER_MS) throw new Error(`forced race at ${point}: ${arrived.size} arrived, ${settledWithout.size} settled, of ${contenders}; a contender is stuck`);
      await new Promise((r) => setTimeout(r, 3));
    }
  };

  return {
    run<T>(work: () => Promise<T>): Promise<T> {
      const id = next++;
      if (id >= contenders) throw new Error(`forced race at ${point}: more than ${contenders} contenders`);
      return who.run(id, async () => {
        try {
          return await work();
        } finally {
          if (!arrived.has(id)) settledWithout.add(id);
        }
      });
    },
    get arrived() {
      return arrived.size;
    },
    end() {
      delete testHooks.racePoint;
    },
  };
}

/** Runs `work` with the locks switched off (the negative control), in this process only. */
export async function withLocksOff<T>(work: () => Promise<T>): Promise<T> {
  if (process.env.NODE_ENV !== 'test') throw new Error('the locks can only be switched off in tests');
  testHooks.skipLocks = true;
  try {
    return await work();
  } finally {
    delete testHooks.skipLocks;
  }
}

/**
 * Resolves when `contender` settles or any backend of this database waits on a lock: the
 * moment a transaction that is about to commit can let a racing one go on. Replaces a fixed
 * sleep: without locks the contender finishes first; with them it is seen waiting.
 */
export async function settledOrBlocked(pool: pg.Pool, contender: Promise<unknown>): Promise<'settled' | 'blocked'> {
  let settled = false;
  void contender.then(
    () => (settled = true),
    () => (settled = true),
  );
  const started = Date.now();
  for (;;) {
    if (settled) return 'settled';
    if ((await lockWaiters(pool)) > 0) return 'blocked';
    if (Date.now() - started > STUCK_AFTER_MS) throw new Error('the racing operation neither finished nor waited on a lock');
    await new Promise((r) => setTimeout(r, 3));
  }
}
