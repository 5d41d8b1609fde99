// The locking rule for scarce things (places, early places, discount-code uses):
// inside one transaction, lock the course row, then the discount code's row — always in that
// order — then count, then write. Freeing capacity needs no extra lock (it happens under the
// course lock anyway). On a lock timeout or deadlock, retry a few times, then tell the person
// "busy, try again" (BUSY) instead of failing silently.
import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '#db/client.server.ts';
import { courses } from '#db/schema/courses.ts';
import { discountCodes } from '#db/schema/registration.ts';
import { DomainError } from '#domain/errors.ts';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

const LOCK_TIMEOUT = '5s';
const RETRYABLE = new Set(['55P03', '40P01', '40001', '23505']);
const ATTEMPTS = 4;

// Test-only: the locks can be switched off for a negative control (db/test-hooks.server.ts).
export { locksDisabledForTest } from '#db/test-hooks.server.ts';
import { locksDisabledForTest } from '#db/test-hooks.server.ts';

export async function lockCourse(tx: DbOrTx, organizationId: string, courseId: string) {
  const query = tx.select().from(courses).where(eq(courses.id, courseId));
  const [course] = locksDisabledForTest() ? await query : await query.for('update');
  if (!course || course.organizationId !== organizationId) throw new DomainError('COURSE_NOT_FOUND', courseId);
  return course;
}

export async function lockDiscountCode(tx: DbOrTx, courseId: string, code: string) {
  const query = tx
    .select()
    .from(discountCodes)
    .where(sql`${discountCodes.courseId} = ${courseId} and ${discountCodes.code} = ${code}`);
  const [row] = locksDisabledForTest() ? await query : await query.for('update');
  return row;
}

function pgCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Runs `work` in a transaction with a lock timeout; retries contention, then reports BUSY. */
export async function withScarceLocks<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        await tx.execute(sql.raw(`set local lock_timeout = '${LOCK_TIMEOUT}'`));
        return work(tx);
      });
    } catch (error) {
      const code = pgCode(error);
      if (!code || !RETRYABLE.has(code)) throw error;
      if (attempt >= ATTEMPTS) throw new DomainError('BUSY', `gave up after ${attempt} attempts (${code})`);
      await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 50));
    }
  }
}
