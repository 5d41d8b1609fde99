import { DataTable } from '#app/components/data-table.tsx';
import { Link } from 'react-router';
import { rolesGrant } from '#domain/accounts/permissions.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { findStaffCourses } from '#domain/courses/get-staff-course.server.ts';
import { formatDateRange, t } from '#lib/i18n.ts';
import type { Route } from './+types/index.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, roles } = await requirePermission(request, context, params.org, 'registration:review');
  return {
    base: `/o/${org.slug}/admin/courses`,
    canManage: rolesGrant(roles, 'course:manage'),
    courses: await findStaffCourses(services(context).db, org.id),
  };
}

export default function Courses({ loaderData }: Route.ComponentProps) {
  return (
    <main id="main">
      <title>{t('staffCourses.title')}</title>
      <h1>{t('staffCourses.title')}</h1>
      {loaderData.canManage ? (
        <p>
          <Link className="button" to={`${loaderData.base}/new`}>
            {t('staffCourses.new')}
          </Link>
        </p>
      ) : null}
      {loaderData.courses.length === 0 ? (
        <p>{t('staffCourses.none')}</p>
      ) : (
        <DataTable caption={t('staffCourses.title')} captionHidden><thead>
              <tr>
                <th scope="col">{t('staffCourses.courseTitle')}</th>
                <th scope="col">{t('staffCourses.dates')}</th>
                <th scope="col">{t('staffCourses.kind')}</th>
                <th scope="col">{t('staffCourses.status')}</th>
                <th scope="col">{t('staffCourses.capacity')}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.courses.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`${loaderData.base}/${c.id}`}>{c.title}</Link>
                  </th>
                  <td>{formatDateRange(c.startsOn, c.endsOn)}</td>
                  <td>{t(`course.kind_${c.kind}`)}</td>
                  <td>{t(`staffCourses.status_${c.status}`)}</td>
                  <td>{c.capacity}</td>
                </tr>
              ))}
            </tbody>
        </DataTable>
      )}
    </main>
  );
}
