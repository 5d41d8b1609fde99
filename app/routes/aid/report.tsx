import { DataTable } from '#app/components/data-table.tsx';
import { Link } from 'react-router';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { rolesGrant } from '#domain/accounts/permissions.ts';
import { findAidPrograms, findCoursesForAidSettings } from '#domain/aid/find-aid.server.ts';
import { formatDate, t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';
import type { Route } from './+types/report.ts';

// Totals per course for directors and treasurers: no names, nothing an applicant wrote.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, roles } = await requirePermission(request, context, params.org, 'financial-aid:report');
  const { db } = services(context);
  const canManage = rolesGrant(roles, 'course:manage');
  const programs = await findAidPrograms(db, org.id);
  return {
    base: `/o/${org.slug}/admin/financial-aid`,
    rows: programs.map((p) => ({
      courseId: p.courseId,
      title: p.title,
      startsOn: p.startsOn,
      received: p.applications,
      awards: t('aidAdmin.awardsOf', { given: p.awards, max: p.maxAwards }),
      awarded: formatMoney(p.awardedMinor, p.currency),
      remainingAwards: p.remainingAwards,
      remainingBudget: formatMoney(p.remainingBudgetMinor, p.currency),
    })),
    settings: canManage ? await findCoursesForAidSettings(db, org.id) : [],
  };
}

export default function AidReport({ loaderData }: Route.ComponentProps) {
  const { base, rows, settings } = loaderData;
  return (
    <main id="main">
      <title>{t('aidReport.title')}</title>
      <h1>{t('aidReport.title')}</h1>
      <p>{t('aidReport.intro')}</p>
      {rows.length === 0 ? (
        <p>{t('aidReport.none')}</p>
      ) : (
        <DataTable caption={t('aidReport.caption')}>
            <thead>
              <tr>
                <th scope="col">{t('aidAdmin.course')}</th>
                <th scope="col">{t('aidReport.received')}</th>
                <th scope="col">{t('aidReport.awards')}</th>
                <th scope="col">{t('aidReport.awarded')}</th>
                <th scope="col">{t('aidReport.remainingAwards')}</th>
                <th scope="col">{t('aidReport.remainingBudget')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.courseId}>
                  <th scope="row">
                    {r.title} <span className="muted">({formatDate(r.startsOn)})</span>
                  </th>
                  <td>{r.received}</td>
                  <td>{r.awards}</td>
                  <td>{r.awarded}</td>
                  <td>{r.remainingAwards}</td>
                  <td>{r.remainingBudget}</td>
                </tr>
              ))}
            </tbody>
        </DataTable>
      )}
      {settings.length > 0 ? (
        <section aria-labelledby="aid-settings">
          <h2 id="aid-settings">{t('aidReport.settingsHeading')}</h2>
          <p>{t('aidReport.settingsIntro')}</p>
          <ul>
            {settings.map((c) => (
              <li key={c.id}>
                <Link to={`${base}/${c.id}/settings`} aria-label={t('aidAdmin.settingsFor', { course: c.title })}>
                  {c.title}
                </Link>{' '}
                <span className="muted">({formatDate(c.startsOn)})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  );
}
