// /o/:org/series/:seriesId/manage — a series' leader or staff see who signed up, what each
// paid and owes (from the ledger), the minimum status, and run the decision.
import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { DataTable } from '#app/components/data-table.tsx';
import { FormAlert } from '#app/components/field.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { errorMessage } from '#app/lib/error-messages.ts';
import { parseForm } from '#app/lib/forms.ts';
import { services } from '#app/lib/guards.server.ts';
import { DomainError } from '#domain/errors.ts';
import { decideSeriesNow } from '#domain/series/decide.server.ts';
import { findEnrollees, patternOf, sessionsOf } from '#domain/series/series.server.ts';
import { enrollmentClosesAt } from '#domain/series/sessions.ts';
import { formatDate, t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';
import { requireSeriesToManage } from './access.server.ts';
import type { Route } from './+types/manage.ts';

const decideSchema = z.object({ intent: z.literal('decide') });

function when(iso: string, timeZone: string): string {
  const instant = Temporal.Instant.from(iso);
  return new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(instant.epochMilliseconds);
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, series, listing } = await requireSeriesToManage(request, context, params);
  const enrollees = await findEnrollees(services(context).db, org.id, series.id);
  const signUps = enrollees.filter((e) => e.enrollment.status === 'enrolled').length;
  const url = new URL(request.url);
  return {
    slug: org.slug,
    notice: url.searchParams.has('created') ? t('seriesAdmin.created') : url.searchParams.has('saved') ? t('seriesAdmin.saved') : undefined,
    series: {
      id: series.id,
      title: series.title,
      status: series.status,
      minimum: series.minimum,
      maximum: series.maximum,
      decideBy: series.decideBy,
      currency: series.currency,
      priceMinor: series.priceMinor,
    },
    group: listing.title,
    signUps,
    closes: when(enrollmentClosesAt(patternOf(listing), series).toString(), listing.timeZone),
    sessions: sessionsOf(listing, series).map((s) => when(s.start, listing.timeZone)),
    enrollees: enrollees.map((e) => ({
      id: e.enrollment.id,
      name: e.enrollment.name,
      email: e.enrollment.email,
      status: e.enrollment.status,
      enrolledOn: e.enrollment.createdAt.toISOString().slice(0, 10),
      paid: formatMoney(e.account.netPaidMinor, series.currency),
      balance: formatMoney(Math.max(0, e.account.balanceMinor), series.currency),
    })),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor, series } = await requireSeriesToManage(request, context, params);
  const parsed = parseForm(decideSchema, await request.formData());
  if (!parsed.ok) return data({ alert: t('form.fixErrors'), done: undefined }, { status: 400 });
  const { db, publicUrl, jobs } = services(context);
  try {
    const result = await decideSeriesNow(db, { organizationId: org.id, seriesId: series.id }, actor, { publicUrl });
    if (result.emailIds.length) await jobs.deliverEmails(result.emailIds);
    if (result.outcome === 'wait') return data({ alert: errorMessage('SERIES_NOT_DECIDABLE_YET'), done: undefined }, { status: 409 });
    if (result.outcome === 'already_decided') return { alert: undefined, done: t('seriesManage.alreadyDecided') };
    if (result.outcome === 'confirmed') return { alert: undefined, done: t('seriesManage.decidedConfirmed') };
    return { alert: undefined, done: t('seriesManage.decidedCancelled', { emails: result.emailIds.length, refunds: result.refunds.length }) };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return data({ alert: errorMessage(error.code), done: undefined }, { status: 409 });
  }
}

export default function ManageSeries({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const { series, slug } = loaderData;
  const short = Math.max(0, series.minimum - loaderData.signUps);
  return (
    <main id="main" className="page">
      <title>{series.title}</title>
      <h1>{series.title}</h1>
      <p className="muted">{t('seriesManage.group', { group: loaderData.group })}</p>
      <ErrorSummary message={actionData?.alert} errors={{}} attempt={actionData} />
      <FormAlert message={actionData?.done ?? loaderData.notice} tone="success" />
      <p>
        <strong className="status-badge">{t(`seriesStatus.${series.status}`)}</strong>
      </p>
      <p>{t('seriesManage.minimumStatus', { signUps: loaderData.signUps, minimum: series.minimum, maximum: series.maximum })}</p>
      {series.status === 'open' ? <p>{short === 0 ? t('seriesManage.reached') : t('seriesManage.short', { short, decideBy: formatDate(series.decideBy) })}</p> : null}
      <p>{t('seriesManage.closes', { when: loaderData.closes })}</p>
      <ul className="link-row">
        <li>
          <Link to={`/o/${slug}/series/${series.id}`}>{t('seriesManage.publicPage')}</Link>
        </li>
        {series.status === 'open' ? (
          <li>
            <Link to={`/o/${slug}/series/${series.id}/edit`}>{t('seriesManage.edit')}</Link>
          </li>
        ) : null}
        <li>
          <Link to={`/o/${slug}/series`}>{t('seriesAdmin.back')}</Link>
        </li>
      </ul>
      {series.status === 'open' ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="decide" />
          <p className="hint">{t('seriesManage.decideHint')}</p>
          <div>
            <button type="submit" disabled={busy}>
              {t('seriesManage.decide')}
            </button>
          </div>
        </Form>
      ) : null}
      <h2>{t('seriesManage.enrollees')}</h2>
      {loaderData.enrollees.length === 0 ? (
        <p>{t('seriesManage.noEnrollees')}</p>
      ) : (
        <DataTable caption={t('seriesManage.enrollees')} captionHidden>
          <thead>
            <tr>
              <th scope="col">{t('seriesManage.name')}</th>
              <th scope="col">{t('seriesManage.email')}</th>
              <th scope="col">{t('seriesManage.enrolledOn')}</th>
              <th scope="col">{t('seriesManage.placeStatus')}</th>
              <th scope="col">{t('seriesManage.paid')}</th>
              <th scope="col">{t('seriesManage.balance')}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.enrollees.map((e) => (
              <tr key={e.id}>
                <th scope="row">{e.name}</th>
                <td>{e.email}</td>
                <td>{formatDate(e.enrolledOn, 'en-US', 'medium')}</td>
                <td>{t(`seriesPlace.${e.status}`)}</td>
                <td>{e.paid}</td>
                <td>{e.balance}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <h2>{t('seriesManage.sessions')}</h2>
      <ol>
        {loaderData.sessions.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      {series.status === 'cancelled' && series.priceMinor > 0 ? (
        <p>
          <Link to={`/o/${slug}/admin/refunds?view=all`}>{t('seriesManage.refundTracker')}</Link>
        </p>
      ) : null}
    </main>
  );
}
