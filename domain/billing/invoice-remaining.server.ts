// What an open invoice still asks for: each line's amount less what payments against the
// invoice posted to its account, a registration line capped at what the registration owes now
// (the ledger). Read by the pages, the PDF and the staff recording forms alike.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { checkoutLines, ledgerEntries, payments } from '#db/schema/money.ts';
import { registrationBalances, seriesEnrollmentBalances } from '#domain/money/read-account.server.ts';

/**
 * What each line of an invoice still needs: its amount less what payments against the invoice
 * posted to its account, and for a registration line never more than the registration owes now
 * (its ledger balance): an aid award, a category change or an adjustment made after the
 * invoice was issued lowers what the invoice asks for, so staff record against what is due
 * now, never against a figure the ledger no longer supports (ADR 0040: what is owed comes from
 * the ledger alone).
 */
export async function invoiceRemaining(tx: DbOrTx, organizationId: string, checkoutId: string) {
  const lines = await tx.select().from(checkoutLines).where(eq(checkoutLines.checkoutId, checkoutId)).orderBy(asc(checkoutLines.position));
  const posted = await tx
    .select({ registrationId: ledgerEntries.registrationId, donationId: ledgerEntries.donationId, seriesEnrollmentId: ledgerEntries.seriesEnrollmentId, membershipTermId: ledgerEntries.membershipTermId, paid: sql<number>`(-sum(${ledgerEntries.amountMinor}))::int` })
    .from(ledgerEntries)
    .innerJoin(payments, eq(payments.id, ledgerEntries.paymentId))
    .where(and(eq(payments.checkoutId, checkoutId), eq(payments.organizationId, organizationId), eq(ledgerEntries.kind, 'payment')))
    .groupBy(ledgerEntries.registrationId, ledgerEntries.donationId, ledgerEntries.seriesEnrollmentId, ledgerEntries.membershipTermId);
  const used = new Map(posted.map((p) => [p.registrationId ?? p.donationId ?? p.seriesEnrollmentId ?? p.membershipTermId ?? '', p.paid]));
  const owed = await registrationBalances(tx, lines.flatMap((l) => (l.registrationId ? [l.registrationId] : [])));
  const owedSeries = await seriesEnrollmentBalances(tx, lines.flatMap((l) => (l.seriesEnrollmentId ? [l.seriesEnrollmentId] : [])));
  return lines.map((line) => {
    const key = line.registrationId ?? line.donationId ?? line.seriesEnrollmentId ?? line.membershipTermId ?? '';
    const paid = Math.min(line.amountMinor, used.get(key) ?? 0);
    used.set(key, (used.get(key) ?? 0) - paid);
    const left = line.amountMinor - paid;
    const cap = line.registrationId
      ? Math.max(0, owed.get(line.registrationId)?.balanceMinor ?? 0)
      : line.seriesEnrollmentId
        ? Math.max(0, owedSeries.get(line.seriesEnrollmentId)?.balanceMinor ?? 0)
        : left;
    return { line, remainingMinor: Math.min(left, cap) };
  });
}

/** What an invoice still asks for, in total (see invoiceRemaining). */
export async function invoiceDueNow(tx: DbOrTx, organizationId: string, checkoutId: string): Promise<number> {
  return (await invoiceRemaining(tx, organizationId, checkoutId)).reduce((sum, r) => sum + r.remainingMinor, 0);
}
