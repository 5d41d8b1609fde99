// /o/:org/admin/site/pages/:pageId — an admin edits a page, previews it, saves it (a new
// revision) and publishes or unpublishes it.
import { data, Form, Link, useActionData, useLoaderData } from 'react-router';
import { FormAlert } from '#app/components/field.tsx';
import { errorMessage } from '#app/lib/error-messages.ts';
import { formValues, parseForm, type FieldErrors, type FormValues } from '#app/lib/forms.ts';
import { requireIds, requirePermission, services } from '#app/lib/guards.server.ts';
import { getSitePage } from '#domain/content/page-records.server.ts';
import { pageFieldsOf, pageFormSchema } from '#domain/content/page-form.ts';
import { savePage } from '#domain/content/save-page.server.ts';
import { setPagePublished } from '#domain/content/set-page-published.server.ts';
import { DomainError } from '#domain/errors.ts';
import { renderMarkdown } from '#lib/markdown/render-markdown.ts';
import { t } from '#lib/i18n.ts';
import { PageEditor } from './page-editor.tsx';
import { SiteNav } from './site-nav.tsx';
import type { Route } from './+types/page-edit.ts';

async function loadPage(db: Parameters<typeof getSitePage>[0], organizationId: string, pageId: string) {
  try {
    return await getSitePage(db, organizationId, pageId);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'PAGE_NOT_FOUND') throw data(null, { status: 404 });
    throw error;
  }
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  requireIds(params.pageId);
  const { org } = await requirePermission(request, context, params.org, 'site:manage');
  const page = await loadPage(services(context).db, org.id, params.pageId);
  const created = new URL(request.url).searchParams.get('created') === '1';
  return {
    base: `/o/${org.slug}/admin`,
    publicPath: `/o/${org.slug}/pages/${page.slug}`,
    page: { id: page.id, title: page.title, published: page.published, revision: page.revision },
    values: {
      title: page.title,
      slug: page.slug,
      description: page.description,
      body: page.body,
      socialTitle: page.socialTitle,
      socialDescription: page.socialDescription,
      socialImageUrl: page.socialImageUrl,
      twitterCard: page.twitterCard,
      inNavigation: page.inNavigation ? 'on' : '',
      onHome: page.onHome ? 'on' : '',
    } satisfies FormValues,
    previewHtml: renderMarkdown(page.body),
    done: created ? t('sitePages.created') : undefined,
  };
}

interface ActionResult {
  intent: string;
  values?: FormValues;
  errors: FieldErrors;
  alert?: string;
  done?: string;
  previewHtml?: string;
}

export async function action({ request, context, params }: Route.ActionArgs) {
  requireIds(params.pageId);
  const { org, actor } = await requirePermission(request, context, params.org, 'site:manage');
  const { db } = services(context);
  // Another organization's page is not found, whatever the form says.
  await loadPage(db, org.id, params.pageId);
  const formData = await request.formData();
  const intent = String(formData.get('intent') ?? '');
  const where = { organizationId: org.id, pageId: params.pageId };
  try {
    if (intent === 'publish' || intent === 'unpublish') {
      await setPagePublished(db, actor, { ...where, published: intent === 'publish' });
      return { intent, errors: {}, done: t(intent === 'publish' ? 'sitePages.published' : 'sitePages.unpublished') } satisfies ActionResult;
    }
    if (intent === 'preview') {
      const values = formValues(formData);
      return { intent, values, errors: {}, previewHtml: renderMarkdown(values.body ?? '') } satisfies ActionResult;
    }
    const parsed = parseForm(pageFormSchema, formData);
    const previewHtml = renderMarkdown(parsed.values.body ?? '');
    if (!parsed.ok) return data({ intent, values: parsed.values, errors: parsed.errors, previewHtml } satisfies ActionResult, { status: 400 });
    const baseRevision = Number(parsed.values.baseRevision);
    const saved = await savePage(db, actor, { ...where, baseRevision, fields: pageFieldsOf(parsed.data), inNavigation: parsed.data.inNavigation, onHome: parsed.data.onHome });
    if (!saved.ok) return data({ intent, values: parsed.values, errors: { slug: errorMessage(saved.code) }, previewHtml } satisfies ActionResult, { status: 409 });
    return { intent, errors: {}, done: saved.changed ? t('sitePages.saved', { revision: saved.revision }) : t('sitePages.unchanged') } satisfies ActionResult;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.code === 'PAGE_NOT_FOUND') throw data(null, { status: 404 });
    const values = formValues(formData);
    return data({ intent, values, errors: {}, alert: errorMessage(error.code), previewHtml: renderMarkdown(values.body ?? '') } satisfies ActionResult, { status: 409 });
  }
}

export default function EditPage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const { page, base } = loaderData;
  // After a refused save or a preview, what was typed; after a save, the page as saved.
  const values = actionData?.values ?? loaderData.values;
  return (
    <main id="main">
      <title>{`${t('sitePages.editTitle', { title: page.title })} · ${t('app.name')}`}</title>
      <SiteNav base={base} />
      <h1>{t('sitePages.editTitle', { title: page.title })}</h1>
      <FormAlert message={actionData?.done ?? loaderData.done} tone="success" />
      <p>
        {page.published ? t('sitePages.statusPublished') : t('sitePages.statusDraft')} · {t('sitePages.revisionNumber', { revision: page.revision })} ·{' '}
        <Link to={`${base}/site/pages/${page.id}/revisions`}>{t('sitePages.revisionsLink')}</Link>
        {page.published ? (
          <>
            {' · '}
            <a href={loaderData.publicPath}>{t('sitePages.viewPublic')}</a>
          </>
        ) : null}
      </p>
      <Form method="post">
        <button type="submit" name="intent" value={page.published ? 'unpublish' : 'publish'} className={page.published ? 'secondary' : undefined}>
          {page.published ? t('sitePages.unpublish') : t('sitePages.publish')}
        </button>
      </Form>
      <PageEditor
        key={page.revision}
        values={values}
        errors={actionData?.errors}
        message={actionData?.alert}
        attempt={actionData}
        previewHtml={actionData?.previewHtml ?? loaderData.previewHtml}
        submitLabel={t('sitePages.save')}
        baseRevision={page.revision}
      />
    </main>
  );
}
