// Money reports for the organization or one course: revenue by category and tier,
// outstanding balances, refunds due and overdue, aid awarded; each table as CSV.
import { DataTable } from '#app/components/data-table.tsx';
import { Form, Link } from 'react-router';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { rolesGrant } from '#domain/accounts/permissions.ts';
import { moneyReport } from '#domain/billing/reports.server.ts';
import { invoicesAvailable } from '#domain/payments/checkout-records.server.ts';
import { t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';
import { reportScope } from './report-scope.server.ts';
import type { Route } from './+types/reports.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, roles } = await requirePermission(request, context, params.org, 'money:read');
  const { db } = services(context);
  const { courses, course, scope } = await reportScope(db, org, new URL(request.url));
  const report = await moneyReport(db, scope);
  const m = formatMoney;
  const query = course ? `&course=${course.id}` : '';
  return {
    base: `/o/${org.slug}/admin`,
    // Only those who may open the money settings get the link (no link to a 403).
    canEditSettings: rolesGrant(roles, 'money:settings'),
    // Invoices cannot be issued without payment instructions: staff are told, not left to find out.
    invoicesBlocked: !invoicesAvailable(org),
    courses: courses.map((c) => ({ id: c.id, title: c.title })),
    courseId: course?.id ?? '',
    csvBase: `/o/${org.slug}/admin/money/export.csv?`,
    query,
    revenue: report.revenue.map((r, i) => ({
      key: String(i),
      course: r.courseTitle,
      category: r.category,
      tier: t(`registration.tier_${r.tier}`),
      registrations: r.registrations,
      charged: m(r.chargedMinor, r.currency),
      discounts: m(r.discountsMinor, r.currency),
      aid: m(r.aidMinor, r.currency),
      adjustments: m(r.adjustmentsMinor, r.currency),
      net: m(r.netMinor, r.currency),
      paid: m(r.paidMinor, r.currency),
      refunded: m(r.refundedMinor, r.currency),
    })),
    outstanding: report.outstanding.map((r) => ({
      key: r.registrationId,
      href: `/o/${org.slug}/admin/courses/${r.courseId}/applications/${r.registrationId}/account`,
      course: r.courseTitle,
      name: r.name,
      status: t(`staffApplications.status_${r.status}`),
      balance: m(r.balanceMinor, r.currency),
    })),
    refundTotals: report.refundTotals.map((r) => ({
      currency: r.currency,
      due: `${m(r.dueMinor, r.currency)} (${t('billingReports.count', { count: r.dueCount })})`,
      overdue: `${m(r.overdueMinor, r.currency)} (${t('billingReports.count', { count: r.overdueCount })})`,
    })),
    aid: report.aid.map((r, i) => ({ key: String(i), course: r.courseTitle, awards: r.awards, awarded: m(r.awardedMinor, r.currency) })),
    dues: report.dues.map((r, i) => ({ key: String(i), type: r.typeName, terms: r.terms, net: m(r.netMinor, r.currency), paid: m(r.paidMinor, r.currency) })),
  };
}

function CsvLink({ href, table }: { href: string; table: string }) {
  return (
    <p>
      <a href={href} download>
        {t('billingReports.csv', { table })}
      </a>
    </p>
  );
}

