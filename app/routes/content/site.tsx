// /o/:org/admin/site — the organization's pages, in the order of the site's navigation: move
// one up or down, publish or unpublish, open one to edit, or write a new one.
import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { DataTable } from '#app/components/data-table.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { FormAlert } from '#app/components/field.tsx';
import { errorMessage } from '#app/lib/error-messages.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { findSitePages } from '#domain/content/find-pages.server.ts';
import { movePage } from '#domain/content/move-page.server.ts';
import { setPagePublished } from '#domain/content/set-page-published.server.ts';
import { DomainError } from '#domain/errors.ts';
import { t } from '#lib/i18n.ts';
import { isUuid } from '#lib/ids.ts';
import { SiteNav } from './site-nav.tsx';
import type { Route } from './+types/site.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'site:manage');
  const pages = await findSitePages(services(context).db, org.id);
  return {
    base: `/o/${org.slug}/admin`,
    publicBase: `/o/${org.slug}/pages`,
    pages: pages.map((p) => ({ id: p.id, slug: p.slug, title: p.title, published: p.published, inNavigation: p.inNavigation, onHome: p.onHome })),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor } = await requirePermission(request, context, params.org, 'site:manage');
  const { db } = services(context);
  const formData = await request.formData();
  const intent = String(formData.get('intent') ?? '');
  const pageId = String(formData.get('pageId') ?? '');
  if (!isUuid(pageId)) return data({ alert: errorMessage('PAGE_NOT_FOUND') }, { status: 400 });
  try {
    if (intent === 'up' || intent === 'down') {
      await movePage(db, actor, { organizationId: org.id, pageId, direction: intent });
      return { done: t('sitePages.moved') };
    }
    if (intent === 'publish' || intent === 'unpublish') {
      await setPagePublished(db, actor, { organizationId: org.id, pageId, published: intent === 'publish' });
      return { done: t(intent === 'publish' ? 'sitePages.published' : 'sitePages.unpublished') };
    }
    return data({ alert: t('form.fixErrors') }, { status: 400 });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return data({ alert: errorMessage(error.code) }, { status: 409 });
  }
}

export default function SitePages({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const { base, pages } = loaderData;
  return (
    <main id="main">
      <title>{`${t('siteAdmin.title')} · ${t('app.name')}`}</title>
      <SiteNav base={base} />
      <h1>{t('siteAdmin.title')}</h1>
      <p>{t('siteAdmin.intro')}</p>
      <ErrorSummary message={actionData && 'alert' in actionData ? actionData.alert : undefined} attempt={actionData} />
      <FormAlert message={actionData && 'done' in actionData ? actionData.done : undefined} tone="success" />
      <p>
        <Link to={`${base}/site/pages/new`}>{t('sitePages.newLink')}</Link>
      </p>
      {pages.length === 0 ? (
        <p>{t('sitePages.none')}</p>
      ) : (
        <DataTable caption={t('sitePages.listCaption')}>
          <thead>
            <tr>
              <th scope="col">{t('sitePages.title')}</th>
              <th scope="col">{t('sitePages.address')}</th>
              <th scope="col">{t('sitePages.status')}</th>
              <th scope="col">{t('sitePages.placement')}</th>
              <th scope="col">{t('sitePages.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {pages.map((p, i) => (
              <tr key={p.id}>
                <th scope="row">
                  <Link to={`${base}/site/pages/${p.id}`}>{p.title}</Link>
                </th>
                <td>{p.published ? <a href={`${loaderData.publicBase}/${p.slug}`}>{`/pages/${p.slug}`}</a> : `/pages/${p.slug}`}</td>
                <td>{p.published ? t('sitePages.statusPublished') : t('sitePages.statusDraft')}</td>
                <td>{[p.inNavigation ? t('sitePages.inNavigationShort') : '', p.onHome ? t('sitePages.onHomeShort') : ''].filter(Boolean).join(', ') || '—'}</td>
                <td>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="pageId" value={p.id} />
                    <button type="submit" name="intent" value="up" className="secondary" disabled={busy || i === 0} aria-label={t('sitePages.moveUp', { title: p.title })}>
                      ↑
                    </button>{' '}
                    <button type="submit" name="intent" value="down" className="secondary" disabled={busy || i === pages.length - 1} aria-label={t('sitePages.moveDown', { title: p.title })}>
                      ↓
                    </button>{' '}
                    <button type="submit" name="intent" value={p.published ? 'unpublish' : 'publish'} className="secondary" disabled={busy} aria-label={t(p.published ? 'sitePages.unpublishNamed' : 'sitePages.publishNamed', { title: p.title })}>
                      {p.published ? t('sitePages.unpublish') : t('sitePages.publish')}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </main>
  );
}
