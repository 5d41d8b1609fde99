import { DataTable } from '#app/components/data-table.tsx';
import { Link } from 'react-router';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { rolesGrant } from '#domain/accounts/permissions.ts';
import { findAidPrograms, findCoursesForAidSettings } from '#domain/aid/find-aid.server.ts';
import { formatDate, t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';
import type { Route } from './+types/programs.ts';

// The committee's overview. Staff who may only see totals (directors, treasurers, admins) get
// an overview of their own that points to the report: they never see a list of applicants.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, roles } = await requirePermission(request, context, params.org, 'financial-aid:report');
  const base = `/o/${org.slug}/admin/financial-aid`;
  const { db } = services(context);
  if (!rolesGrant(roles, 'financial-aid:review')) {
    return { committee: false as const, base, programs: [], settings: rolesGrant(roles, 'course:manage') ? await findCoursesForAidSettings(db, org.id) : [] };
  }
  return { committee: true as const, base, programs: await findAidPrograms(db, org.id), settings: [] };
}

export default function AidPrograms({ loaderData }: Route.ComponentProps) {
  const { base, programs } = loaderData;
  if (!loaderData.committee) return <AidOverview base={base} settings={loaderData.settings} />;
  return (
    <main id="main">
      <title>{t('aidAdmin.title')}</title>
      <h1>{t('aidAdmin.title')}</h1>
      <p>{t('aidAdmin.intro')}</p>
      <p>
        <Link to={`${base}/report`}>{t('aidAdmin.reportLink')}</Link>
      </p>
      {programs.length === 0 ? (
        <p>{t('aidAdmin.noPrograms')}</p>
      ) : (
        <DataTable caption={t('aidAdmin.programsCaption')}>
            <thead>
              <tr>
                <th scope="col">{t('aidAdmin.course')}</th>
                <th scope="col">{t('aidAdmin.deadline')}</th>
                <th scope="col">{t('aidAdmin.applications')}</th>
                <th scope="col">{t('aidAdmin.pending')}</th>
                <th scope="col">{t('aidAdmin.awards')}</th>
                <th scope="col">{t('aidAdmin.awarded')}</th>
              </tr>
            </thead>
            <tbody>
              {programs.map((p) => (
                <tr key={p.courseId}>
                  <th scope="row">
                    <Link to={`${base}/${p.courseId}`} aria-label={t('aidAdmin.openApplications', { course: p.title })}>
                      {p.title}
                    </Link>{' '}
                    <span className="muted">({formatDate(p.startsOn)})</span>
                  </th>
                  <td>{p.deadline ? formatDate(p.deadline) : t('aidAdmin.noDeadline')}</td>
                  <td>{p.applications}</td>
                  <td>{p.pending}</td>
                  <td>{t('aidAdmin.awardsOf', { given: p.awards, max: p.maxAwards })}</td>
                  <td>
                    {formatMoney(p.awardedMinor, p.currency)} <span className="muted">({t('aidAdmin.maxPerAward')}: {formatMoney(p.maxMinor, p.currency)})</span>
                  </td>
                </tr>
              ))}
            </tbody>
        </DataTable>
      )}
    </main>
  );
}

function AidOverview({ base, settings }: { base: string; settings: { id: string; title: string; startsOn: string }[] }) {
  return (
    <main id="main">
      <title>{t('aidAdmin.overviewTitle')}</title>
      <h1>{t('aidAdmin.overviewTitle')}</h1>
      <p>{t('aidAdmin.overviewIntro')}</p>
      <p>
        <Link to={`${base}/report`}>{t('aidAdmin.reportLink')}</Link>
      </p>
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
