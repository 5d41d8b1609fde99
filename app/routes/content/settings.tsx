// /o/:org/admin/site/settings — the site's theme colour and favicon.
import { data, Form, useActionData, useNavigation } from 'react-router';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { Field, FormAlert } from '#app/components/field.tsx';
import { formValues } from '#app/lib/forms.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { findSiteLook, saveSiteLook } from '#domain/content/site-settings.server.ts';
import { t } from '#lib/i18n.ts';
import { FileField, IMAGE_ACCEPT, uploadedBytes } from './file-field.tsx';
import { SiteNav } from './site-nav.tsx';
import type { Route } from './+types/settings.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'site:manage');
  const look = await findSiteLook(services(context).db, org);
  return { base: `/o/${org.slug}/admin`, look };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor } = await requirePermission(request, context, params.org, 'site:manage');
  const formData = await request.formData();
  const values = formValues(formData);
  const saved = await saveSiteLook(services(context).db, actor, { organizationId: org.id, themeColor: values.themeColor ?? '', favicon: await uploadedBytes(formData, 'favicon') });
  if (!saved.ok) return data({ errors: saved.errors, values, done: undefined }, { status: 400 });
  return { errors: {}, values: undefined, done: t('siteSettings.saved') };
}

export default function SiteSettings({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const errors: Record<string, string> = actionData?.errors ?? {};
  const { base, look } = loaderData;
  return (
    <main id="main">
      <title>{`${t('siteSettings.title')} · ${t('app.name')}`}</title>
      <SiteNav base={base} />
      <h1>{t('siteSettings.title')}</h1>
      <ErrorSummary errors={errors} labels={{ themeColor: t('siteSettings.themeColor'), favicon: t('siteSettings.favicon') }} attempt={actionData} />
      <FormAlert message={actionData?.done} tone="success" />
      {look.faviconPath ? (
        <p>
          {t('siteSettings.currentFavicon')} <img src={look.faviconPath} alt={t('siteSettings.faviconAlt')} width={32} height={32} />
        </p>
      ) : (
        <p>{t('siteSettings.defaultFavicon')}</p>
      )}
      <Form method="post" encType="multipart/form-data" className="stack" noValidate key={look.faviconPath ?? 'none'}>
        <Field name="themeColor" label={t('siteSettings.themeColor')} hint={t('siteSettings.themeColorHint')} defaultValue={actionData?.values?.themeColor ?? look.themeColor} error={errors.themeColor} required />
        <FileField name="favicon" label={t('siteSettings.favicon')} hint={t('siteSettings.faviconHint')} error={errors.favicon} accept={IMAGE_ACCEPT} />
        <div>
          <button type="submit" disabled={busy}>
            {t('siteSettings.save')}
          </button>
        </div>
      </Form>
    </main>
  );
}
