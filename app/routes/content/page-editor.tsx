// The page editor, for a new page and an existing one. The text is Markdown; the preview beside
// it is rendered by the same renderer the public page uses (lib/markdown/render-markdown.ts):
// with JavaScript, in the browser as the editor types (the renderer is loaded only on this
// page); without, the "Preview" button sends the form and the server renders it, keeping what
// was typed. The preview is the sanitized HTML either way: what it shows is what will be published.
import { useEffect, useRef, useState } from 'react';
import { Form } from 'react-router';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { CheckboxField, SelectField } from '#app/components/choices.tsx';
import { describedBy, Field, FieldError, FieldHint, useFieldId } from '#app/components/field.tsx';
import type { FieldErrors, FormValues } from '#app/lib/forms.ts';
import { useSchemaForm } from '#app/lib/use-schema-form.ts';
import { pageFormSchema, TWITTER_CARDS } from '#domain/content/page-form.ts';
import { t } from '#lib/i18n.ts';

export const PAGE_FIELD_LABELS = () => ({
  title: t('sitePages.title'),
  slug: t('sitePages.slug'),
  description: t('sitePages.description'),
  body: t('sitePages.body'),
  socialTitle: t('sitePages.socialTitle'),
  socialDescription: t('sitePages.socialDescription'),
  socialImageUrl: t('sitePages.socialImageUrl'),
  twitterCard: t('sitePages.twitterCard'),
});

type Renderer = (source: string) => string;

/** The preview's HTML: the server's at first, then the browser's own render of what is typed. */
function useLivePreview(initialHtml: string) {
  const [html, setHtml] = useState(initialHtml);
  const renderer = useRef<Renderer | null>(null);
  const pending = useRef<string | null>(null);
  useEffect(() => setHtml(initialHtml), [initialHtml]);
  useEffect(() => {
    let alive = true;
    void import('#lib/markdown/render-markdown.ts').then((module) => {
      if (!alive) return;
      renderer.current = module.renderMarkdown;
      if (pending.current !== null) setHtml(module.renderMarkdown(pending.current));
    });
    return () => {
      alive = false;
    };
  }, []);
  const update = (source: string) => {
    if (renderer.current) setHtml(renderer.current(source));
    else pending.current = source;
  };
  return { html, update, live: () => renderer.current !== null };
}

export function PageEditor({
  values,
  errors: serverErrors,
  message,
  attempt,
  previewHtml,
  submitLabel,
  baseRevision,
}: {
  values: FormValues;
  errors?: FieldErrors;
  message?: string;
  attempt: unknown;
  previewHtml: string;
  submitLabel: string;
  baseRevision?: number;
}) {
  const { errors, onSubmit, message: shownMessage } = useSchemaForm(pageFormSchema, serverErrors, message);
  const preview = useLivePreview(previewHtml);
  const bodyId = useFieldId('body', errors.body);
  const checked = (name: string) => values[name] === 'on';
  return (
    <>
      <ErrorSummary message={shownMessage} errors={errors} labels={PAGE_FIELD_LABELS()} attempt={attempt} />
      <Form
        method="post"
        className="stack"
        noValidate
        onSubmit={(event) => {
          // The Preview button needs no check: it only shows the text.
          const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
          if (submitter?.value !== 'preview') onSubmit(event);
        }}
      >
        {baseRevision !== undefined ? <input type="hidden" name="baseRevision" value={baseRevision} /> : null}
        <Field name="title" label={t('sitePages.title')} defaultValue={values.title} error={errors.title} required />
        <Field name="slug" label={t('sitePages.slug')} hint={t('sitePages.slugHint')} defaultValue={values.slug} error={errors.slug} required />
        <Field name="description" label={t('sitePages.description')} hint={t('sitePages.descriptionHint')} defaultValue={values.description} error={errors.description} />
        <div className="editor-split">
          <div className="field">
            <label htmlFor={bodyId}>{t('sitePages.body')}</label>
            <FieldHint id={bodyId} hint={t('sitePages.bodyHint')} />
            <textarea
              id={bodyId}
              name="body"
              rows={20}
              defaultValue={values.body}
              aria-invalid={errors.body ? true : undefined}
              aria-describedby={describedBy(bodyId, true, errors.body)}
              onInput={(event) => preview.update(event.currentTarget.value)}
            />
            <FieldError id={bodyId} error={errors.body} />
          </div>
          <section aria-labelledby="preview-heading" className="page-preview">
            <h2 id="preview-heading">{t('sitePages.preview')}</h2>
            <div className="prose card" data-page-preview="" dangerouslySetInnerHTML={{ __html: preview.html }} />
          </section>
        </div>
        <fieldset>
          <legend>{t('sitePages.socialLegend')}</legend>
          <Field name="socialTitle" label={t('sitePages.socialTitle')} hint={t('sitePages.socialTitleHint')} defaultValue={values.socialTitle} error={errors.socialTitle} />
          <Field name="socialDescription" label={t('sitePages.socialDescription')} hint={t('sitePages.socialDescriptionHint')} defaultValue={values.socialDescription} error={errors.socialDescription} />
          <Field name="socialImageUrl" label={t('sitePages.socialImageUrl')} hint={t('sitePages.socialImageUrlHint')} defaultValue={values.socialImageUrl} error={errors.socialImageUrl} />
          <SelectField
            name="twitterCard"
            label={t('sitePages.twitterCard')}
            options={TWITTER_CARDS.map((card) => ({ value: card, label: t(`sitePages.card_${card}`) }))}
            defaultValue={values.twitterCard || 'summary'}
            error={errors.twitterCard}
          />
        </fieldset>
        <CheckboxField name="inNavigation" label={t('sitePages.inNavigation')} defaultChecked={checked('inNavigation')} />
        <CheckboxField name="onHome" label={t('sitePages.onHome')} defaultChecked={checked('onHome')} />
        <div className="button-row">
          <button type="submit" name="intent" value="save">
            {submitLabel}
          </button>{' '}
          <button type="submit" name="intent" value="preview" className="secondary" formNoValidate>
            {t('sitePages.previewButton')}
          </button>
        </div>
      </Form>
    </>
  );
}