export default function Reports({ loaderData }: Route.ComponentProps) {
  const d = loaderData;
  const csv = (table: string) => `${d.csvBase}table=${table}${d.query}`;
  return (
    // minWidth 0: the admin grid column may shrink below the table, so the table scrolls in its region instead of widening the page.
    <main id="main" style={{ minWidth: 0 }}>
      <title>{t('billingReports.title')}</title>
      <h1>{t('billingReports.title')}</h1>
      <nav aria-label={t('billingReports.links')}>
        <ul>
          <li>
            <Link to={`${d.base}/money/invoices`}>{t('billingReports.invoices')}</Link>
          </li>
          <li>
            <Link to={`${d.base}/refunds`}>{t('billingReports.refundTracker')}</Link>
          </li>
          <li>
            <Link to={`${d.base}/money/reconcile`}>{t('billingReports.reconcile')}</Link>
          </li>
          {d.canEditSettings ? (
            <li>
              <Link to={`${d.base}/money/settings`}>{t('billingReports.settings')}</Link>
            </li>
          ) : null}
        </ul>
      </nav>
      {d.invoicesBlocked ? <p role="status">{t(d.canEditSettings ? 'billingSettings.invoicesBlocked' : 'billingSettings.invoicesBlockedAskTreasurer')}</p> : null}
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="report-course">{t('billingReports.scope')}</label>
          <select id="report-course" name="course" defaultValue={d.courseId}>
            <option value="">{t('billingReports.allCourses')}</option>
            {d.courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('billingReports.show')}</button>
      </Form>

      <h2>{t('billingReports.revenue')}</h2>
      {d.revenue.length === 0 ? (
        <p>{t('billingReports.none')}</p>
      ) : (
        <DataTable caption={t('billingReports.revenueCaption')} label={t('billingReports.revenue')}>
            <thead>
              <tr>
                <th scope="col">{t('billingReports.course')}</th>
                <th scope="col">{t('billingReports.category')}</th>
                <th scope="col">{t('billingReports.tier')}</th>
                <th scope="col" className="numeric">{t('billingReports.registrations')}</th>
                <th scope="col" className="numeric">{t('billingReports.charged')}</th>
                <th scope="col" className="numeric">{t('billingReports.discounts')}</th>
                <th scope="col" className="numeric">{t('billingReports.aidCol')}</th>
                <th scope="col" className="numeric">{t('billingReports.adjustments')}</th>
                <th scope="col" className="numeric">{t('billingReports.net')}</th>
                <th scope="col" className="numeric">{t('billingReports.paid')}</th>
                <th scope="col" className="numeric">{t('billingReports.refunded')}</th>
              </tr>
            </thead>
            <tbody>
              {d.revenue.map((r) => (
                <tr key={r.key}>
                  <td>{r.course}</td>
                  <th scope="row">{r.category}</th>
                  <td>{r.tier}</td>
                  <td className="numeric">{r.registrations}</td>
                  <td className="numeric">{r.charged}</td>
                  <td className="numeric">{r.discounts}</td>
                  <td className="numeric">{r.aid}</td>
                  <td className="numeric">{r.adjustments}</td>
                  <td className="numeric">{r.net}</td>
                  <td className="numeric">{r.paid}</td>
                  <td className="numeric">{r.refunded}</td>
                </tr>
              ))}
            </tbody>
        </DataTable>
      )}
      <CsvLink href={csv('revenue')} table={t('billingReports.revenue')} />

      {d.dues.length > 0 ? (
        <>
          <h2>{t('membershipReport.title')}</h2>
          <DataTable caption={t('membershipReport.caption')} label={t('membershipReport.title')}>
            <thead>
              <tr>
                <th scope="col">{t('membershipReport.type')}</th>
                <th scope="col" className="numeric">{t('membershipReport.terms')}</th>
                <th scope="col" className="numeric">{t('membershipReport.net')}</th>
                <th scope="col" className="numeric">{t('membershipReport.paid')}</th>
              </tr>
            </thead>
            <tbody>
              {d.dues.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.type}</th>
                  <td className="numeric">{r.terms}</td>
                  <td className="numeric">{r.net}</td>
                  <td className="numeric">{r.paid}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
          <CsvLink href={csv('dues')} table={t('membershipReport.title')} />
        </>
      ) : null}

      <h2>{t('billingReports.outstanding')}</h2>
      {d.outstanding.length === 0 ? (
        <p>{t('billingReports.none')}</p>
      ) : (
        <DataTable caption={t('billingReports.outstandingCaption')} label={t('billingReports.outstanding')}>
            <thead>
              <tr>
                <th scope="col">{t('billingReports.name')}</th>
                <th scope="col">{t('billingReports.course')}</th>
                <th scope="col">{t('billingReports.status')}</th>
                <th scope="col" className="numeric">{t('billingReports.balance')}</th>
              </tr>
            </thead>
            <tbody>
              {d.outstanding.map((r) => (
                <tr key={r.key}>
                  <th scope="row">
                    <Link to={r.href}>{r.name}</Link>
                  </th>
                  <td>{r.course}</td>
                  <td>{r.status}</td>
                  <td className="numeric">{r.balance}</td>
                </tr>
              ))}
            </tbody>
        </DataTable>
      )}
      <CsvLink href={csv('outstanding')} table={t('billingReports.outstanding')} />

      <h2>{t('billingReports.refunds')}</h2>
      {d.refundTotals.length === 0 ? (
        <p>{t('billingReports.none')}</p>
      ) : (
        <DataTable caption={t('billingReports.refundsCaption')} label={t('billingReports.refunds')}>
            <thead>
              <tr>
                <th scope="col">{t('billingReports.currency')}</th>
                <th scope="col" className="numeric">{t('billingReports.dueTotal')}</th>
                <th scope="col" className="numeric">{t('billingReports.overdueTotal')}</th>
              </tr>
            </thead>
            <tbody>
              {d.refundTotals.map((r) => (
                <tr key={r.currency}>
                  <th scope="row">{r.currency}</th>
                  <td className="numeric">{r.due}</td>
                  <td className="numeric">{r.overdue}</td>
                </tr>
              ))}
            </tbody>
        </DataTable>
      )}
      <p>
        <Link to={`${d.base}/refunds`}>{t('billingReports.refundTracker')}</Link>
      </p>
      <CsvLink href={csv('refunds')} table={t('billingReports.refunds')} />

      <h2>{t('billingReports.aid')}</h2>
      {d.aid.length === 0 ? (
        <p>{t('billingReports.none')}</p>
      ) : (
        <DataTable caption={t('billingReports.aidCaption')} label={t('billingReports.aid')}>
            <thead>
              <tr>
                <th scope="col">{t('billingReports.course')}</th>
                <th scope="col" className="numeric">{t('billingReports.awards')}</th>
                <th scope="col" className="numeric">{t('billingReports.awarded')}</th>
              </tr>
            </thead>
            <tbody>
              {d.aid.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.course}</th>
                  <td className="numeric">{r.awards}</td>
                  <td className="numeric">{r.awarded}</td>
                </tr>
              ))}
            </tbody>
        </DataTable>
      )}
      <CsvLink href={csv('aid')} table={t('billingReports.aid')} />
    </main>
  );
}
