// Staff side of a cancellation: record a written request received by email, letter or phone
// with the date it arrived; see the cancellation on file with its refunds; change its outcome
// with a reason.
import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { z } from 'zod';
import { Field, FormAlert } from '#app/components/field.tsx';
import { errorMessage, fieldMessage } from '#app/lib/error-messages.ts';
import { parseForm } from '#app/lib/forms.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { requireCourse } from '#app/routes/admin/courses/course-access.server.ts';
import { CourseNav } from '#app/routes/admin/courses/course-nav.tsx';
import { SelectField, TextAreaField } from '#app/routes/admin/courses/form-parts.tsx';
import { amountInput, parseAmount } from '#domain/billing/amounts.ts';
import { isCalendarDate } from '#lib/dates.ts';
import { rolesGrant } from '#domain/accounts/permissions.ts';
import { DomainError } from '#domain/errors.ts';
import { cancelRegistration } from '#domain/refunds/cancel-registration.server.ts';
import { STAFF_CHANNELS } from '#domain/refunds/channels.ts';
import { getCancellationView } from '#domain/refunds/cancellation-view.server.ts';
import { overrideCancellation } from '#domain/refunds/override-cancellation.server.ts';
import { formatDate, formatMoney, t } from '#lib/i18n.ts';
import { acknowledgedText, OutcomeList, PolicyList } from './outcome.tsx';
import type { Route } from './+types/staff-cancel.ts';

// The date is typed as text: a date input would send an impossible date (2025-02-30) as empty.
const recordSchema = z.object({
  intent: z.literal('record'),
  channel: z.enum(STAFF_CHANNELS, { message: t('refundsStaffCancel.channelRequired') }),
  receivedOn: z
    .string()
    .trim()
    .default('')
    .superRefine((v, ctx) => {
      if (v === '') ctx.addIssue({ code: 'custom', message: t('refundsStaffCancel.receivedOnRequired') });
      else if (!isCalendarDate(v)) ctx.addIssue({ code: 'custom', message: t('refundsStaffCancel.receivedOnNotADate') });
    }),
});
const overrideSchema = z.object({ intent: z.literal('override'), refund: z.string().trim().min(1), reason: z.string().trim().min(1).max(500) });

async function load(request: Request, context: Route.LoaderArgs['context'], params: Route.LoaderArgs['params']) {
  const { org, actor, roles } = await requirePermission(request, context, params.org, 'refunds:manage');
  const { db } = services(context);
  const course = await requireCourse(db, org.id, params.courseId);
  try {
    const view = await getCancellationView(db, { organizationId: org.id, registrationId: params.registrationId, courseId: course.id });
    return { org, actor, roles, course, view };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'REGISTRATION_NOT_FOUND') throw data(null, { status: 404 });
    throw error;
  }
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, roles, course, view } = await load(request, context, params);
  const r = view.registration;
  const c = view.cancellation;
  return {
    base: `/o/${org.slug}/admin/courses/${course.id}`,
    slug: org.slug,
    courseId: course.id,
    // The course tabs and the application page need 'registration:review' (a treasurer has not).
    mayReview: rolesGrant(roles, 'registration:review'),
    course: { title: course.title },
    registration: { id: r.id, name: r.name, email: r.email, status: r.status, currency: r.currency },
    policy: { cancellationDeadline: r.policy.cancellationDeadline, cancellationFeeMinor: r.policy.cancellationFeeMinor, refundWithinDays: r.policy.refundWithinDays, currency: r.currency },
    today: view.today,
    cancellable: view.cancellable,
    preview: view.preview,
    cancellation: c
      ? {
          channel: c.channel,
          receivedOn: c.receivedOn,
          acknowledgedAt: acknowledgedText(c.acknowledgedAt, course.timeZone),
          outcome: c.outcome,
          overrideReason: c.overrideReason,
          dueOn: c.dueOn,
          refundInput: amountInput(c.outcome.refundMinor, r.currency),
          paid: formatMoney(c.outcome.paidMinor, r.currency),
        }
      : null,
    refunds: view.refunds.map((f) => ({
      id: f.id,
      reason: f.reason,
      status: f.status,
      amount: formatMoney(f.amountMinor, f.currency),
      dueOn: formatDate(f.dueOn, 'en-US', 'medium'),
      completedOn: f.completedOn ? formatDate(f.completedOn, 'en-US', 'medium') : null,
    })),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor, view } = await load(request, context, params);
  const { db, jobs, publicUrl } = services(context);
  const formData = await request.formData();
  const form = formData.get('intent') === 'override' ? 'override' : 'record';
  const receivedOn = String(formData.get('receivedOn') ?? '');
  const fail = (errors: Record<string, string>, alert: string, status: number) => data({ form, errors, alert, done: undefined, receivedOn }, { status });
  try {
    if (form === 'record') {
      const parsed = parseForm(recordSchema, formData);
      if (!parsed.ok) return fail(parsed.errors, t('form.fixErrors'), 400);
      const result = await cancelRegistration(db, { organizationId: org.id, registrationId: view.registration.id, channel: parsed.data.channel, receivedOn: parsed.data.receivedOn }, actor, { publicUrl });
      await jobs.deliverEmails(result.emailIds);
      return { form, errors: {}, alert: undefined, done: t('refundsStaffCancel.recorded'), receivedOn: undefined };
    }
    const parsed = parseForm(overrideSchema, formData);
    if (!parsed.ok) return fail(parsed.errors, t('form.fixErrors'), 400);
    const amount = parseAmount(parsed.data.refund, view.registration.currency, { allowZero: true });
    if (!amount.ok) return fail({ refund: errorMessage('OVERRIDE_OUT_OF_RANGE') }, t('form.fixErrors'), 400);
    const result = await overrideCancellation(db, { organizationId: org.id, registrationId: view.registration.id, refundMinor: amount.minor, reason: parsed.data.reason }, actor, { publicUrl });
    await jobs.deliverEmails(result.emailIds);
    return { form, errors: {}, alert: undefined, done: t('refundsStaffCancel.overridden'), receivedOn: undefined };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const errors = Object.fromEntries(Object.entries(error.fields).map(([field, code]) => [field, fieldMessage(code)]));
    return fail(errors, errorMessage(error.code), 409);
  }
}

