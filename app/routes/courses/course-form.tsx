// The course details form, shared by "new course" and "edit course".
import { Form } from 'react-router';
import { DateField, Field } from '#app/components/field.tsx';
import { useSchemaForm } from '#app/lib/use-schema-form.ts';
import { COURSE_KINDS, courseSchema, EDITABLE_SECTIONS } from '#domain/courses/course-schema.ts';
import { t } from '#lib/i18n.ts';
import { CheckboxField, SelectField, TextAreaField } from '#app/components/choices.tsx';

export type CourseValues = Record<string, string>;

/** The form's checks in the browser; the page shows its error summary above everything else. */
export function useCourseForm(serverErrors: Record<string, string> | undefined, serverMessage: string | undefined) {
  return useSchemaForm(courseSchema, serverErrors, serverMessage);
}

/** The form's fields in its order, by name: the error summary links to those in error. */
export function courseFieldLabels(): Record<string, string> {
  const label = (key: string) => t(`staffCourses.${key}`);
  return {
    title: label('courseTitle'),
    slug: label('slug'),
    kind: label('kind'),
    tagline: label('tagline'),
    startsOn: label('startsOn'),
    endsOn: label('endsOn'),
    timeZone: label('timeZone'),
    capacity: label('capacity'),
    venueName: label('venueName'),
    venueAddress: label('venueAddress'),
    city: label('city'),
    region: label('region'),
    country: label('country'),
    registrationOpensOn: label('registrationOpensOn'),
    registrationDeadline: label('registrationDeadline'),
    cancellationDeadline: label('cancellationDeadline'),
    cancellationFee: label('cancellationFee'),
    currency: label('currency'),
    offerHoldHours: label('offerHoldHours'),
    earlyPlaceLimit: label('earlyPlaceLimit'),
    earlyRateUntil: label('earlyRateUntil'),
    ...Object.fromEntries(EDITABLE_SECTIONS.map((key) => [`section_${key}`, label(`section_${key}`)])),
    goals: label('goals'),
    accreditation: label('accreditation'),
  };
}

export function CourseForm({
  values,
  form: { errors, onSubmit },
  submitLabel,
  busy,
}: {
  values: CourseValues;
  form: ReturnType<typeof useCourseForm>;
  submitLabel: string;
  busy: boolean;
}) {
  const e: Record<string, string> = errors;
  const v = (name: string) => values[name] ?? '';
  return (
    <Form method="post" className="stack" noValidate onSubmit={onSubmit}>
      <input type="hidden" name="intent" value="save" />
      <Field name="title" label={t('staffCourses.courseTitle')} defaultValue={v('title')} error={e.title} required />
      <Field name="slug" label={t('staffCourses.slug')} hint={t('staffCourses.slugHint')} defaultValue={v('slug')} error={e.slug} required />
      <SelectField name="kind" label={t('staffCourses.kind')} defaultValue={v('kind') || 'leadership_intensive'} options={COURSE_KINDS.map((k) => ({ value: k, label: t(`course.kind_${k}`) }))} error={e.kind} />
      <Field name="tagline" label={t('staffCourses.tagline')} defaultValue={v('tagline')} error={e.tagline} />
      <DateField name="startsOn" label={t('staffCourses.startsOn')} defaultValue={v('startsOn')} error={e.startsOn} required />
      <DateField name="endsOn" label={t('staffCourses.endsOn')} defaultValue={v('endsOn')} error={e.endsOn} required />
      <Field name="timeZone" label={t('staffCourses.timeZone')} hint={t('staffCourses.timeZoneHint')} defaultValue={v('timeZone')} error={e.timeZone} required />
      <Field name="capacity" type="number" label={t('staffCourses.capacity')} defaultValue={v('capacity')} error={e.capacity} required />
      <fieldset className="stack">
        <legend>{t('staffCourses.venueLegend')}</legend>
        <CheckboxField name="online" label={t('staffCourses.online')} defaultChecked={v('online') === 'on'} />
        <Field name="venueName" label={t('staffCourses.venueName')} defaultValue={v('venueName')} error={e.venueName} />
        <Field name="venueAddress" label={t('staffCourses.venueAddress')} defaultValue={v('venueAddress')} error={e.venueAddress} />
        <Field name="city" label={t('staffCourses.city')} defaultValue={v('city')} error={e.city} />
        <Field name="region" label={t('staffCourses.region')} defaultValue={v('region')} error={e.region} />
        <Field name="country" label={t('staffCourses.country')} defaultValue={v('country')} error={e.country} />
      </fieldset>
      <fieldset className="stack">
        <legend>{t('staffCourses.registrationLegend')}</legend>
        <DateField name="registrationOpensOn" label={t('staffCourses.registrationOpensOn')} defaultValue={v('registrationOpensOn')} error={e.registrationOpensOn} />
        <DateField name="registrationDeadline" label={t('staffCourses.registrationDeadline')} hint={t('staffCourses.deadlineHint')} defaultValue={v('registrationDeadline')} error={e.registrationDeadline} required />
        <DateField name="cancellationDeadline" label={t('staffCourses.cancellationDeadline')} defaultValue={v('cancellationDeadline')} error={e.cancellationDeadline} />
        <Field name="cancellationFee" label={t('staffCourses.cancellationFee')} defaultValue={v('cancellationFee')} error={e.cancellationFee} />
        <Field name="currency" label={t('staffCourses.currency')} defaultValue={v('currency') || 'USD'} error={e.currency} required />
        <CheckboxField name="requiresApproval" label={t('staffCourses.requiresApproval')} defaultChecked={v('requiresApproval') === 'on'} />
        <Field
          name="offerHoldHours"
          type="number"
          label={t('staffCourses.offerHoldHours')}
          hint={t('staffCourses.offerHoldHoursHint')}
          defaultValue={v('offerHoldHours') || '48'}
          error={e.offerHoldHours}
        />
      </fieldset>
      <fieldset className="stack">
        <legend>{t('staffCourses.earlyLegend')}</legend>
        <p className="hint">{t('staffCourses.earlyHint')}</p>
        <Field name="earlyPlaceLimit" type="number" label={t('staffCourses.earlyPlaceLimit')} defaultValue={v('earlyPlaceLimit')} error={e.earlyPlaceLimit} />
        <DateField name="earlyRateUntil" label={t('staffCourses.earlyRateUntil')} defaultValue={v('earlyRateUntil')} error={e.earlyRateUntil} />
      </fieldset>
      <fieldset className="stack">
        <legend>{t('staffCourses.sectionsLegend')}</legend>
        {EDITABLE_SECTIONS.map((key) => (
          <TextAreaField key={key} name={`section_${key}`} label={t(`staffCourses.section_${key}`)} defaultValue={v(`section_${key}`)} error={e[`section_${key}`]} />
        ))}
        <TextAreaField name="goals" label={t('staffCourses.goals')} hint={t('staffCourses.goalsHint')} defaultValue={v('goals')} error={e.goals} />
        <TextAreaField name="accreditation" label={t('staffCourses.accreditation')} hint={t('staffCourses.accreditationHint')} defaultValue={v('accreditation')} error={e.accreditation} />
      </fieldset>
      <div>
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
