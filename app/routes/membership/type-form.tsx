// The membership type form, shared by the new-type and edit pages.
import { Form } from 'react-router';
import { CheckboxField, RadioGroup, TextAreaField } from '#app/components/choices.tsx';
import { Field } from '#app/components/field.tsx';
import { t } from '#lib/i18n.ts';

export const TYPE_LABELS = {
  key: t('membershipTypes.key'),
  name: t('membershipTypes.name'),
  dues: t('membershipTypes.dues'),
  term: t('membershipTypes.term'),
  proRating: t('membershipTypes.proRating'),
  eligibility: t('membershipTypes.eligibility'),
  benefits: t('membershipTypes.benefits'),
};

export function MembershipTypeForm({ values, errors, busy, checked }: { values: Record<string, string | undefined>; errors: Record<string, string | undefined>; busy: boolean; checked: (name: string) => boolean }) {
  return (
    <Form method="post" className="stack" noValidate>
      <input type="hidden" name="intent" value="type" />
      <Field name="key" label={t('membershipTypes.key')} hint={t('membershipTypes.keyHint')} defaultValue={values.key} error={errors.key} required />
      <Field name="name" label={t('membershipTypes.name')} defaultValue={values.name} error={errors.name} required />
      <TextAreaField name="dues" label={t('membershipTypes.dues')} hint={t('membershipTypes.duesHint')} rows={2} defaultValue={values.dues} error={errors.dues} />
      <RadioGroup
        name="term"
        legend={t('membershipTypes.term')}
        options={[
          { value: 'calendar_year', label: t('membershipTerm.calendar_year') },
          { value: 'rolling_12_months', label: t('membershipTerm.rolling_12_months') },
        ]}
        defaultValue={values.term ?? 'calendar_year'}
        error={errors.term}
      />
      <RadioGroup
        name="proRating"
        legend={t('membershipTypes.proRating')}
        hint={t('membershipTypes.proRatingHint')}
        options={[
          { value: 'none', label: t('membershipTerm.none') },
          { value: 'remaining_months', label: t('membershipTerm.remaining_months') },
        ]}
        defaultValue={values.proRating ?? 'none'}
        error={errors.proRating}
      />
      <TextAreaField name="eligibility" label={t('membershipTypes.eligibility')} rows={2} defaultValue={values.eligibility} error={errors.eligibility} />
      <TextAreaField name="benefits" label={t('membershipTypes.benefits')} rows={3} defaultValue={values.benefits} error={errors.benefits} />
      <CheckboxField name="grantsMemberPrices" label={t('membershipTypes.grantsMemberPrices')} defaultChecked={checked('grantsMemberPrices')} />
      <CheckboxField name="complimentary" label={t('membershipTypes.complimentary')} defaultChecked={checked('complimentary')} />
      <CheckboxField name="active" label={t('membershipTypes.active')} defaultChecked={checked('active')} />
      <div>
        <button type="submit" disabled={busy}>
          {t('membershipTypes.save')}
        </button>
      </div>
    </Form>
  );
}
