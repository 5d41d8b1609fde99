import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { z } from 'zod';
import { FormAlert } from '#app/components/field.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { errorMessage } from '#app/lib/error-messages.ts';
import { parseForm } from '#app/lib/forms.ts';
import { requireOrganization, requireUser, services } from '#app/lib/guards.server.ts';
import { DomainError } from '#domain/errors.ts';
import { respondAsApplicant } from '#domain/registration/respond-as-applicant.server.ts';
import { findMyRegistrations } from '#domain/registration/find-my-registrations.server.ts';
import { findOpenEvaluations } from '#domain/evaluations/find-evaluation-page.server.ts';
import { formatDate, formatDateRange, t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';
import { MySeries } from '#app/routes/series/my-series.tsx';
import { loadMySeries } from '#app/routes/series/my-series.server.ts';
import type { Route } from './+types/my-registrations.ts';

const responseSchema = z.object({ registrationId: z.uuid(), response: z.enum(['withdraw', 'accept_offer', 'decline_offer']) });

// Signed-in people see and act on their own registrations only (the domain checks ownership).
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const user = await requireUser(request, context, org.slug);
  const { db } = services(context);
  return { slug: org.slug, registrations: await findMyRegistrations(db, org.id, user.id), openEvaluations: await findOpenEvaluations(db, { organizationId: org.id, userId: user.id }), series: await loadMySeries(db, org.id, user.id) };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const org = await requireOrganization(context, params.org);
  const user = await requireUser(request, context, org.slug);
  const parsed = parseForm(responseSchema, await request.formData());
  if (!parsed.ok) return data({ done: undefined, alert: t('form.fixErrors') }, { status: 400 });
  const { db, jobs, publicUrl, requestId } = services(context);
  try {
    const change = await respondAsApplicant(
      db,
      { organizationId: org.id, registrationId: parsed.data.registrationId, userId: user.id, response: parsed.data.response },
      { userId: user.id, requestId },
      { publicUrl },
    );
    await jobs.deliverEmails(change.emailIds);
    const done = { withdraw: 'withdrawn', accept_offer: 'offerAccepted', decline_offer: 'offerDeclined' }[parsed.data.response];
    return { done: t(`myRegistrations.${done}`), alert: undefined };
  } catch (error) {
    if (error instanceof DomainError) return data({ done: undefined, alert: errorMessage(error.code) }, { status: 409 });
    throw error;
  }
}

