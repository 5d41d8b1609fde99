// /o/:org/admin/site/entries/new — an admin adds an event or a news item.
import { data, redirect, useActionData } from 'react-router';
import { parseForm } from '#app/lib/forms.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { entryFormSchema } from '#domain/content/entry-form.ts';
import { createEntry } from '#domain/content/save-entry.server.ts';
import { t } from '#lib/i18n.ts';
import { EntryFormFields } from './entry-form-fields.tsx';
import { SiteNav } from './site-nav.tsx';
import type { Route } from './+types/entry-new.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'site:manage');
  return { base: `/o/${org.slug}/admin` };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor } = await requirePermission(request, context, params.org, 'site:manage');
  const parsed = parseForm(entryFormSchema, await request.formData());
  if (!parsed.ok) return data({ values: parsed.values, errors: parsed.errors }, { status: 400 });
  await createEntry(services(context).db, actor, { organizationId: org.id, form: parsed.data });
  return redirect(`/o/${org.slug}/admin/site/entries`);
}

export default function NewEntry({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  return (
    <main id="main">
      <title>{`${t('siteEntries.newTitle')} · ${t('app.name')}`}</title>
      <SiteNav base={loaderData.base} />
      <h1>{t('siteEntries.newTitle')}</h1>
      <EntryFormFields values={actionData?.values ?? { kind: 'event' }} errors={actionData?.errors} attempt={actionData} submitLabel={t('siteEntries.create')} />
    </main>
  );
}