export default function StaffCancellation({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const r = loaderData.registration;
  const c = loaderData.cancellation;
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <main id="main">
      <title>{t('refundsStaffCancel.title', { name: r.name })}</title>
      <p>
        <Link to={loaderData.mayReview ? `${loaderData.base}/applications/${r.id}` : `${loaderData.base}/applications/${r.id}/account`}>{r.name}</Link>
      </p>
      <h1>{t('refundsStaffCancel.title', { name: r.name })}</h1>
      {loaderData.mayReview ? <CourseNav base={loaderData.base} title={loaderData.course.title} /> : null}
      <FormAlert message={actionData?.alert} />
      <FormAlert message={actionData?.done} tone="success" />
      <p>
        {r.email} · {t(`staffApplications.status_${r.status}`)}
      </p>
      <h2>{t('refundsStaffCancel.policy')}</h2>
      <PolicyList policy={loaderData.policy} />
      {c ? (
        <>
          <h2>{t('refundsStaffCancel.existing')}</h2>
          <dl className="facts">
            <dt>{t('refunds.channel')}</dt>
            <dd>{t(`refunds.channelLabel_${c.channel}`)}</dd>
            <dt>{t('refunds.receivedOn')}</dt>
            <dd>{formatDate(c.receivedOn)}</dd>
            <dt>{t('refunds.acknowledgedAt')}</dt>
            <dd>{c.acknowledgedAt}</dd>
            {c.overrideReason ? (
              <>
                <dt>{t('refunds.overrideReason')}</dt>
                <dd>{c.overrideReason}</dd>
              </>
            ) : null}
          </dl>
          <OutcomeList outcome={c.outcome} currency={r.currency} dueOn={c.dueOn} />
          <h2>{t('refundsStaffCancel.refunds')}</h2>
          {loaderData.refunds.length === 0 ? (
            <p>{t('refundsStaffCancel.noRefunds')}</p>
          ) : (
            <ul>
              {loaderData.refunds.map((f) => (
                <li key={f.id}>
                  {f.amount} · {t(`refunds.reason_${f.reason}`)} · {t(`refunds.status_${f.status}`)} · {f.completedOn ?? f.dueOn}
                </li>
              ))}
            </ul>
          )}
          <p>
            <Link to={`/o/${loaderData.slug}/admin/refunds?view=all&course=${loaderData.courseId}`}>{t('refundsCourse.toTracker')}</Link>
          </p>
          <h2>{t('refundsStaffCancel.override')}</h2>
          <p className="hint">{t('refundsStaffCancel.overrideHint', { paid: c.paid })}</p>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="override" />
            <Field name="refund" label={t('refundsStaffCancel.refundAmount')} hint={t('refundsStaffCancel.refundAmountHint', { currency: r.currency })} defaultValue={c.refundInput} error={errors.refund} />
            <TextAreaField name="reason" label={t('refundsStaffCancel.reason')} rows={2} error={errors.reason} />
            <div>
              <button type="submit" disabled={busy}>
                {t('refundsStaffCancel.overrideSubmit')}
              </button>
            </div>
          </Form>
        </>
      ) : loaderData.cancellable ? (
        <>
          <h2>{t('refundsStaffCancel.preview')}</h2>
          <OutcomeList outcome={loaderData.preview} currency={r.currency} />
          <h2>{t('refundsStaffCancel.record')}</h2>
          <p className="hint">{t('refundsStaffCancel.recordHint')}</p>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="record" />
            <SelectField name="channel" label={t('refundsStaffCancel.channel')} defaultValue="email" options={STAFF_CHANNELS.map((ch) => ({ value: ch, label: t(`refunds.channelLabel_${ch}`) }))} error={errors.channel} />
            <Field name="receivedOn" label={t('refundsStaffCancel.receivedOn')} hint={t('refundsStaffCancel.receivedOnHint')} defaultValue={actionData?.form === 'record' && actionData.receivedOn !== undefined ? actionData.receivedOn : loaderData.today} error={errors.receivedOn} />
            <div>
              <button type="submit" disabled={busy}>
                {t('refundsStaffCancel.submit')}
              </button>
            </div>
          </Form>
        </>
      ) : (
        <p>{t('refundsStaffCancel.notCancellable', { status: t(`staffApplications.status_${r.status}`) })}</p>
      )}
    </main>
  );
}
