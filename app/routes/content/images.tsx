// /o/:org/admin/site/images — upload an image for the site's pages (type checked from its
// bytes, at most 5 MB, alt text required; kept resized) and copy its Markdown.
import { data, Form, useActionData, useNavigation } from 'react-router';
import { DataTable } from '#app/components/data-table.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { Field, FormAlert } from '#app/components/field.tsx';
import { formValues } from '#app/lib/forms.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { findSiteImages } from '#domain/content/find-images.server.ts';
import { imagePath, MAX_IMAGE_BYTES, MAX_IMAGE_WIDTH } from '#domain/content/image-address.ts';
import { uploadImage } from '#domain/content/upload-image.server.ts';
import { t } from '#lib/i18n.ts';
import { FileField, IMAGE_ACCEPT, uploadedBytes } from './file-field.tsx';
import { SiteNav } from './site-nav.tsx';
import type { Route } from './+types/images.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'site:manage');
  const images = await findSiteImages(services(context).db, org.id);
  return {
    base: `/o/${org.slug}/admin`,
    images: images.map((i) => ({ id: i.id, path: imagePath(org.slug, i.id, i.contentType), alt: i.alt, width: i.width, height: i.height, kilobytes: Math.ceil(i.byteSize / 1024) })),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor } = await requirePermission(request, context, params.org, 'site:manage');
  const formData = await request.formData();
  const values = formValues(formData);
  const uploaded = await uploadImage(services(context).db, actor, { organizationId: org.id, organizationSlug: org.slug, bytes: await uploadedBytes(formData, 'image'), alt: values.alt ?? '' });
  if (!uploaded.ok) return data({ errors: uploaded.errors, values: values as Record<string, string>, done: undefined as string | undefined }, { status: 400 });
  return { errors: {}, values: {} as Record<string, string>, done: t('siteImages.uploaded', { path: uploaded.path }) };
}

export default function Images({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  const errors: Record<string, string> = actionData?.errors ?? {};
  const { base, images } = loaderData;
  return (
    <main id="main">
      <title>{`${t('siteImages.title')} · ${t('app.name')}`}</title>
      <SiteNav base={base} />
      <h1>{t('siteImages.title')}</h1>
      <ErrorSummary errors={errors} labels={{ image: t('siteImages.file'), alt: t('siteImages.alt') }} attempt={actionData} />
      <FormAlert message={actionData?.done} tone="success" />
      <Form method="post" encType="multipart/form-data" className="stack" noValidate key={actionData?.done}>
        <FileField name="image" label={t('siteImages.file')} hint={t('siteImages.fileHint', { max: MAX_IMAGE_BYTES / 1024 / 1024, width: MAX_IMAGE_WIDTH })} error={errors.image} accept={IMAGE_ACCEPT} />
        <Field name="alt" label={t('siteImages.alt')} hint={t('siteImages.altHint')} defaultValue={actionData?.values.alt} error={errors.alt} required />
        <div>
          <button type="submit" disabled={busy}>
            {t('siteImages.upload')}
          </button>
        </div>
      </Form>
      {images.length === 0 ? (
        <p>{t('siteImages.none')}</p>
      ) : (
        <DataTable caption={t('siteImages.listCaption')}>
          <thead>
            <tr>
              <th scope="col">{t('siteImages.image')}</th>
              <th scope="col">{t('siteImages.markdown')}</th>
              <th scope="col">{t('siteImages.size')}</th>
            </tr>
          </thead>
          <tbody>
            {images.map((i) => (
              <tr key={i.id}>
                <th scope="row">
                  <img src={i.path} alt={i.alt} width={Math.min(i.width, 160)} height={Math.round((Math.min(i.width, 160) * i.height) / i.width)} />
                </th>
                <td>
                  <code>{`![${i.alt}](${i.path})`}</code>
                </td>
                <td>{t('siteImages.dimensions', { width: i.width, height: i.height, kilobytes: i.kilobytes })}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </main>
  );
}
