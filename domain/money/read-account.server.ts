// Reading a registration's account back from the ledger: its entries, its summary, many balances at once.
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { ledgerEntries } from '#db/schema/money.ts';
import { summarize, type AccountSummary } from './account.ts';
import type { LedgerEntry } from './ledger-rows.ts';

export async function registrationEntries(tx: DbOrTx, registrationId: string): Promise<LedgerEntry[]> {
  return tx.select().from(ledgerEntries).where(eq(ledgerEntries.registrationId, registrationId)).orderBy(asc(ledgerEntries.sequence));
}

export async function registrationAccount(tx: DbOrTx, registrationId: string): Promise<AccountSummary> {
  return summarize(await registrationEntries(tx, registrationId));
}

export async function seriesEnrollmentEntries(tx: DbOrTx, seriesEnrollmentId: string): Promise<LedgerEntry[]> {
  return tx.select().from(ledgerEntries).where(eq(ledgerEntries.seriesEnrollmentId, seriesEnrollmentId)).orderBy(asc(ledgerEntries.sequence));
}

/** A series enrollment's account (its own ledger account, like a registration's). */
export async function seriesEnrollmentAccount(tx: DbOrTx, seriesEnrollmentId: string): Promise<AccountSummary> {
  return summarize(await seriesEnrollmentEntries(tx, seriesEnrollmentId));
}

/** Balances of many series enrollments at once (the enrollee list, My registrations). */
export async function seriesEnrollmentBalances(tx: DbOrTx, ids: string[]): Promise<Map<string, AccountSummary>> {
  const result = new Map<string, AccountSummary>();
  if (ids.length === 0) return result;
  const rows = await tx
    .select({ id: ledgerEntries.seriesEnrollmentId, kind: ledgerEntries.kind, amountMinor: sql<number>`sum(${ledgerEntries.amountMinor})::int` })
    .from(ledgerEntries)
    .where(inArray(ledgerEntries.seriesEnrollmentId, ids))
    .groupBy(ledgerEntries.seriesEnrollmentId, ledgerEntries.kind);
  for (const id of ids) result.set(id, summarize(rows.filter((r) => r.id === id)));
  return result;
}

/** Balances of many registrations at once (lists, dashboards). */
export async function registrationBalances(tx: DbOrTx, registrationIds: string[]): Promise<Map<string, AccountSummary>> {
  const result = new Map<string, AccountSummary>();
  if (registrationIds.length === 0) return result;
  const rows = await tx
    .select({ registrationId: ledgerEntries.registrationId, kind: ledgerEntries.kind, amountMinor: sql<number>`sum(${ledgerEntries.amountMinor})::int` })
    .from(ledgerEntries)
    .where(inArray(ledgerEntries.registrationId, registrationIds))
    .groupBy(ledgerEntries.registrationId, ledgerEntries.kind);
  for (const id of registrationIds) result.set(id, summarize(rows.filter((r) => r.registrationId === id)));
  return result;
}
