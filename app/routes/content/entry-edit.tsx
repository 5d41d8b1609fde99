// /o/:org/admin/site/entries/:entryId — an admin changes an event or a news item, or
// unpublishes it.
import { data, useActionData } from 'react-router';
import { FormAlert } from '#app/components/field.tsx';
import { parseForm, type FormValues } from '#app/lib/forms.ts';
import { requireIds, requirePermission, services } from '#app/lib/guards.server.ts';
import { entryFormSchema } from '#domain/content/entry-form.ts';
import { getEntry } from '#domain/content/find-entries.server.ts';
import { updateEntry } from '#domain/content/save-entry.server.ts';
import { DomainError } from '#domain/errors.ts';
import { t } from '#lib/i18n.ts';
import { EntryFormFields } from './entry-form-fields.tsx';
import { SiteNav } from './site-nav.tsx';
import type { Route } from './+types/entry-edit.ts';

const notFound = (error: unknown): never => {
  if (error instanceof DomainError && error.code === 'ENTRY_NOT_FOUND') throw data(null, { status: 404 });
  throw error;
};

export async function loader({ request, context, params }: Route.LoaderArgs) {
  requireIds(params.entryId);
  const { org } = await requirePermission(request, context, params.org, 'site:manage');
  const entry = await getEntry(services(context).db, org.id, params.entryId).catch(notFound);
  return {
    base: `/o/${org.slug}/admin`,
    title: entry.title,
    updatedAt: entry.updatedAt.toISOString(),
    values: { kind: entry.kind, title: entry.title, startsOn: entry.startsOn, endsOn: entry.endsOn ?? '', place: entry.place, summary: entry.summary, body: entry.body, published: entry.published ? 'on' : '' } satisfies FormValues,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  requireIds(params.entryId);
  const { org, actor } = await requirePermission(request, context, params.org, 'site:manage');
  // Another organization's entry is not found, whatever the form says.
  await getEntry(services(context).db, org.id, params.entryId).catch(notFound);
  const parsed = parseForm(entryFormSchema, await request.formData());
  if (!parsed.ok) return data({ values: parsed.values, errors: parsed.errors, done: undefined }, { status: 400 });
  await updateEntry(services(context).db, actor, { organizationId: org.id, entryId: params.entryId, form: parsed.data }).catch(notFound);
  return { values: undefined, errors: {}, done: t('siteEntries.saved') };
}

export default function EditEntry({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  return (
    <main id="main">
      <title>{`${loaderData.title} · ${t('app.name')}`}</title>
      <SiteNav base={loaderData.base} />
      <h1>{loaderData.title}</h1>
      <FormAlert message={actionData?.done} tone="success" />
      <EntryFormFields key={loaderData.updatedAt} values={actionData?.values ?? loaderData.values} errors={actionData?.errors} attempt={actionData} submitLabel={t('siteEntries.save')} />
    </main>
  );
}
