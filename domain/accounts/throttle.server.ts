// A sliding-window throttle over `throttle_events`: one row per request, counted per scope
// and per hashed key (an email, an address). Used where a request costs someone else
// something: a password-reset mail, an application holding a place.
import crypto from 'node:crypto';
import { and, count, eq, gt, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { throttleEvents } from '#db/schema/accounts.ts';

export interface ThrottleLimit {
  /** What is limited: e.g. `reset:email`, `reset:address`, `apply:address`. */
  scope: string;
  /** The email or address; hashed before it is stored. */
  key: string;
  max: number;
  windowMinutes: number;
}

export function throttleKeyHash(key: string): string {
  return crypto.createHash('sha256').update(key.trim().toLowerCase()).digest('hex');
}

/**
 * Records one request against every limit and says whether all of them still allow it.
 * A refused request is recorded too, so hammering does not reopen the window early.
 */
export async function takeThrottle(db: DbOrTx, limits: ThrottleLimit[]): Promise<{ allowed: boolean; retryAfterMinutes: number }> {
  // One transaction holding a lock per (scope, key), taken in a fixed order: concurrent
  // requests, in any number of processes, are counted one after another and never overshoot.
  const keyed = limits.map((limit) => ({ ...limit, keyHash: throttleKeyHash(limit.key) })).sort((a, b) => `${a.scope}:${a.keyHash}`.localeCompare(`${b.scope}:${b.keyHash}`));
  return db.transaction(async (tx) => {
    let allowed = true;
    let retryAfterMinutes = 0;
    for (const limit of keyed) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`throttle:${limit.scope}:${limit.keyHash}`}, 0))`);
      const [row] = await tx
        .select({ n: count() })
        .from(throttleEvents)
        .where(
          and(
            eq(throttleEvents.scope, limit.scope),
            eq(throttleEvents.keyHash, limit.keyHash),
            gt(throttleEvents.at, sql`now() - make_interval(mins => ${limit.windowMinutes})`),
          ),
        );
      if ((row?.n ?? 0) >= limit.max) {
        allowed = false;
        retryAfterMinutes = Math.max(retryAfterMinutes, limit.windowMinutes);
      }
      await tx.insert(throttleEvents).values({ scope: limit.scope, keyHash: limit.keyHash });
    }
    return { allowed, retryAfterMinutes };
  });
}

/** Forgets events older than a day (run by a periodic job). */
export async function pruneThrottleEvents(db: DbOrTx): Promise<number> {
  const deleted = await db.delete(throttleEvents).where(lt(throttleEvents.at, sql`now() - interval '1 day'`)).returning({ id: throttleEvents.id });
  return deleted.length;
}
