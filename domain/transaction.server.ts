// The one way a capability changes something scarce: a retried transaction with a lock
// timeout (db/transaction.server.ts), and "busy, try again" (BUSY) when contention outlasts the
// retries. Inside, lock in the one order: the course row (domain/courses/lock-course.server.ts),
// then registrations (domain/money/money-locks.server.ts), then a discount code or a checkout.
import type { Db } from '#db/client.server.ts';
import { retriedTransaction, TransactionBusy, type Tx } from '#db/transaction.server.ts';
import { DomainError } from './errors.ts';

export type { Tx };
// Test-only: the locks can be switched off for a negative control (db/test-hooks.server.ts).
export { locksDisabledForTest } from '#db/test-hooks.server.ts';

export async function withScarceLocks<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await retriedTransaction(db, work);
  } catch (error) {
    if (error instanceof TransactionBusy) throw new DomainError('BUSY', error.message);
    throw error;
  }
}
