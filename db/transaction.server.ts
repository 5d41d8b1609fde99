// Transactions that guard scarce things (places, early places, discount-code uses, aid awards,
// money): a lock timeout, and on a lock timeout, deadlock, serialization failure or a lost
// unique race a few retries with jitter, then TransactionBusy — never a silent failure.
// The locking order itself (course row, then registrations, then the discount code or the
// checkout) is the capabilities'; domain/transaction.server.ts turns "busy" into the domain's
// BUSY error that every page and the API explain.
import { sql } from 'drizzle-orm';
import type { Db } from './client.server.ts';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

const LOCK_TIMEOUT = '5s';
/** lock_not_available, deadlock_detected, serialization_failure, unique_violation. */
const RETRYABLE = new Set(['55P03', '40P01', '40001', '23505']);
const ATTEMPTS = 4;

/** Gave up after retrying contention. */
export class TransactionBusy extends Error {
  readonly attempts: number;
  readonly pgCode: string;
  constructor(attempts: number, code: string) {
    super(`gave up after ${attempts} attempts (${code})`);
    this.attempts = attempts;
    this.pgCode = code;
  }
}

/** The SQLSTATE of a PostgreSQL error, looked for through a few `cause` links (drizzle wraps them). */
export function pgCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Runs `work` in a transaction with a lock timeout; retries contention, then throws TransactionBusy. */
export async function retriedTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        await tx.execute(sql.raw(`set local lock_timeout = '${LOCK_TIMEOUT}'`));
        return work(tx);
      });
    } catch (error) {
      const code = pgCode(error);
      if (!code || !RETRYABLE.has(code)) throw error;
      if (attempt >= ATTEMPTS) throw new TransactionBusy(attempt, code);
      await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 50));
    }
  }
}
