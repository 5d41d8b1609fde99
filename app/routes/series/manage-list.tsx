// /o/:org/series — the series a person manages: a leader's own groups', or every group's for
// staff holding series:manage; with each one's sign-ups against its minimum.
import { Link } from 'react-router';
import { DataTable } from '#app/components/data-table.tsx';
import { services } from '#app/lib/guards.server.ts';
import { findManageableSeries } from '#domain/series/series.server.ts';
import { formatDate, t } from '#lib/i18n.ts';
import { requireSeriesManager } from './access.server.ts';
import type { Route } from './+types/manage-list.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, user, roles } = await requireSeriesManager(request, context, params.org);
  const found = await findManageableSeries(services(context).db, org.id, user.id, roles);
  return {
    slug: org.slug,
    hasListings: found.listings.length > 0,
    rows: found.series.map((r) => ({
      id: r.series.id,
      title: r.series.title,
      group: r.listing.title,
      firstSessionOn: r.series.firstSessionOn,
      decideBy: r.series.decideBy,
      status: r.series.status,
      signUps: r.signUps,
      minimum: r.series.minimum,
      maximum: r.series.maximum,
    })),
  };
}

export default function SeriesList({ loaderData }: Route.ComponentProps) {
  const { slug } = loaderData;
  return (
    <main id="main" className="page">
      <title>{t('seriesAdmin.title')}</title>
      <h1>{t('seriesAdmin.title')}</h1>
      <p>{t('seriesAdmin.intro')}</p>
      {loaderData.hasListings ? (
        <p>
          <Link to={`/o/${slug}/series/new`}>{t('seriesAdmin.new')}</Link>
        </p>
      ) : (
        <p>{t('seriesAdmin.noListings')}</p>
      )}
      {loaderData.rows.length === 0 ? (
        <p>{t('seriesAdmin.none')}</p>
      ) : (
        <DataTable caption={t('seriesAdmin.title')} captionHidden>
          <thead>
            <tr>
              <th scope="col">{t('seriesAdmin.series')}</th>
              <th scope="col">{t('seriesAdmin.group')}</th>
              <th scope="col">{t('seriesAdmin.first')}</th>
              <th scope="col">{t('seriesAdmin.signUps')}</th>
              <th scope="col">{t('seriesAdmin.decideBy')}</th>
              <th scope="col">{t('seriesAdmin.status')}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <Link to={`/o/${slug}/series/${r.id}/manage`}>{r.title}</Link>
                </th>
                <td>{r.group}</td>
                <td>{formatDate(r.firstSessionOn, 'en-US', 'medium')}</td>
                <td>{t('seriesManage.minimumStatus', { signUps: r.signUps, minimum: r.minimum, maximum: r.maximum })}</td>
                <td>{formatDate(r.decideBy, 'en-US', 'medium')}</td>
                <td>{t(`seriesStatus.${r.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </main>
  );
}
