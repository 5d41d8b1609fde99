// A course's payment and cancellation policy. New values apply to registrations submitted
// afterwards; each registration keeps the snapshot it was submitted under. Audited.
import { data, Form, useActionData, useNavigation } from 'react-router';
import { DateField, Field, FormAlert } from '#app/components/field.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { errorMessage, fieldMessage, fieldMessageIn } from '#app/lib/error-messages.ts';
import { formValues } from '#app/lib/forms.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { requireCourse } from '#app/routes/courses/course-access.server.ts';
import { CourseNav } from '#app/routes/courses/course-nav.tsx';
import { SelectField } from '#app/components/choices.tsx';
import { formatAmountInput } from '#lib/money.ts';
import { readCoursePolicy } from '#domain/billing/settings-form.ts';
import { updateCourseMoneyPolicy } from '#domain/billing/settings.server.ts';
import { DomainError } from '#domain/errors.ts';
import { t } from '#lib/i18n.ts';
import { problemWords } from './payment-fields.tsx';
import type { Route } from './+types/course-money.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'course:manage');
  const course = await requireCourse(services(context).db, org.id, params.courseId);
  return {
    base: `/o/${org.slug}/admin/courses/${course.id}`,
    course: { title: course.title, currency: course.currency, timeZone: course.timeZone },
    values: {
      paymentTiming: course.paymentTiming,
      paymentHoldHours: String(course.paymentHoldHours),
      cancellationDeadline: course.cancellationDeadline ?? '',
      cancellationFee: formatAmountInput(course.cancellationFeeMinor, course.currency),
      refundWithinDays: String(course.refundWithinDays),
    } as Record<string, string>,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor } = await requirePermission(request, context, params.org, 'course:manage');
  const { db } = services(context);
  const course = await requireCourse(db, org.id, params.courseId);
  const values = formValues(await request.formData());
  const parsed = readCoursePolicy(values, course.currency);
  if (!parsed.ok) return data({ errors: problemWords(parsed.errors, fieldMessageIn(course.currency)), values, alert: t('form.fixErrors'), done: undefined }, { status: 400 });
  try {
    await updateCourseMoneyPolicy(db, org.id, course.id, parsed.data, actor);
  } catch (error) {
    if (error instanceof DomainError) return data({ errors: {} as Record<string, string>, values, alert: errorMessage(error.code), done: undefined }, { status: 409 });
    throw error;
  }
  return { errors: {} as Record<string, string>, values: undefined, alert: undefined, done: t('billingCourseMoney.saved') };
}

export default function CourseMoney({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const errors: Record<string, string> = actionData?.errors ?? {};
  const values = actionData?.values ?? loaderData.values;
  const c = loaderData.course;
  return (
    <main id="main">
      <title>{t('billingCourseMoney.title', { title: c.title })}</title>
      <h1>{t('billingCourseMoney.title', { title: c.title })}</h1>
      <CourseNav base={loaderData.base} title={c.title} />
      <ErrorSummary
        message={actionData?.alert}
        errors={errors}
        labels={{
          paymentTiming: t('billingCourseMoney.paymentTiming'),
          paymentHoldHours: t('billingCourseMoney.paymentHoldHours'),
          cancellationDeadline: t('billingCourseMoney.cancellationDeadline'),
          cancellationFee: t('billingCourseMoney.cancellationFee', { currency: c.currency }),
          refundWithinDays: t('billingCourseMoney.refundWithinDays'),
        }}
        attempt={actionData}
      />
      <FormAlert message={actionData?.done} tone="success" />
      <p className="notice info">{t('billingCourseMoney.snapshotHint')}</p>
      <Form method="post" noValidate>
        <SelectField
          name="paymentTiming"
          label={t('billingCourseMoney.paymentTiming')}
          hint={t('billingCourseMoney.paymentTimingHint')}
          defaultValue={values.paymentTiming}
          options={(['at_application', 'after_acceptance'] as const).map((v) => ({ value: v, label: t(`billingCourseMoney.timing_${v}`) }))}
          error={errors.paymentTiming}
        />
        <Field name="paymentHoldHours" label={t('billingCourseMoney.paymentHoldHours')} hint={t('billingCourseMoney.paymentHoldHoursHint')} defaultValue={values.paymentHoldHours} error={errors.paymentHoldHours} required />
        <DateField
          name="cancellationDeadline"
          label={t('billingCourseMoney.cancellationDeadline')}
          hint={t('billingCourseMoney.cancellationDeadlineHint', { timeZone: c.timeZone })}
          defaultValue={values.cancellationDeadline}
          error={errors.cancellationDeadline}
        />
        <Field
          name="cancellationFee"
          label={t('billingCourseMoney.cancellationFee', { currency: c.currency })}
          hint={t('billingCourseMoney.cancellationFeeHint')}
          defaultValue={values.cancellationFee}
          error={errors.cancellationFee}
          required
        />
        <Field name="refundWithinDays" label={t('billingCourseMoney.refundWithinDays')} hint={t('billingCourseMoney.refundWithinDaysHint')} defaultValue={values.refundWithinDays} error={errors.refundWithinDays} required />
        <button type="submit" disabled={busy}>
          {t('billingCourseMoney.save')}
        </button>
      </Form>
    </main>
  );
}
