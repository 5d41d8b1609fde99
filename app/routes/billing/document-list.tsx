// The downloadable documents of one registration: its statement PDF, then receipts and invoices.
import { t } from '#lib/i18n.ts';

export function DocumentList({ statementPdf, documents }: { statementPdf: string; documents: readonly { key: string; href: string; label: string }[] }) {
  return (
    <ul>
      <li>
        <a href={statementPdf} download>
          {t('billingStatement.statementPdf')}
        </a>
      </li>
      {documents.map((doc) => (
        <li key={doc.key}>
          <a href={doc.href} download>
            {doc.label}
          </a>
        </li>
      ))}
    </ul>
  );
}
