// Posting to the ledger: an account's entries are only ever added, never changed (ADR 0040).
import type { DbOrTx } from '#db/client.server.ts';
import { ledgerEntries } from '#db/schema/money.ts';
import type { LedgerEntry, NewEntry } from './ledger-rows.ts';

/** Posts entries; zero amounts are skipped (nothing happened). Returns the rows written. */
export async function postEntries(tx: DbOrTx, entries: NewEntry[]): Promise<LedgerEntry[]> {
  const rows = entries.filter((e) => e.amountMinor !== 0);
  if (rows.length === 0) return [];
  return tx
    .insert(ledgerEntries)
    .values(rows.map((e) => ({ ...e, reason: e.reason ?? '' })))
    .returning();
}
