// A director cancels a course: every registrant is refunded all fees paid and emailed, the
// waitlist ends, and the refunds appear in the tracker. Asks for a reason and a confirmation.
import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { z } from 'zod';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { errorMessage, fieldMessage } from '#app/lib/error-messages.ts';
import { parseForm } from '#app/lib/forms.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { requireCourse } from '#app/routes/courses/course-access.server.ts';
import { CourseNav } from '#app/routes/courses/course-nav.tsx';
import { CheckboxField, TextAreaField } from '#app/components/choices.tsx';
import { DomainError } from '#domain/errors.ts';
import { cancelCourse, courseCancellationSummary } from '#domain/refunds/cancel-course.server.ts';
import { t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';
import type { Route } from './+types/cancel-course.ts';

const schema = z.object({
  reason: z.string().trim().min(1).max(1000),
  confirm: z.literal('yes', { error: () => t('refundsCourse.mustConfirm') }),
});

async function load(request: Request, context: Route.LoaderArgs['context'], params: Route.LoaderArgs['params']) {
  const { org, actor } = await requirePermission(request, context, params.org, 'course:manage');
  const course = await requireCourse(services(context).db, org.id, params.courseId);
  return { org, actor, course };
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, course } = await load(request, context, params);
  const summary = await courseCancellationSummary(services(context).db, org.id, course.id);
  return {
    slug: org.slug,
    base: `/o/${org.slug}/admin/courses/${course.id}`,
    course: { id: course.id, title: course.title, status: course.status },
    holding: summary.holding,
    waitlisted: summary.waitlisted,
    paid: formatMoney(summary.paidMinor, course.currency),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor, course } = await load(request, context, params);
  const parsed = parseForm(schema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, alert: t('form.fixErrors'), done: undefined }, { status: 400 });
  const { db, jobs, publicUrl } = services(context);
  try {
    const result = await cancelCourse(db, { organizationId: org.id, courseId: course.id, reason: parsed.data.reason }, actor, { publicUrl });
    await jobs.deliverEmails(result.emailIds);
    return {
      errors: {},
      alert: undefined,
      done: t('refundsCourse.done', {
        cancelled: t('refundsCourse.cancelledCount', { count: result.cancelled }),
        withdrawn: t('refundsCourse.withdrawnCount', { count: result.withdrawn }),
        refunds: formatMoney(result.refundsMinor, course.currency),
      }),
    };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const errors = Object.fromEntries(Object.entries(error.fields).map(([field, code]) => [field, fieldMessage(code)]));
    return data({ errors, alert: errorMessage(error.code), done: undefined }, { status: 409 });
  }
}

export default function CancelCourse({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const errors: Record<string, string> = actionData?.errors ?? {};
  const tracker = `/o/${loaderData.slug}/admin/refunds?view=due&course=${loaderData.course.id}`;
  return (
    <main id="main">
      <title>{t('refundsCourse.heading', { course: loaderData.course.title })}</title>
      <h1>{t('refundsCourse.heading', { course: loaderData.course.title })}</h1>
      <CourseNav base={loaderData.base} title={loaderData.course.title} />
      <ErrorSummary
        message={actionData?.alert}
        errors={errors}
        labels={{ reason: t('refundsCourse.reason'), confirm: t('refundsCourse.confirm', { course: loaderData.course.title }) }}
        attempt={actionData}
      />
      {actionData?.done ? (
        <div className="notice success" role="status">
          <p>{actionData.done}</p>
          <p>
            <Link to={tracker}>{t('refundsCourse.toTracker')}</Link>
          </p>
        </div>
      ) : null}
      {loaderData.course.status === 'cancelled' ? (
        !actionData?.done ? (
          <p>
            {t('refundsCourse.alreadyCancelled')} <Link to={tracker}>{t('refundsCourse.toTracker')}</Link>
          </p>
        ) : null
      ) : (
        <>
          <p>{t('refundsCourse.intro')}</p>
          <p>{t('refundsCourse.counts', {
              holding: t('refundsCourse.holding', { count: loaderData.holding }),
              waitlisted: t('refundsCourse.waitlisted', { count: loaderData.waitlisted }),
              paid: loaderData.paid,
            })}</p>
          <Form method="post" className="stack" noValidate>
            <TextAreaField name="reason" label={t('refundsCourse.reason')} rows={3} error={errors.reason} />
            <CheckboxField name="confirm" value="yes" label={t('refundsCourse.confirm', { course: loaderData.course.title })} error={errors.confirm} />
            <div>
              <button type="submit" disabled={busy}>
                {t('refundsCourse.submit')}
              </button>
            </div>
          </Form>
        </>
      )}
    </main>
  );
}
