import { DataTable } from '#app/components/data-table.tsx';
import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { z } from 'zod';
import { REGISTRATION_STATUSES } from '#domain/registration/statuses.ts';
import { parseForm } from '#app/lib/forms.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { errorMessage } from '#app/lib/error-messages.ts';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { getPriceTable } from '#domain/courses/get-staff-course.server.ts';
import { decideApplication } from '#domain/registration/decide-application.server.ts';
import { addressStatus } from '#domain/registration/confirmation.server.ts';
import { applicationFiltersFrom, findApplications } from '#domain/registration/find-applications.server.ts';
import { DomainError } from '#domain/errors.ts';
import { registrationBalances } from '#domain/money/read-account.server.ts';
import { formatDate, t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';
import { requireCourse } from '#app/routes/courses/course-access.server.ts';
import { CourseNav } from '#app/routes/courses/course-nav.tsx';
import { Outcomes, TextAreaField } from '#app/components/choices.tsx';
import type { Route } from './+types/applications.ts';

const bulkSchema = z.object({
  decision: z.enum(['accept', 'decline', 'waitlist']),
  message: z.string().trim().max(2000).default(''),
});

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'registration:review');
  const { db } = services(context);
  const course = await requireCourse(db, org.id, params.courseId);
  const url = new URL(request.url);
  const filters = applicationFiltersFrom(url.searchParams);
  const [applications, categories] = await Promise.all([findApplications(db, { organizationId: org.id, courseId: course.id, ...filters }), getPriceTable(db, org.id, course.id)]);
  const balances = await registrationBalances(db, applications.map((a) => a.id));
  return {
    base: `/o/${org.slug}/admin/courses/${course.id}`,
    course: { title: course.title },
    filters,
    query: url.search,
    categories: categories.map((c) => ({ key: c.key, label: c.label })),
    applications: applications.map((a) => ({
      id: a.id,
      name: a.name,
      email: a.email,
      status: a.status,
      category: a.policy.categoryLabel || a.categoryKey,
      tier: a.tier,
      due: formatMoney(a.amountMinor, a.currency),
      balance: formatMoney(balances.get(a.id)?.balanceMinor ?? 0, a.currency),
      membershipCheck: a.membershipCheck,
      submittedOn: a.submittedAt.toISOString().slice(0, 10),
      address: addressStatus(a, course.timeZone),
    })),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor } = await requirePermission(request, context, params.org, 'registration:review');
  const { db, jobs, publicUrl } = services(context);
  const course = await requireCourse(db, org.id, params.courseId);
  const formData = await request.formData();
  const ids = formData.getAll('ids').filter((v): v is string => typeof v === 'string');
  const parsed = parseForm(bulkSchema, formData);
  if (!parsed.ok) return data({ errors: parsed.errors, alert: t('form.fixErrors'), outcomes: [] }, { status: 400 });
  if (ids.length === 0) return data({ errors: { ids: t('staffApplications.noneSelected') }, alert: t('staffApplications.noneSelected'), outcomes: [] }, { status: 400 });
  // Only this course's applications; each decision is its own transaction, so one refusal
  // does not undo the others.
  const names = new Map((await findApplications(db, { organizationId: org.id, courseId: course.id })).map((a) => [a.id, a.name]));
  const outcomes: { id: string; name: string; ok: boolean; message: string }[] = [];
  for (const registrationId of [...new Set(ids)].slice(0, 500)) {
    const name = names.get(registrationId);
    if (!name) {
      outcomes.push({ id: registrationId, name: registrationId, ok: false, message: errorMessage('REGISTRATION_NOT_FOUND') });
      continue;
    }
    try {
      const result = await decideApplication(
        db,
        { organizationId: org.id, registrationId, decision: parsed.data.decision, message: parsed.data.message },
        actor,
        { publicUrl },
      );
      await jobs.deliverEmails(result.emailIds);
      outcomes.push({ id: registrationId, name, ok: true, message: t(`staffApplications.status_${result.registration.status}`) });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      outcomes.push({ id: registrationId, name, ok: false, message: errorMessage(error.code) });
    }
  }
  return { errors: {} as Record<string, string>, alert: undefined, outcomes };
}

