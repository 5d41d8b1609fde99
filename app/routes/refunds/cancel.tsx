// A registrant cancels their own registration in writing: the policy they agreed to, what
// cancelling today would mean for their money, a confirmation, then the acknowledgment.
import { data, Form, Link, redirect, useActionData, useNavigation } from 'react-router';
import { z } from 'zod';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { errorMessage } from '#app/lib/error-messages.ts';
import { parseForm } from '#app/lib/forms.ts';
import { requireOrganization, requireUser, services } from '#app/lib/guards.server.ts';
import { CheckboxField } from '#app/components/choices.tsx';
import { DomainError } from '#domain/errors.ts';
import { cancelRegistration } from '#domain/refunds/cancel-registration.server.ts';
import { getCancellationView } from '#domain/refunds/cancellation-view.server.ts';
import { formatDate, formatDateRange, t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';
import { OutcomeList, PolicyList } from './outcome.tsx';
import type { Route } from './+types/cancel.ts';

const confirmSchema = z.object({ confirm: z.literal('yes', { error: () => t('refundsCancel.mustConfirm') }) });

async function load(request: Request, context: Route.LoaderArgs['context'], params: Route.LoaderArgs['params']) {
  const org = await requireOrganization(context, params.org);
  const user = await requireUser(request, context, org.slug);
  try {
    const view = await getCancellationView(services(context).db, { organizationId: org.id, registrationId: params.registrationId, userId: user.id });
    return { org, user, view };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'REGISTRATION_NOT_FOUND') throw data(null, { status: 404 });
    throw error;
  }
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, view } = await load(request, context, params);
  const { registration: r, course } = view;
  return {
    slug: org.slug,
    course: { title: course.title, dates: formatDateRange(course.startsOn, course.endsOn) },
    currency: r.currency,
    policy: { cancellationDeadline: r.policy.cancellationDeadline, cancellationFeeMinor: r.policy.cancellationFeeMinor, refundWithinDays: r.policy.refundWithinDays, currency: r.currency },
    today: view.today,
    cancellable: view.cancellable,
    preview: view.preview,
    orgName: org.name,
    cancellation: view.cancellation
      ? {
          receivedOn: view.cancellation.receivedOn,
          outcome: view.cancellation.outcome,
          dueOn: view.cancellation.dueOn,
          // The organizer ended it (the course, or this registration): not the registrant's request.
          byOrganizer: view.cancellation.channel === 'organizer',
          organizerReason: view.cancellation.organizerReason,
        }
      : null,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, user, view } = await load(request, context, params);
  const parsed = parseForm(confirmSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, alert: t('form.fixErrors') }, { status: 400 });
  const { db, jobs, publicUrl, requestId } = services(context);
  try {
    const result = await cancelRegistration(
      db,
      { organizationId: org.id, registrationId: view.registration.id, channel: 'online', userId: user.id },
      { userId: user.id, requestId },
      { publicUrl },
    );
    await jobs.deliverEmails(result.emailIds);
  } catch (error) {
    if (error instanceof DomainError) return data({ errors: {}, alert: errorMessage(error.code) }, { status: 409 });
    throw error;
  }
  // Post/redirect/get: the page now shows the acknowledgment.
  return redirect(`/o/${org.slug}/registrations/${view.registration.id}/cancel`, 303);
}

export default function CancelRegistration({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const { cancellation, preview, currency } = loaderData;
  const errors: Record<string, string> = actionData?.errors ?? {};
  const back = (
    <p>
      <Link to={`/o/${loaderData.slug}/registrations`}>{t('refundsCancel.back')}</Link>
    </p>
  );
  if (cancellation) {
    const refund = cancellation.outcome.refundMinor;
    return (
      <main id="main" className="page">
        <title>{cancellation.byOrganizer ? t('refundsCancel.byOrganizer') : t('refundsCancel.done')}</title>
        <h1>{cancellation.byOrganizer ? t('refundsCancel.byOrganizer') : t('refundsCancel.done')}</h1>
        <p>
          {loaderData.course.title} ({loaderData.course.dates})
        </p>
        <div className="notice success" role="status">
          {cancellation.byOrganizer ? (
            <>
              <p>{t('refundsCancel.byOrganizerBody', { org: loaderData.orgName, on: formatDate(cancellation.receivedOn) })}</p>
              {cancellation.organizerReason ? <p>{t('refundsCancel.byOrganizerReason', { reason: cancellation.organizerReason })}</p> : null}
            </>
          ) : (
            <p>{t('refundsCancel.doneBody', { receivedOn: formatDate(cancellation.receivedOn) })}</p>
          )}
          <p>{refund > 0 ? t('refundsCancel.doneRefund', { refund: formatMoney(refund, currency), dueOn: formatDate(cancellation.dueOn) }) : t('refundsCancel.doneNoRefund')}</p>
        </div>
        <OutcomeList outcome={cancellation.outcome} currency={currency} dueOn={cancellation.dueOn} />
        {back}
      </main>
    );
  }
  return (
    <main id="main" className="page">
      <title>{t('refundsCancel.title')}</title>
      <h1>{t('refundsCancel.heading', { course: loaderData.course.title })}</h1>
      <p className="muted">{loaderData.course.dates}</p>
      <ErrorSummary message={actionData?.alert} errors={errors} labels={{ confirm: t('refundsCancel.confirm', { course: loaderData.course.title }) }} attempt={actionData} />
      <h2>{t('refundsCancel.policy')}</h2>
      <PolicyList policy={loaderData.policy} />
      {loaderData.cancellable ? (
        <>
          <h2>{t('refundsCancel.preview', { today: formatDate(loaderData.today) })}</h2>
          {preview.rule === 'after_deadline' ? <p>{t('refundsCancel.previewAfter')}</p> : null}
          {preview.paidMinor === 0 ? <p>{t('refundsCancel.previewNothingPaid')}</p> : null}
          <OutcomeList outcome={preview} currency={currency} />
          <Form method="post" className="stack" noValidate>
            <CheckboxField name="confirm" value="yes" label={t('refundsCancel.confirm', { course: loaderData.course.title })} error={errors.confirm} />
            <div>
              <button type="submit" disabled={busy}>
                {t('refundsCancel.submit')}
              </button>
            </div>
          </Form>
        </>
      ) : (
        <p>{t('refundsCancel.notCancellable')}</p>
      )}
      {back}
    </main>
  );
}
