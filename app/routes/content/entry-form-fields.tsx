// The events-and-news form, for a new entry and an existing one.
import { Form } from 'react-router';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { CheckboxField, RadioGroup, TextAreaField } from '#app/components/choices.tsx';
import { DateField, Field } from '#app/components/field.tsx';
import type { FieldErrors, FormValues } from '#app/lib/forms.ts';
import { useSchemaForm } from '#app/lib/use-schema-form.ts';
import { ENTRY_KINDS, entryFormSchema } from '#domain/content/entry-form.ts';
import { t } from '#lib/i18n.ts';

const labels = () => ({
  kind: t('siteEntries.kind'),
  title: t('siteEntries.title'),
  startsOn: t('siteEntries.startsOn'),
  endsOn: t('siteEntries.endsOn'),
  place: t('siteEntries.place'),
  summary: t('siteEntries.summary'),
  body: t('siteEntries.body'),
});

export function EntryFormFields({ values, errors: serverErrors, message, attempt, submitLabel }: { values: FormValues; errors?: FieldErrors; message?: string; attempt: unknown; submitLabel: string }) {
  const { errors, onSubmit, message: shown } = useSchemaForm(entryFormSchema, serverErrors, message);
  return (
    <>
      <ErrorSummary message={shown} errors={errors} labels={labels()} attempt={attempt} />
      <Form method="post" className="stack" noValidate onSubmit={onSubmit}>
        <RadioGroup name="kind" legend={t('siteEntries.kind')} options={ENTRY_KINDS.map((k) => ({ value: k, label: t(`siteEntries.kind_${k}`) }))} defaultValue={values.kind || 'event'} error={errors.kind} />
        <Field name="title" label={t('siteEntries.title')} defaultValue={values.title} error={errors.title} required />
        <DateField name="startsOn" label={t('siteEntries.startsOn')} hint={t('siteEntries.startsOnHint')} defaultValue={values.startsOn} error={errors.startsOn} required />
        <DateField name="endsOn" label={t('siteEntries.endsOn')} hint={t('siteEntries.endsOnHint')} defaultValue={values.endsOn} error={errors.endsOn} />
        <Field name="place" label={t('siteEntries.place')} hint={t('siteEntries.placeHint')} defaultValue={values.place} error={errors.place} />
        <TextAreaField name="summary" label={t('siteEntries.summary')} rows={2} defaultValue={values.summary} error={errors.summary} />
        <TextAreaField name="body" label={t('siteEntries.body')} hint={t('sitePages.bodyHint')} rows={8} defaultValue={values.body} error={errors.body} />
        <CheckboxField name="published" label={t('siteEntries.published')} defaultChecked={values.published === 'on'} />
        <div>
          <button type="submit">{submitLabel}</button>
        </div>
      </Form>
    </>
  );
}
