// The refund tracker: refunds due, overdue, failed and done, per course. Card money goes back
// through the provider with one button; other refunds are paid by staff and recorded here;
// a cancellation's outcome can be changed from its page.
import { DataTable } from '#app/components/data-table.tsx';
import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { z } from 'zod';
import { DateField, Field, FormAlert } from '#app/components/field.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { errorMessage, fieldMessage } from '#app/lib/error-messages.ts';
import { parseForm } from '#app/lib/forms.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { SelectField } from '#app/components/choices.tsx';
import { rolesGrant } from '#domain/accounts/permissions.ts';
import { DomainError } from '#domain/errors.ts';
import { localDate } from '#domain/money/policy.ts';
import { findRefundCourses, findRefunds, summarizeRefunds } from '#domain/refunds/find-refunds.server.ts';
import { recordSchema, refundMethods } from '#domain/refunds/record-paid-form.ts';
import { REFUND_PAGE_SIZE, REFUND_VIEWS, refundFiltersFrom, refundPageFrom } from '#domain/refunds/tracker-views.ts';
import { issueRefund } from '#domain/refunds/issue-refund.server.ts';
import { recordRefundPaid } from '#domain/refunds/record-refund-paid.server.ts';
import { formatDate, t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';
import type { Route } from './+types/tracker.ts';

const cardSchema = z.object({ intent: z.enum(['card', 'resume']), refundId: z.uuid() });


export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, roles } = await requirePermission(request, context, params.org, 'refunds:manage');
  const { db, payments } = services(context);
  const search = new URL(request.url).searchParams;
  const filters = refundFiltersFrom(search);
  const now = new Date();
  // The count and total cover every matching refund; the table shows one page of them.
  const summary = await summarizeRefunds(db, org.id, filters, now);
  const pages = Math.max(1, Math.ceil(summary.count / REFUND_PAGE_SIZE));
  const page = Math.min(refundPageFrom(search), pages);
  const rows = await findRefunds(db, org.id, filters, now, { limit: REFUND_PAGE_SIZE, offset: (page - 1) * REFUND_PAGE_SIZE });
  const courses = await findRefundCourses(db, org.id);
  return {
    count: summary.count,
    page,
    pages,
    first: summary.count === 0 ? 0 : (page - 1) * REFUND_PAGE_SIZE + 1,
    last: (page - 1) * REFUND_PAGE_SIZE + rows.length,
    slug: org.slug,
    filters,
    cardEnabled: payments !== null,
    // Treasurers cannot open the staff application page: the name links to the account page.
    mayReview: rolesGrant(roles, 'registration:review'),
    // A series' page is its leaders' and series:manage staff's (ADR 0063).
    maySeries: rolesGrant(roles, 'series:manage'),
    courses: courses.map((c) => ({ value: c.id, label: c.title })),
    total: summary.totals.map((s) => formatMoney(s.totalMinor, s.currency)).join(', ') || formatMoney(0, org.currency),
    rows: rows.map((r) => ({
      ...r,
      // "Today" where the refund's account lives: the date a payout may carry at the latest (the
      // organization's own zone can already be tomorrow there).
      today: localDate(now, r.timeZone ?? org.timeZone),
      amount: formatMoney(r.amountMinor, r.currency),
      due: formatDate(r.dueOn, 'en-US', 'medium'),
      completed: r.completedOn ? formatDate(r.completedOn, 'en-US', 'medium') : null,
    })),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor } = await requirePermission(request, context, params.org, 'refunds:manage');
  const { db, payments } = services(context);
  const formData = await request.formData();
  const intent = formData.get('intent');
  try {
    if (intent === 'card' || intent === 'resume') {
      const parsed = parseForm(cardSchema, formData);
      if (!parsed.ok) return data({ refundId: null, errors: {}, alert: t('form.fixErrors'), done: undefined, typed: undefined }, { status: 400 });
      // 'resume': a refund left processing (the provider call never came back) is asked again
      // with the same idempotency key, so it cannot be paid twice.
      const touched = await issueRefund(db, parsed.data.refundId, actor, payments, { organizationId: org.id, resume: parsed.data.intent === 'resume' });
      const first = touched[0]!;
      if (first.status === 'failed') return data({ refundId: first.id, errors: {}, alert: t('refundsTracker.cardFailed', { message: first.failureMessage ?? '' }), done: undefined, typed: undefined }, { status: 502 });
      return { refundId: first.id, errors: {}, alert: undefined, done: t('refundsTracker.cardDone'), typed: undefined };
    }
    const typed = { method: String(formData.get('method') ?? ''), paidOn: String(formData.get('paidOn') ?? ''), reference: String(formData.get('reference') ?? '') };
    const parsed = parseForm(recordSchema, formData);
    if (!parsed.ok) return data({ refundId: String(formData.get('refundId') ?? ''), errors: parsed.errors, alert: t('form.fixErrors'), done: undefined, typed }, { status: 400 });
    if (parsed.data.method === 'card' && payments === null) {
      return data({ refundId: parsed.data.refundId, errors: { method: t('refundsTracker.cardOff') }, alert: t('form.fixErrors'), done: undefined, typed }, { status: 400 });
    }
    await recordRefundPaid(db, { organizationId: org.id, ...parsed.data }, actor);
    return { refundId: parsed.data.refundId, errors: {}, alert: undefined, done: t('refundsTracker.recorded'), typed: undefined };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const errors = Object.fromEntries(Object.entries(error.fields).map(([field, code]) => [field, fieldMessage(code)]));
    const typed = { method: String(formData.get('method') ?? ''), paidOn: String(formData.get('paidOn') ?? ''), reference: String(formData.get('reference') ?? '') };
    return data({ refundId: String(formData.get('refundId') ?? ''), errors, alert: errorMessage(error.code), done: undefined, typed }, { status: 409 });
  }
}