export default function MyRegistrations({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const when = (iso: string, timeZone: string) => new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeStyle: 'long', timeZone }).format(new Date(iso));
  return (
    <main id="main" className="page">
      <title>{t('myRegistrations.title')}</title>
      <h1>{t('myRegistrations.title')}</h1>
      <p>
        <Link to={`/o/${loaderData.slug}/certificates`}>{t('creditNav.certificatesLink')}</Link>
      </p>
      <ErrorSummary message={actionData?.alert} attempt={actionData} />
      <FormAlert message={actionData?.done} tone="success" />
      {loaderData.registrations.length === 0 ? <p>{t('myRegistrations.empty')}</p> : null}
      <ul className="card-list">
        {loaderData.registrations.map((r) => (
          <li key={r.id} className="card">
            <h2>
              <Link to={`/o/${loaderData.slug}/courses/${r.course.slug}`}>{r.course.title}</Link>
            </h2>
            <p className="muted">{formatDateRange(r.course.startsOn, r.course.endsOn)}</p>
            <dl className="facts">
              <dt>{t('myRegistrations.status')}</dt>
              <dd>
                <span className="status-badge">{t(`registration.status_${r.status}`)}</span>
                {r.position ? ` · ${t('myRegistrations.position', { position: r.position })}` : null}
              </dd>
              <dt>{t('myRegistrations.price')}</dt>
              <dd>
                {formatMoney(r.amountMinor, r.currency)} ({r.categoryLabel}, {t(`registration.tier_${r.tier}`)})
              </dd>
              <dt>{t('myRegistrations.balance')}</dt>
              <dd>
                {r.balanceMinor > 0
                  ? t('money.owes', { amount: formatMoney(r.balanceMinor, r.currency) })
                  : r.balanceMinor < 0
                    ? t('money.credit', { amount: formatMoney(-r.balanceMinor, r.currency) })
                    : r.paidMinor > 0
                      ? t('money.paidInFull')
                      : t('money.settled')}
                {r.paymentDueAt ? ` · ${t('money.paymentDue', { date: when(r.paymentDueAt, r.course.timeZone) })}` : null}
              </dd>
              {r.refunds.some((f) => f.status !== 'done' && f.status !== 'cancelled') ? (
                <>
                  <dt>{t('money.refunds')}</dt>
                  <dd>
                    {r.refunds
                      .filter((f) => f.status !== 'done' && f.status !== 'cancelled')
                      .map((f) => (
                        <span key={`${f.dueOn}-${f.amountMinor}`} className="line">
                          {t('money.refundDue', { amount: formatMoney(f.amountMinor, r.currency), date: formatDate(f.dueOn) })}
                        </span>
                      ))}
                  </dd>
                </>
              ) : null}
              <dt>{t('myRegistrations.nextSteps')}</dt>
              <dd>
                {t(`myRegistrations.next_${r.status}`)}
                {r.membershipCheck === 'to_verify' ? ` ${t('myRegistrations.membershipToVerify')}` : null}
                {r.status === 'offered' && r.offerExpiresAt ? ` ${t('myRegistrations.offerUntil', { until: when(r.offerExpiresAt, r.course.timeZone) })}` : null}
              </dd>
            </dl>
            {r.status === 'offered' ? (
              <div className="button-row">
                <Respond id={r.id} response="accept_offer" label={t('myRegistrations.acceptOffer')} busy={busy} />
                <Respond id={r.id} response="decline_offer" label={t('myRegistrations.declineOffer')} busy={busy} secondary />
              </div>
            ) : null}
            <ul className="link-row">
              {r.status === 'accepted' || r.status === 'confirmed' ? <li><Link to={`/o/${loaderData.slug}/courses/${r.course.slug}/agenda`} aria-label={t('agenda.linkFor', { title: r.course.title })}>{t('agenda.link')}</Link></li> : null}
              {r.canPay ? (
                <li>
                  <Link to={`/o/${loaderData.slug}/registrations/${r.id}/pay`} aria-label={t('money.payFor', { title: r.course.title })}>
                    {t('money.pay')}
                  </Link>
                </li>
              ) : null}
              {r.hasStatement ? (
                <li>
                  <Link to={`/o/${loaderData.slug}/registrations/${r.id}/statement`} aria-label={t('money.statementFor', { title: r.course.title })}>
                    {t('money.statement')}
                  </Link>
                </li>
              ) : null}
              {r.aid ? (
                <li>
                  <AidStatusLink slug={loaderData.slug} id={r.id} title={r.course.title} status={t('money.aidStatus', { status: t(`aid.status_${r.aid.status}`, { amount: formatMoney(r.aid.awardedMinor ?? 0, r.currency) }) })} />
                </li>
              ) : null}
              {r.canApplyForAid ? (
                <li>
                  <Link to={`/o/${loaderData.slug}/registrations/${r.id}/financial-aid`} aria-label={t('money.applyForAidFor', { title: r.course.title })}>
                    {t('money.applyForAid')}
                  </Link>
                </li>
              ) : null}
              {loaderData.openEvaluations.includes(r.id) ? (
                <li>
                  <Link to={`/o/${loaderData.slug}/registrations/${r.id}/evaluation`} aria-label={t('creditNav.evaluateFor', { title: r.course.title })}>
                    {t('creditNav.evaluate')}
                  </Link>
                </li>
              ) : null}
              {r.canCancel ? (
                <li>
                  <Link to={`/o/${loaderData.slug}/registrations/${r.id}/cancel`} aria-label={t('money.cancelRegistrationFor', { title: r.course.title })}>
                    {t('money.cancelRegistration')}
                  </Link>
                </li>
              ) : null}
            </ul>
            {r.canWithdraw ? (
              <details>
                <summary>{t('myRegistrations.withdraw')}</summary>
                <Respond id={r.id} response="withdraw" label={t('myRegistrations.withdrawConfirm', { course: r.course.title })} busy={busy} secondary />
              </details>
            ) : null}
          </li>
        ))}
      </ul>
      <MySeries slug={loaderData.slug} series={loaderData.series} />
    </main>
  );
}

function Respond({ id, response, label, busy, secondary }: { id: string; response: string; label: string; busy: boolean; secondary?: boolean }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="registrationId" value={id} />
      <input type="hidden" name="response" value={response} />
      <button type="submit" className={secondary ? 'secondary' : undefined} disabled={busy}>
        {label}
      </button>
    </Form>
  );
}

function AidStatusLink({ slug, id, title, status }: { slug: string; id: string; title: string; status: string }) {
  return (
    <Link to={`/o/${slug}/registrations/${id}/financial-aid`} aria-label={t('money.aidStatusFor', { status, title })}>
      {status}
    </Link>
  );
}
