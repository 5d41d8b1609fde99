import crypto from 'node:crypto';
import { and, count, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { signInAttempts } from '#db/schema/accounts.ts';

export const THROTTLE_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 30;

export function hashEmail(email: string): string {
  return crypto.createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterMinutes: number };

/** Refuses sign-in after repeated failures for one email or from one address. */
export async function checkSignInAllowed(db: DbOrTx, email: string, ipAddress: string | null): Promise<ThrottleVerdict> {
  const since = sql`now() - make_interval(mins => ${THROTTLE_WINDOW_MINUTES})`;
  const [byEmail] = await db
    .select({ n: count() })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.emailHash, hashEmail(email)), eq(signInAttempts.succeeded, false), gt(signInAttempts.at, since)));
  const [byIp] = ipAddress
    ? await db
        .select({ n: count() })
        .from(signInAttempts)
        .where(and(eq(signInAttempts.ipAddress, ipAddress), eq(signInAttempts.succeeded, false), gt(signInAttempts.at, since)))
    : [{ n: 0 }];
  if ((byEmail?.n ?? 0) >= MAX_FAILURES_PER_EMAIL || (byIp?.n ?? 0) >= MAX_FAILURES_PER_IP) {
    return { allowed: false, retryAfterMinutes: THROTTLE_WINDOW_MINUTES };
  }
  return { allowed: true };
}

export async function recordSignInAttempt(db: DbOrTx, email: string, ipAddress: string | null, succeeded: boolean): Promise<void> {
  const emailHash = hashEmail(email);
  await db.insert(signInAttempts).values({ emailHash, ipAddress, succeeded });
  // A success clears the slate for that email.
  if (succeeded) await db.delete(signInAttempts).where(and(eq(signInAttempts.emailHash, emailHash), eq(signInAttempts.succeeded, false)));
}
