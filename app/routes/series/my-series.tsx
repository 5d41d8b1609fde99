// <MySeries>: a person's places in group series on "My registrations" — what each cost, what
// was paid, what is owed or due back (from the ledger), with a link to pay (ADR 0063).
import { Link } from 'react-router';
import { formatDate, t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';

export interface MySeriesRow {
  id: string;
  title: string;
  group: string;
  firstSessionOn: string;
  seriesStatus: string;
  placeStatus: string;
  currency: string;
  paidMinor: number;
  balanceMinor: number;
}

export function MySeries({ slug, series }: { slug: string; series: readonly MySeriesRow[] }) {
  if (series.length === 0) return null;
  return (
    <section aria-labelledby="my-series">
      <h2 id="my-series">{t('myRegistrationsSeries.heading')}</h2>
      <ul>
        {series.map((s) => (
          <li key={s.id}>
            <Link to={`/o/${slug}/series/${s.id}`}>{s.title}</Link> ({s.group}, {formatDate(s.firstSessionOn)}): {t(`seriesStatus.${s.seriesStatus}`)}
            {s.paidMinor > 0 ? ` · ${t('myRegistrationsSeries.paid', { amount: formatMoney(s.paidMinor, s.currency) })}` : null}
            {s.balanceMinor > 0 ? ` · ${t('myRegistrationsSeries.owes', { amount: formatMoney(s.balanceMinor, s.currency) })}` : null}
            {s.balanceMinor < 0 ? ` · ${t('myRegistrationsSeries.refundDue', { amount: formatMoney(-s.balanceMinor, s.currency) })}` : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
