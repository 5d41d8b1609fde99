// /o/:org/admin/site/entries — the organization's events and news, newest first.
import { Link } from 'react-router';
import { DataTable } from '#app/components/data-table.tsx';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { findAllEntries } from '#domain/content/find-entries.server.ts';
import { t } from '#lib/i18n.ts';
import { entryWhen } from './entry-list.tsx';
import { SiteNav } from './site-nav.tsx';
import type { Route } from './+types/entries.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'site:manage');
  const entries = await findAllEntries(services(context).db, org.id);
  return {
    base: `/o/${org.slug}/admin`,
    entries: entries.map((e) => ({ id: e.id, kind: e.kind, title: e.title, startsOn: e.startsOn, endsOn: e.endsOn, published: e.published })),
  };
}

export default function Entries({ loaderData }: Route.ComponentProps) {
  const { base, entries } = loaderData;
  return (
    <main id="main">
      <title>{`${t('siteEntries.adminTitle')} · ${t('app.name')}`}</title>
      <SiteNav base={base} />
      <h1>{t('siteEntries.adminTitle')}</h1>
      <p>
        <Link to={`${base}/site/entries/new`}>{t('siteEntries.newLink')}</Link>
      </p>
      {entries.length === 0 ? (
        <p>{t('siteEntries.none')}</p>
      ) : (
        <DataTable caption={t('siteEntries.listCaption')}>
          <thead>
            <tr>
              <th scope="col">{t('siteEntries.title')}</th>
              <th scope="col">{t('siteEntries.kind')}</th>
              <th scope="col">{t('siteEntries.when')}</th>
              <th scope="col">{t('sitePages.status')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <th scope="row">
                  <Link to={`${base}/site/entries/${e.id}`}>{e.title}</Link>
                </th>
                <td>{t(`siteEntries.kind_${e.kind}`)}</td>
                <td>{entryWhen(e)}</td>
                <td>{e.published ? t('sitePages.statusPublished') : t('sitePages.statusDraft')}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </main>
  );
}
