// What the statement pages show, read once for the registrant's and the staff page.
import type { AppServices } from '#lib/services.ts';
import { documentNumber } from '#domain/billing/document-numbers.ts';
import { entryDescription, registrationDocuments, runningBalance } from '#domain/billing/documents.server.ts';
import { summarize } from '#domain/money/account.ts';
import { registrationEntries } from '#domain/money/read-account.server.ts';
import { formatDate, t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';
import type { LedgerRowView } from './ledger-table.tsx';

export function balanceWords(balanceMinor: number, currency: string): string {
  if (balanceMinor > 0) return t('billingLedger.owes', { amount: formatMoney(balanceMinor, currency) });
  if (balanceMinor < 0) return t('billingLedger.credit', { amount: formatMoney(-balanceMinor, currency) });
  return t('billingLedger.settled');
}

export async function ledgerView(db: AppServices['db'], org: { id: string; slug: string; shortName: string }, registration: { id: string; currency: string; policy: { courseTitle: string } }) {
  const entries = await registrationEntries(db, registration.id);
  const rows: LedgerRowView[] = runningBalance(entries).map((e) => ({
    id: e.id,
    date: formatDate(e.effectiveOn, 'en-US', 'medium'),
    description: entryDescription(e, { courseTitle: registration.policy.courseTitle }),
    amount: formatMoney(e.amountMinor, e.currency),
    balance: formatMoney(e.balanceMinor, e.currency),
  }));
  const account = summarize(entries);
  const documents = await registrationDocuments(db, org.id, registration.id);
  const base = `/o/${org.slug}`;
  return {
    rows,
    balanceMinor: account.balanceMinor,
    balance: balanceWords(account.balanceMinor, registration.currency),
    statementPdf: `${base}/registrations/${registration.id}/statement.pdf`,
    documents: [
      ...documents.payments.map((p) => ({
        key: `receipt-${p.id}`,
        href: `${base}/documents/receipts/${p.id}.pdf`,
        label: t('billingStatement.receiptPdf', { amount: formatMoney(p.amountMinor, p.currency), date: formatDate(p.receivedOn) }),
      })),
      ...documents.invoices.map((i) => ({
        key: `invoice-${i.id}`,
        href: `${base}/documents/invoices/${i.id}.pdf`,
        label: t(i.status === 'cancelled' || i.status === 'expired' ? 'billingStatement.invoiceVoidPdf' : 'billingStatement.invoicePdf', {
          number: documentNumber(org.shortName, i.number),
          amount: formatMoney(i.totalMinor, i.currency),
        }),
      })),
      ...documents.giftReceipts.map((g) => ({
        key: `gift-${g.id}`,
        href: `${base}/documents/gift-receipts/${g.id}.pdf`,
        label: t('billingStatement.giftReceiptPdf', { number: documentNumber(org.shortName, g.number) }),
      })),
    ],
  };
}
