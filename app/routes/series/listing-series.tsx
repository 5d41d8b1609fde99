// <ListingSeries>: the series of one listed group that take sign-ups, for the directory's
// listing page (/o/:org/groups/:slug). Its loader reads them with
// findOpenSeriesForListing(db, org.id, listing.id) from domain/series/series.server.ts and
// passes them here; nothing is rendered when there are none.
import { Link } from 'react-router';
import type { PublicSeries } from '#domain/series/series.server.ts';
import { formatDate, t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';

export function ListingSeries({ slug, series }: { slug: string; series: readonly PublicSeries[] }) {
  if (series.length === 0) return null;
  return (
    <section aria-labelledby="listing-series">
      <h2 id="listing-series">{t('seriesListing.heading')}</h2>
      <ul>
        {series.map((s) => (
          <li key={s.id}>
            {t('seriesListing.item', {
              title: s.title,
              count: s.sessionCount,
              first: formatDate(s.firstSessionOn),
              price: s.priceMinor > 0 ? formatMoney(s.priceMinor, s.currency) : t('seriesSignUp.free'),
            })}
            {s.state === 'full' ? ` (${t('seriesListing.full')})` : null}{' '}
            <Link to={`/o/${slug}/series/${s.id}`}>{t('seriesListing.signUp', { title: s.title })}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
