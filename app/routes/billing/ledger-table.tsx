// A registration's ledger as an accessible table: a caption, column headers with scope, each
// row headed by its date, amounts right-aligned.
import { DataTable } from '#app/components/data-table.tsx';
import { t } from '#lib/i18n.ts';

export interface LedgerRowView {
  id: string;
  date: string;
  description: string;
  amount: string;
  balance: string;
}

export function LedgerTable({ caption, rows }: { caption: string; rows: readonly LedgerRowView[] }) {
  if (rows.length === 0) return <p>{t('billingLedger.empty')}</p>;
  return (
    <DataTable caption={caption}>
        <thead>
          <tr>
            <th scope="col">{t('billingLedger.date')}</th>
            <th scope="col">{t('billingLedger.description')}</th>
            <th scope="col" className="numeric">
              {t('billingLedger.amount')}
            </th>
            <th scope="col" className="numeric">
              {t('billingLedger.balance')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">{r.date}</th>
              <td>{r.description}</td>
              <td className="numeric">{r.amount}</td>
              <td className="numeric">{r.balance}</td>
            </tr>
          ))}
        </tbody>
    </DataTable>
  );
}
