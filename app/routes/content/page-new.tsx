// /o/:org/admin/site/pages/new — an admin writes a new page (a draft until published).
import { data, redirect, useActionData } from 'react-router';
import { errorMessage } from '#app/lib/error-messages.ts';
import { formValues, parseForm, type FieldErrors, type FormValues } from '#app/lib/forms.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { createPage } from '#domain/content/create-page.server.ts';
import { pageFieldsOf, pageFormSchema } from '#domain/content/page-form.ts';
import { renderMarkdown } from '#lib/markdown/render-markdown.ts';
import { t } from '#lib/i18n.ts';
import { PageEditor } from './page-editor.tsx';
import { SiteNav } from './site-nav.tsx';
import type { Route } from './+types/page-new.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'site:manage');
  return { base: `/o/${org.slug}/admin` };
}

interface ActionResult {
  values: FormValues;
  errors: FieldErrors;
  previewHtml?: string;
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor } = await requirePermission(request, context, params.org, 'site:manage');
  const formData = await request.formData();
  if (formData.get('intent') === 'preview') {
    const values = formValues(formData);
    return { values, errors: {}, previewHtml: renderMarkdown(values.body ?? '') } satisfies ActionResult;
  }
  const parsed = parseForm(pageFormSchema, formData);
  if (!parsed.ok) return data({ values: parsed.values, errors: parsed.errors, previewHtml: renderMarkdown(parsed.values.body ?? '') } satisfies ActionResult, { status: 400 });
  const created = await createPage(services(context).db, actor, {
    organizationId: org.id,
    fields: pageFieldsOf(parsed.data),
    inNavigation: parsed.data.inNavigation,
    onHome: parsed.data.onHome,
  });
  if (!created.ok) {
    return data({ values: parsed.values, errors: { slug: errorMessage(created.code) }, previewHtml: renderMarkdown(parsed.values.body ?? '') } satisfies ActionResult, { status: 409 });
  }
  return redirect(`/o/${org.slug}/admin/site/pages/${created.pageId}?created=1`);
}

export default function NewPage({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const values = actionData?.values ?? { inNavigation: 'on', twitterCard: 'summary' };
  return (
    <main id="main">
      <title>{`${t('sitePages.newTitle')} · ${t('app.name')}`}</title>
      <SiteNav base={loaderData.base} />
      <h1>{t('sitePages.newTitle')}</h1>
      <PageEditor values={values} errors={actionData?.errors} attempt={actionData} previewHtml={actionData?.previewHtml ?? ''} submitLabel={t('sitePages.create')} />
    </main>
  );
}
