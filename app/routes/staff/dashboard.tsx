import { DataTable } from '#app/components/data-table.tsx';
import { Link } from 'react-router';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { rolesGrant } from '#domain/accounts/permissions.ts';
import { findStaffDashboard, UNDELIVERED_WINDOW_DAYS } from '#domain/organizations/staff-dashboard.server.ts';
import { formatDateRange, t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';
import type { Route } from './+types/dashboard.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, roles } = await requirePermission(request, context, params.org, 'admin:access');
  const { db } = services(context);
  // Mail waiting, and mail not delivered lately, is shown to those who can open the outbox
  // (admins), as links to it; overdue refunds to those who can pay them out.
  const dashboard = await findStaffDashboard(db, org.id, { outbox: rolesGrant(roles, 'outbox:read'), refunds: rolesGrant(roles, 'refunds:manage') });
  const overdue = dashboard.overdueRefunds;
  return {
    orgName: org.name,
    slug: org.slug,
    mail: dashboard.mail ? { ...dashboard.mail, days: UNDELIVERED_WINDOW_DAYS } : null,
    courses: dashboard.courses,
    overdueRefunds: overdue ? { count: overdue.count, total: formatMoney(overdue.totalMinor, overdue.currency ?? org.currency) } : null,
  };
}

export default function Dashboard({ loaderData }: Route.ComponentProps) {
  return (
    <main id="main">
      <title>{t('admin.title', { org: loaderData.orgName })}</title>
      <h1>{t('admin.title', { org: loaderData.orgName })}</h1>
      {loaderData.mail ? (
        <>
          <p>
            <Link to={`/o/${loaderData.slug}/admin/outbox?view=waiting`}>{t('admin.outboxPending')}</Link>: <strong>{loaderData.mail.waiting}</strong>
          </p>
          <p className={loaderData.mail.undelivered > 0 ? 'notice error' : undefined}>
            <Link to={`/o/${loaderData.slug}/admin/outbox?view=undelivered`}>{t('admin.outboxUndelivered', { days: loaderData.mail.days })}</Link>:{' '}
            <strong>{loaderData.mail.undelivered}</strong>
          </p>
        </>
      ) : null}
      {loaderData.overdueRefunds ? (
        <section aria-labelledby="overdue-refunds" className={loaderData.overdueRefunds.count > 0 ? 'notice error' : undefined}>
          <h2 id="overdue-refunds">{t('refundsDashboard.overdueTitle')}</h2>
          <p>
            {loaderData.overdueRefunds.count > 0 ? t('refundsDashboard.overdue', { count: loaderData.overdueRefunds.count, total: loaderData.overdueRefunds.total }) : t('refundsDashboard.none')}{' '}
            <Link to={`/o/${loaderData.slug}/admin/refunds?view=overdue`}>{t('refundsDashboard.open')}</Link>
          </p>
        </section>
      ) : null}
      <h2>{t('admin.courses')}</h2>
      <DataTable caption={t('admin.courses')} captionHidden><thead>
            <tr>
              <th scope="col">{t('course.dates')}</th>
              <th scope="col">{t('admin.courses')}</th>
              <th scope="col">{t('admin.status')}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.courses.map((c) => (
              <tr key={c.slug}>
                <td>{formatDateRange(c.startsOn, c.endsOn)}</td>
                <td>
                  <Link to={`/o/${loaderData.slug}/courses/${c.slug}`}>{c.title}</Link>
                </td>
                <td>{t(`staffCourses.status_${c.status}`)}</td>
              </tr>
            ))}
          </tbody>
      </DataTable>
    </main>
  );
}
