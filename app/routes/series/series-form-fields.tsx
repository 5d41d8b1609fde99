// The series form's fields, shared by the new and edit pages (one schema: domain/series/series-form.ts).
import { SelectField } from '#app/components/choices.tsx';
import { DateField, Field } from '#app/components/field.tsx';
import { t } from '#lib/i18n.ts';

export const SERIES_FIELD_LABELS = () => ({
  listingId: t('seriesForm.listing'),
  title: t('seriesForm.title'),
  firstSessionOn: t('seriesForm.firstSessionOn'),
  sessionCount: t('seriesForm.sessionCount'),
  price: t('seriesForm.price'),
  minimum: t('seriesForm.minimum'),
  maximum: t('seriesForm.maximum'),
  closesAfterSession: t('seriesForm.closesAfterSession'),
  decideBy: t('seriesForm.decideBy'),
});

export function SeriesFormFields({
  listings,
  values,
  errors,
  currency,
}: {
  listings: { id: string; title: string }[] | null;
  values: Record<string, string>;
  errors: Record<string, string>;
  currency: string;
}) {
  return (
    <>
      {listings ? (
        <SelectField name="listingId" label={t('seriesForm.listing')} defaultValue={values.listingId ?? listings[0]?.id} options={listings.map((l) => ({ value: l.id, label: l.title }))} error={errors.listingId} />
      ) : (
        <input type="hidden" name="listingId" value={values.listingId} />
      )}
      <Field name="title" label={t('seriesForm.title')} hint={t('seriesForm.titleHint')} defaultValue={values.title} error={errors.title} required />
      <DateField name="firstSessionOn" label={t('seriesForm.firstSessionOn')} hint={t('seriesForm.firstSessionHint')} defaultValue={values.firstSessionOn} error={errors.firstSessionOn} required />
      <Field name="sessionCount" type="number" label={t('seriesForm.sessionCount')} defaultValue={values.sessionCount ?? '6'} error={errors.sessionCount} required />
      <Field name="price" label={`${t('seriesForm.price')} (${currency})`} hint={t('seriesForm.priceHint')} defaultValue={values.price ?? '0'} error={errors.price} />
      <Field name="minimum" type="number" label={t('seriesForm.minimum')} defaultValue={values.minimum ?? '4'} error={errors.minimum} required />
      <Field name="maximum" type="number" label={t('seriesForm.maximum')} defaultValue={values.maximum ?? '10'} error={errors.maximum} required />
      <Field name="closesAfterSession" type="number" label={t('seriesForm.closesAfterSession')} hint={t('seriesForm.closesAfterSessionHint')} defaultValue={values.closesAfterSession ?? '1'} error={errors.closesAfterSession} required />
      <DateField name="decideBy" label={t('seriesForm.decideBy')} hint={t('seriesForm.decideByHint')} defaultValue={values.decideBy} error={errors.decideBy} required />
    </>
  );
}
