// /o/:org/admin/site/pages/:pageId/revisions — every saved revision of a page, newest first;
// restoring one makes a new revision with its text.
import { data, Form, Link, useActionData } from 'react-router';
import { DataTable } from '#app/components/data-table.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { FormAlert } from '#app/components/field.tsx';
import { errorMessage } from '#app/lib/error-messages.ts';
import { requireIds, requirePermission, services } from '#app/lib/guards.server.ts';
import { findPageRevisions } from '#domain/content/find-pages.server.ts';
import { getSitePage } from '#domain/content/page-records.server.ts';
import { restorePageRevision } from '#domain/content/restore-page-revision.server.ts';
import { DomainError } from '#domain/errors.ts';
import { t } from '#lib/i18n.ts';
import { SiteNav } from './site-nav.tsx';
import type { Route } from './+types/page-revisions.ts';

const pageNotFound = (error: unknown): never => {
  if (error instanceof DomainError && error.code === 'PAGE_NOT_FOUND') throw data(null, { status: 404 });
  throw error;
};

export async function loader({ request, context, params }: Route.LoaderArgs) {
  requireIds(params.pageId);
  const { org } = await requirePermission(request, context, params.org, 'site:manage');
  const { db } = services(context);
  const page = await getSitePage(db, org.id, params.pageId).catch(pageNotFound);
  const revisions = await findPageRevisions(db, org.id, page.id);
  return {
    base: `/o/${org.slug}/admin`,
    page: { id: page.id, title: page.title, revision: page.revision },
    revisions: revisions.map((r) => ({ number: r.number, title: r.title, slug: r.slug, restoredFrom: r.restoredFrom, savedAt: r.createdAt.toISOString(), length: r.body.length })),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  requireIds(params.pageId);
  const { org, actor } = await requirePermission(request, context, params.org, 'site:manage');
  // Another organization's page is not found, whatever the form says.
  await getSitePage(services(context).db, org.id, params.pageId).catch(pageNotFound);
  const formData = await request.formData();
  const revisionNumber = Number(formData.get('revision'));
  if (!Number.isInteger(revisionNumber) || revisionNumber < 1) return data({ alert: errorMessage('PAGE_REVISION_NOT_FOUND') }, { status: 400 });
  try {
    const restored = await restorePageRevision(services(context).db, actor, { organizationId: org.id, pageId: params.pageId, revisionNumber });
    return { done: restored.changed ? t('sitePages.restored', { from: revisionNumber, revision: restored.revision }) : t('sitePages.unchanged') };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.code === 'PAGE_NOT_FOUND') throw data(null, { status: 404 });
    return data({ alert: errorMessage(error.code) }, { status: 409 });
  }
}

const savedAt = (iso: string) => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso));

export default function PageRevisions({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const { base, page, revisions } = loaderData;
  return (
    <main id="main">
      <title>{`${t('sitePages.revisionsTitle', { title: page.title })} · ${t('app.name')}`}</title>
      <SiteNav base={base} />
      <h1>{t('sitePages.revisionsTitle', { title: page.title })}</h1>
      <p>
        <Link to={`${base}/site/pages/${page.id}`}>{t('sitePages.backToEditor')}</Link>
      </p>
      <ErrorSummary message={actionData && 'alert' in actionData ? actionData.alert : undefined} attempt={actionData} />
      <FormAlert message={actionData && 'done' in actionData ? actionData.done : undefined} tone="success" />
      <DataTable caption={t('sitePages.revisionsCaption')}>
        <thead>
          <tr>
            <th scope="col">{t('sitePages.revision')}</th>
            <th scope="col">{t('sitePages.savedAt')}</th>
            <th scope="col">{t('sitePages.title')}</th>
            <th scope="col">{t('sitePages.length')}</th>
            <th scope="col">{t('sitePages.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {revisions.map((r) => (
            <tr key={r.number}>
              <th scope="row">
                {r.number}
                {r.restoredFrom ? ` ${t('sitePages.restoredFromNote', { from: r.restoredFrom })}` : ''}
              </th>
              <td>{savedAt(r.savedAt)} UTC</td>
              <td>{r.title}</td>
              <td>{t('sitePages.characters', { count: r.length })}</td>
              <td>
                {r.number === page.revision ? (
                  t('sitePages.current')
                ) : (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="revision" value={r.number} />
                    <button type="submit" className="secondary" aria-label={t('sitePages.restoreNamed', { revision: r.number })}>
                      {t('sitePages.restore')}
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </main>
  );
}