export default function RefundTracker({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const { slug, filters } = loaderData;
  const base = `/o/${slug}/admin/refunds`;
  const query = (view: string, page = 1) => `?view=${view}${filters.courseId ? `&course=${filters.courseId}` : ''}${page > 1 ? `&page=${page}` : ''}`;
  const { page, pages } = loaderData;
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <main id="main">
      <title>{t('refundsTracker.title')}</title>
      <h1>{t('refundsTracker.title')}</h1>
      <ErrorSummary message={actionData?.alert} errors={errors} labels={{ method: t('refundsTracker.method'), paidOn: t('refundsTracker.paidOn'), reference: t('refundsTracker.reference') }} attempt={actionData} />
      <FormAlert message={actionData?.done} tone="success" />
      <nav aria-label={t('refundsTracker.view')}>
        <ul className="link-row">
          {REFUND_VIEWS.map((view) => (
            <li key={view}>
              <Link to={`${base}${query(view)}`} aria-current={filters.view === view ? 'page' : undefined}>
                {t(`refundsTracker.view_${view}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Form method="get" className="inline-form" aria-label={t('refundsTracker.filters')}>
        <input type="hidden" name="view" value={filters.view} />
        <SelectField name="course" label={t('refundsTracker.course')} defaultValue={filters.courseId ?? ''} options={[{ value: '', label: t('refundsTracker.allCourses') }, ...loaderData.courses]} />
        <button type="submit" className="secondary">
          {t('refundsTracker.apply')}
        </button>
      </Form>
      <p>
        {t('refundsTracker.summary', { count: loaderData.count, total: loaderData.total })} ·{' '}
        <a href={`${base}.csv${query(filters.view)}`} download>
          {t('refundsTracker.csv')}
        </a>
      </p>
      {loaderData.rows.length === 0 ? (
        <p>{t('refundsTracker.empty')}</p>
      ) : (
        <DataTable caption={t(`refundsTracker.view_${filters.view}`)} captionHidden>
            <thead>
              <tr>
                <th scope="col">{t('refundsTracker.registrant')}</th>
                <th scope="col">{t('refundsTracker.course')}</th>
                <th scope="col">{t('refundsTracker.reason')}</th>
                <th scope="col">{t('refundsTracker.amount')}</th>
                <th scope="col">{t('refundsTracker.dueOn')}</th>
                <th scope="col">{t('refundsTracker.status')}</th>
                <th scope="col">{t('refundsTracker.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.rows.map((r) => {
                const open = r.status === 'due' || r.status === 'failed';
                const mine = actionData?.refundId === r.id;
                const typed = mine ? actionData?.typed : undefined;
                return (
                  <tr key={r.id} id={`refund-${r.id}`}>
                    <th scope="row">
                      {r.seriesId ? (
                        loaderData.maySeries ? <Link to={`/o/${slug}/series/${r.seriesId}/manage`}>{r.name}</Link> : r.name
                      ) : (
                        <Link to={`/o/${slug}/admin/courses/${r.courseId}/applications/${r.registrationId}/account`}>{r.name}</Link>
                      )}
                      {loaderData.mayReview && r.registrationId ? (
                        <div>
                          <Link to={`/o/${slug}/admin/courses/${r.courseId}/applications/${r.registrationId}`} className="muted">
                            {t('refundsTracker.application')}
                            <span className="visually-hidden"> {t('refundsTracker.applicationOf', { name: r.name })}</span>
                          </Link>
                        </div>
                      ) : null}
                    </th>
                    <td>{r.courseTitle}</td>
                    <td>{t(`refunds.reason_${r.reason}`)}</td>
                    <td>{r.amount}</td>
                    <td>
                      {r.due}
                      {r.overdue ? (
                        <>
                          {' '}
                          <strong className="status-badge">{t('refundsTracker.overdue')}</strong>
                        </>
                      ) : null}
                    </td>
                    <td>
                      {t(`refunds.status_${r.status}`)}
                      {r.completed ? <div className="muted">{t('refundsTracker.paidOnDetail', { date: r.completed })}{r.method ? ` · ${t(`money.method_${r.method}`)}` : null}{r.reference ? ` · ${r.reference}` : null}</div> : null}
                      {r.failureMessage && r.status === 'failed' ? <div className="error">{t('refundsTracker.failure', { message: r.failureMessage })}</div> : null}
                    </td>
                    <td>
                      {open && r.cardRefundable && loaderData.cardEnabled ? (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="card" />
                          <input type="hidden" name="refundId" value={r.id} />
                          <button type="submit" disabled={busy}>
                            {r.status === 'failed' ? t('refundsTracker.retry') : t('refundsTracker.toCard')}
                            <span className="visually-hidden"> {t('refundsTracker.toCardFor', { amount: r.amount, name: r.name })}</span>
                          </button>
                        </Form>
                      ) : null}
                      {r.status === 'processing' && loaderData.cardEnabled ? (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="resume" />
                          <input type="hidden" name="refundId" value={r.id} />
                          <button type="submit" className="secondary" disabled={busy}>
                            {t('refundsTracker.resume')}
                            <span className="visually-hidden"> {t('refundsTracker.toCardFor', { amount: r.amount, name: r.name })}</span>
                          </button>
                        </Form>
                      ) : null}
                      {open ? (
                        <details open={mine && Object.keys(errors).length > 0}>
                          <summary>
                            {t('refundsTracker.record')}
                            <span className="visually-hidden"> {t('refundsTracker.recordFor', { name: r.name })}</span>
                          </summary>
                          <Form method="post" className="stack" noValidate>
                            <input type="hidden" name="intent" value="record" />
                            <input type="hidden" name="refundId" value={r.id} />
                            <SelectField
                              name="method"
                              label={t('refundsTracker.method')}
                              defaultValue={typed?.method || 'check'}
                              options={refundMethods(loaderData.cardEnabled).map((m) => ({ value: m, label: t(`money.method_${m}`) }))}
                              error={mine ? errors.method : undefined}
                            />
                            <DateField name="paidOn" label={t('refundsTracker.paidOn')} hint={t('refundsTracker.paidOnHint')} defaultValue={typed?.paidOn ?? r.today} error={mine ? errors.paidOn : undefined} />
                            <Field name="reference" label={t('refundsTracker.reference')} defaultValue={typed?.reference} error={mine ? errors.reference : undefined} />
                            <div>
                              <button type="submit" className="secondary" disabled={busy}>
                                {t('refundsTracker.recordSubmit')}
                              </button>
                            </div>
                          </Form>
                        </details>
                      ) : null}
                      {r.hasCancellation && r.status !== 'cancelled' ? (
                        <Link to={`/o/${slug}/admin/courses/${r.courseId}/applications/${r.registrationId}/cancel`}>
                          {t('refundsTracker.override')}
                          <span className="visually-hidden"> {t('refundsTracker.overrideFor', { name: r.name })}</span>
                        </Link>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
        </DataTable>
      )}
      {pages > 1 ? (
        <nav aria-label={t('refundsTracker.pages')}>
          <p>{t('refundsTracker.showing', { first: loaderData.first.toLocaleString('en-US'), last: loaderData.last.toLocaleString('en-US'), matches: loaderData.count.toLocaleString('en-US'), page, pages })}</p>
          <ul className="link-row">
            {page > 1 ? (
              <li>
                <Link to={`${base}${query(filters.view, page - 1)}`}>{t('refundsTracker.previous')}</Link>
              </li>
            ) : null}
            {page < pages ? (
              <li>
                <Link to={`${base}${query(filters.view, page + 1)}`}>{t('refundsTracker.next')}</Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </main>
  );
}
