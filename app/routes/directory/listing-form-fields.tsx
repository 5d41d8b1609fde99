// The listing form's fields, shared by "list a group" and "edit": every field of the issue,
// each labelled, with its error beside it and what was typed kept after a refusal.
import { CheckboxField, SelectField, TextAreaField } from '#app/components/choices.tsx';
import { DateField, Field } from '#app/components/field.tsx';
import { t } from '#lib/i18n.ts';

export type Values = Record<string, string | undefined>;
export type Errors = Record<string, string | undefined>;

export interface Vocabulary {
  formats: readonly string[];
  cadences: readonly string[];
  enrollments: readonly string[];
  professions: readonly string[];
  timeZones: readonly string[];
  weeksOfMonth: readonly string[];
  currency: string;
}

export const LISTING_LABELS: Record<string, string> = {
  title: t('myGroups.title'),
  description: t('myGroups.description'),
  format: t('myGroups.format'),
  cadence: t('myGroups.cadence'),
  weekday: t('myGroups.weekday'),
  weekOfMonth: t('myGroups.weekOfMonth'),
  startTime: t('myGroups.startTime'),
  durationMinutes: t('myGroups.durationMinutes'),
  timeZone: t('myGroups.timeZone'),
  startsOn: t('myGroups.startsOn'),
  placeName: t('myGroups.placeName'),
  city: t('myGroups.city'),
  region: t('myGroups.region'),
  postcode: t('myGroups.postcode'),
  country: t('myGroups.country'),
  cost: t('myGroups.costHeading'),
  costNote: t('myGroups.costNote'),
  enrollment: t('myGroups.enrollmentStatus'),
  howToJoin: t('myGroups.howToJoin'),
  coLeaders: t('myGroups.coLeaders'),
};

export function ListingFields({ values, errors, vocabulary: v }: { values: Values; errors: Errors; vocabulary: Vocabulary }) {
  const val = (name: string) => values[name] ?? '';
  return (
    <>
      <Field name="title" label={LISTING_LABELS.title!} defaultValue={val('title')} error={errors.title} required />
      <TextAreaField name="description" label={LISTING_LABELS.description!} hint={t('myGroups.descriptionHint')} defaultValue={val('description')} error={errors.description} />
      <SelectField name="format" label={LISTING_LABELS.format!} options={v.formats.map((f) => ({ value: f, label: t(`directory.format_${f}`) }))} defaultValue={val('format') || 'in_person'} error={errors.format} />
      <CheckboxField name="rotatingLeader" value="yes" label={t('myGroups.rotatingLeader')} defaultChecked={values.rotatingLeader === 'yes'} />
      <fieldset>
        <legend>{t('myGroups.professions')}</legend>
        <p className="hint">{t('myGroups.professionsHint')}</p>
        {v.professions.map((p) => (
          <CheckboxField key={p} name={`profession.${p}`} value="yes" label={t(`directory.profession_${p}`)} defaultChecked={values[`profession.${p}`] === 'yes'} />
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('myGroups.whenHeading')}</legend>
        <SelectField name="cadence" label={LISTING_LABELS.cadence!} options={v.cadences.map((c) => ({ value: c, label: t(`directory.cadence_${c}`) }))} defaultValue={val('cadence') || 'weekly'} error={errors.cadence} />
        <SelectField
          name="weekday"
          label={LISTING_LABELS.weekday!}
          options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: t(`directory.weekday_${d}`) }))}
          defaultValue={val('weekday') || '2'}
          error={errors.weekday}
        />
        <SelectField
          name="weekOfMonth"
          label={LISTING_LABELS.weekOfMonth!}
          options={[{ value: '', label: t('myGroups.weekOfMonthNone') }, ...v.weeksOfMonth.map((w) => ({ value: w, label: t(`directory.nth_${w}`) }))]}
          defaultValue={val('weekOfMonth')}
          error={errors.weekOfMonth}
        />
        <Field name="startTime" label={LISTING_LABELS.startTime!} hint={t('myGroups.startTimeHint')} defaultValue={val('startTime') || '19:00'} error={errors.startTime} />
        <Field name="durationMinutes" type="number" label={LISTING_LABELS.durationMinutes!} defaultValue={val('durationMinutes') || '90'} error={errors.durationMinutes} />
        <SelectField name="timeZone" label={LISTING_LABELS.timeZone!} options={v.timeZones} defaultValue={val('timeZone') || 'America/Los_Angeles'} error={errors.timeZone} />
        <DateField name="startsOn" label={LISTING_LABELS.startsOn!} defaultValue={val('startsOn')} error={errors.startsOn} />
      </fieldset>
      <fieldset>
        <legend>{t('myGroups.whereHeading')}</legend>
        <p className="hint">{t('myGroups.whereHint')}</p>
        <Field name="placeName" label={LISTING_LABELS.placeName!} defaultValue={val('placeName')} error={errors.placeName} />
        <Field name="city" label={LISTING_LABELS.city!} defaultValue={val('city')} error={errors.city} />
        <Field name="region" label={LISTING_LABELS.region!} defaultValue={val('region')} error={errors.region} />
        <Field name="postcode" label={LISTING_LABELS.postcode!} defaultValue={val('postcode')} error={errors.postcode} autoComplete="off" />
        <Field name="country" label={LISTING_LABELS.country!} defaultValue={val('country')} error={errors.country} />
      </fieldset>
      <fieldset>
        <legend>{t('myGroups.costHeading')}</legend>
        <Field name="cost" label={t('myGroups.cost', { currency: v.currency })} hint={t('myGroups.costHint')} defaultValue={val('cost')} error={errors.cost} />
        <Field name="costNote" label={LISTING_LABELS.costNote!} hint={t('myGroups.costNoteHint')} defaultValue={val('costNote')} error={errors.costNote} />
        <SelectField name="enrollment" label={LISTING_LABELS.enrollment!} options={v.enrollments.map((e) => ({ value: e, label: t(`directory.enrollment_${e}`) }))} defaultValue={val('enrollment') || 'open'} error={errors.enrollment} />
        <TextAreaField name="howToJoin" label={LISTING_LABELS.howToJoin!} defaultValue={val('howToJoin')} error={errors.howToJoin} />
      </fieldset>
      <TextAreaField name="coLeaders" label={LISTING_LABELS.coLeaders!} hint={t('myGroups.coLeadersHint')} rows={3} defaultValue={val('coLeaders')} error={errors.coLeaders} />
    </>
  );
}