export default function Applications({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const errors: Record<string, string> = actionData?.errors ?? {};
  const { filters, base } = loaderData;
  const outcomes = actionData?.outcomes ?? [];
  const done = outcomes.filter((o) => o.ok).length;
  return (
    <main id="main">
      <title>{`${t('staffApplications.title')}: ${loaderData.course.title}`}</title>
      <h1>{t('staffApplications.title')}</h1>
      <p className="muted">{loaderData.course.title}</p>
      <CourseNav base={base} title={loaderData.course.title} />
      <ErrorSummary message={actionData?.alert} errors={errors} labels={{ message: t('staffApplications.message') }} attempt={actionData} />
      {outcomes.length > 0 ? (
        <Outcomes title={t('staffApplications.bulkDone', { done, total: outcomes.length })}>
          <ul>
            {outcomes.map((o) => (
              <li key={o.id}>
                {o.name}: {o.ok ? o.message : `${t('staffApplications.notChanged')}: ${o.message}`}
              </li>
            ))}
          </ul>
        </Outcomes>
      ) : null}
      <form method="get" className="filters" role="search" aria-label={t('staffApplications.filters')}>
        <div className="field">
          <label htmlFor="filter-status">{t('staffApplications.status')}</label>
          <select id="filter-status" name="status" defaultValue={filters.status ?? ''}>
            <option value="">{t('staffApplications.any')}</option>
            {REGISTRATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`staffApplications.status_${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-category">{t('staffApplications.category')}</label>
          <select id="filter-category" name="category" defaultValue={filters.categoryKey ?? ''}>
            <option value="">{t('staffApplications.any')}</option>
            {loaderData.categories.map((c) => (
              <option key={c.key} value={c.key}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-membership">{t('staffApplications.membership')}</label>
          <select id="filter-membership" name="membership" defaultValue={filters.membershipCheck ?? ''}>
            <option value="">{t('staffApplications.any')}</option>
            {(['not_needed', 'verified', 'to_verify'] as const).map((m) => (
              <option key={m} value={m}>
                {t(`staffApplications.membership_${m}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-q">{t('staffApplications.search')}</label>
          <input id="filter-q" name="q" type="search" defaultValue={filters.q ?? ''} />
        </div>
        <div>
          <button type="submit" className="secondary">
            {t('staffApplications.applyFilters')}
          </button>
        </div>
      </form>
      <p>
        <a href={`${base}/applications.csv${loaderData.query}`} download>
          {t('staffApplications.exportCsv')}
        </a>
      </p>
      <p role="status">{t('staffApplications.count', { count: loaderData.applications.length })}</p>
      {loaderData.applications.length === 0 ? null : (
        <Form method="post" className="stack" noValidate>
          <DataTable caption={t('staffApplications.tableCaption')}>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">{t('staffApplications.select')}</span>
                  </th>
                  <th scope="col">{t('staffApplications.name')}</th>
                  <th scope="col">{t('staffApplications.status')}</th>
                  <th scope="col">{t('staffApplications.category')}</th>
                  <th scope="col">{t('staffApplications.due')}</th>
                  <th scope="col">{t('money.balance')}</th>
                  <th scope="col">{t('staffApplications.membership')}</th>
                  <th scope="col">{t('staffApplications.submitted')}</th>
                </tr>
              </thead>
              <tbody>
                {loaderData.applications.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <input type="checkbox" name="ids" value={a.id} id={`select-${a.id}`} aria-label={t('staffApplications.selectOne', { name: a.name })} />
                    </td>
                    <th scope="row">
                      <Link to={`${base}/applications/${a.id}`}>{a.name}</Link>
                      <br />
                      <span className="muted">{a.email}</span>
                    </th>
                    <td>
                      {t(`staffApplications.status_${a.status}`)}
                      {a.address.state === 'confirmed' ? null : (
                        <>
                          <br />
                          <span className="status-badge">{t(`registration.address_${a.address.state}`, { until: a.address.until })}</span>
                        </>
                      )}
                    </td>
                    <td>
                      {a.category} <span className="muted">({t(`registration.tier_${a.tier}`)})</span>
                    </td>
                    <td>{a.due}</td>
                    <td>{a.balance}</td>
                    <td>{t(`staffApplications.membership_${a.membershipCheck}`)}</td>
                    <td>{formatDate(a.submittedOn, 'en-US', 'medium')}</td>
                  </tr>
                ))}
              </tbody>
          </DataTable>
          {errors.ids ? <p className="error">{errors.ids}</p> : null}
          <fieldset className="stack">
            <legend>{t('staffApplications.bulkLegend')}</legend>
            <div className="field">
              <label htmlFor="bulk-decision">{t('staffApplications.decision')}</label>
              <select id="bulk-decision" name="decision" defaultValue="accept">
                {(['accept', 'decline', 'waitlist'] as const).map((d) => (
                  <option key={d} value={d}>
                    {t(`staffApplications.decision_${d}`)}
                  </option>
                ))}
              </select>
            </div>
            <TextAreaField name="message" label={t('staffApplications.message')} hint={t('staffApplications.messageHint')} error={errors.message} />
            <div>
              <button type="submit" disabled={busy}>
                {t('staffApplications.applyToSelected')}
              </button>
            </div>
          </fieldset>
        </Form>
      )}
    </main>
  );
}
