// Staff side of a cancellation: record a written request received by email, letter or phone
// with the date it arrived; or, for a director or admin, cancel the registration on the
// organization's behalf (everything paid refunded, the reason emailed); see the cancellation on
// file with its refunds; change its outcome with a reason.
import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { z } from 'zod';
import { DateField, Field, FormAlert } from '#app/components/field.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { errorMessage, fieldMessage } from '#app/lib/error-messages.ts';
import { parseForm } from '#app/lib/forms.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { requireCourse } from '#app/routes/courses/course-access.server.ts';
import { CourseNav } from '#app/routes/courses/course-nav.tsx';
import { CheckboxField, SelectField, TextAreaField } from '#app/components/choices.tsx';
import { isCalendarDate } from '#lib/dates.ts';
import { rolesGrant } from '#domain/accounts/permissions.ts';
import { DomainError } from '#domain/errors.ts';
import { cancelRegistration, ORGANIZER_REASON_MAX } from '#domain/refunds/cancel-registration.server.ts';
import { STAFF_CHANNELS } from '#domain/refunds/channels.ts';
import { getCancellationView } from '#domain/refunds/cancellation-view.server.ts';
import { overrideCancellation } from '#domain/refunds/override-cancellation.server.ts';
import { formatDate, t } from '#lib/i18n.ts';
import { amountExample, amountMessage, formatAmountInput, formatMoney, parseAmount } from '#lib/money.ts';
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
const overrideSchema = z.object({
  intent: z.literal('override'),
  refund: z.string().trim().min(1, { message: t('refundsStaffCancel.refundRequired') }),
  reason: z.string().trim().min(1, { message: t('refundsStaffCancel.reasonRequired') }).max(500, { message: t('refundsStaffCancel.reasonTooLong') }),
});
const organizerSchema = z.object({
  intent: z.literal('organizer'),
  reason: z
    .string()
    .trim()
    .min(3, { message: t('refundsErrors.organizerReasonRequired') })
    .max(ORGANIZER_REASON_MAX, { message: t('refundsErrors.organizerReasonTooLong') }),
  confirm: z.literal('yes', { message: t('refundsStaffCancel.organizerMustConfirm') }),
});
type StaffForm = 'record' | 'override' | 'organizer';

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
  const preview = view.preview;
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
    preview,
    paidText: preview ? formatMoney(preview.paidMinor, r.currency) : '',
    cancellation: c
      ? {
          channel: c.channel,
          receivedOn: c.receivedOn,
          acknowledgedAt: acknowledgedText(c.acknowledgedAt, course.timeZone),
          outcome: c.outcome,
          overrideReason: c.overrideReason,
          organizerReason: c.organizerReason,
          dueOn: c.dueOn,
          refundInput: formatAmountInput(c.outcome.refundMinor, r.currency),
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
  const { org, actor, roles, view } = await load(request, context, params);
  const { db, jobs, publicUrl } = services(context);
  const formData = await request.formData();
  const intent = formData.get('intent');
  const form: StaffForm = intent === 'override' || intent === 'organizer' ? intent : 'record';
  // What was typed comes back with an error, so nothing is lost.
  const typed = { receivedOn: String(formData.get('receivedOn') ?? ''), refund: String(formData.get('refund') ?? ''), reason: String(formData.get('reason') ?? '') };
  const fail = (errors: Record<string, string>, alert: string, status: number) => data({ form, errors, alert, done: undefined, typed }, { status });
  try {
    if (form === 'organizer') {
      // Ending a registration on the organization's behalf is a director's or admin's decision.
      if (!rolesGrant(roles, 'registration:review')) throw data(null, { status: 403 });
      const parsed = parseForm(organizerSchema, formData);
      if (!parsed.ok) return fail(parsed.errors, t('form.fixErrors'), 400);
      const result = await cancelRegistration(db, { organizationId: org.id, registrationId: view.registration.id, channel: 'organizer', reason: parsed.data.reason }, actor, { publicUrl });
      // Someone else cancelled it first (the registrant online, another director): nothing was done.
      if (!result.created) return fail({}, t('refundsStaffCancel.alreadyCancelled'), 409);
      await jobs.deliverEmails(result.emailIds);
      return { form, errors: {}, alert: undefined, done: t('refundsStaffCancel.organizerDone'), typed: undefined };
    }
    if (form === 'record') {
      const parsed = parseForm(recordSchema, formData);
      if (!parsed.ok) return fail(parsed.errors, t('form.fixErrors'), 400);
      const result = await cancelRegistration(db, { organizationId: org.id, registrationId: view.registration.id, channel: parsed.data.channel, receivedOn: parsed.data.receivedOn }, actor, { publicUrl });
      if (!result.created) return fail({}, t('refundsStaffCancel.alreadyCancelled'), 409);
      await jobs.deliverEmails(result.emailIds);
      return { form, errors: {}, alert: undefined, done: t('refundsStaffCancel.recorded'), typed: undefined };
    }
    const parsed = parseForm(overrideSchema, formData);
    if (!parsed.ok) return fail(parsed.errors, t('form.fixErrors'), 400);
    const amount = parseAmount(parsed.data.refund, view.registration.currency, { allowZero: true });
    if (!amount.ok) return fail({ refund: amountMessage(amount.problem, view.registration.currency) }, t('form.fixErrors'), 400);
    const result = await overrideCancellation(db, { organizationId: org.id, registrationId: view.registration.id, refundMinor: amount.minor, reason: parsed.data.reason }, actor, { publicUrl });
    await jobs.deliverEmails(result.emailIds);
    return { form, errors: {}, alert: undefined, done: t('refundsStaffCancel.overridden'), typed: undefined };
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
  // Errors and typed values belong to the form that was sent.
  const sent = (form: StaffForm) => (actionData?.form === form ? { errors, typed: actionData.typed } : { errors: {} as Record<string, string>, typed: undefined });
  const record = sent('record');
  const override = sent('override');
  const organizer = sent('organizer');
  return (
    <main id="main">
      <title>{t('refundsStaffCancel.title', { name: r.name })}</title>
      <p>
        <Link to={loaderData.mayReview ? `${loaderData.base}/applications/${r.id}` : `${loaderData.base}/applications/${r.id}/account`}>{r.name}</Link>
      </p>
      <h1>{t('refundsStaffCancel.title', { name: r.name })}</h1>
      {loaderData.mayReview ? <CourseNav base={loaderData.base} title={loaderData.course.title} /> : null}
      <ErrorSummary
        message={actionData?.alert}
        errors={errors}
        labels={
          actionData?.form === 'override'
            ? { refund: t('refundsStaffCancel.refundAmount'), reason: t('refundsStaffCancel.reason') }
            : actionData?.form === 'organizer'
              ? { reason: t('refundsStaffCancel.organizerReason'), confirm: t('refundsStaffCancel.organizerConfirm', { name: r.name }) }
              : { channel: t('refundsStaffCancel.channel'), receivedOn: t('refundsStaffCancel.receivedOn') }
        }
        attempt={actionData}
      />
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
            {c.organizerReason ? (
              <>
                <dt>{t('refunds.organizerReason')}</dt>
                <dd>{c.organizerReason}</dd>
              </>
            ) : null}
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
            <Field name="refund" label={t('refundsStaffCancel.refundAmount')} hint={t('refundsStaffCancel.refundAmountHint', { currency: r.currency, example: amountExample(r.currency) })} defaultValue={override.typed?.refund ?? c.refundInput} error={override.errors.refund} />
            <TextAreaField name="reason" label={t('refundsStaffCancel.reason')} rows={2} defaultValue={override.typed?.reason} error={override.errors.reason} />
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
            <SelectField name="channel" label={t('refundsStaffCancel.channel')} defaultValue="email" options={STAFF_CHANNELS.map((ch) => ({ value: ch, label: t(`refunds.channelLabel_${ch}`) }))} error={record.errors.channel} />
            <DateField name="receivedOn" label={t('refundsStaffCancel.receivedOn')} hint={t('refundsStaffCancel.receivedOnHint')} defaultValue={record.typed?.receivedOn ?? loaderData.today} error={record.errors.receivedOn} />
            <div>
              <button type="submit" disabled={busy}>
                {t('refundsStaffCancel.submit')}
              </button>
            </div>
          </Form>
          {loaderData.mayReview ? (
            <>
              <h2>{t('refundsStaffCancel.organizer')}</h2>
              <p className="hint">{t('refundsStaffCancel.organizerHint', { paid: loaderData.paidText })}</p>
              <Form method="post" className="stack" noValidate>
                <input type="hidden" name="intent" value="organizer" />
                <TextAreaField name="reason" label={t('refundsStaffCancel.organizerReason')} hint={t('refundsStaffCancel.organizerReasonHint')} rows={3} defaultValue={organizer.typed?.reason} error={organizer.errors.reason} />
                <CheckboxField name="confirm" value="yes" label={t('refundsStaffCancel.organizerConfirm', { name: r.name })} error={organizer.errors.confirm} />
                <div>
                  <button type="submit" disabled={busy}>
                    {t('refundsStaffCancel.organizerSubmit')}
                  </button>
                </div>
              </Form>
            </>
          ) : null}
        </>
      ) : (
        <p>{t('refundsStaffCancel.notCancellable', { status: t(`staffApplications.status_${r.status}`) })}</p>
      )}
    </main>
  );
}
