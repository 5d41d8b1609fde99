import { DataTable } from '#app/components/data-table.tsx';
import { Link } from 'react-router';
import { REGISTRATION_STATUSES } from '#domain/registration/statuses.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { getCourseDashboard } from '#domain/registration/dashboard.server.ts';
import { formatDateRange, t } from '#lib/i18n.ts';
import { ApplicationsChart } from './chart.tsx';
import { requireCourse } from './course-access.server.ts';
import { CourseNav } from './course-nav.tsx';
import type { Route } from './+types/dashboard.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'registration:review');
  const { db } = services(context);
  const course = await requireCourse(db, org.id, params.courseId);
  const dashboard = await getCourseDashboard(db, org.id, course.id);
  return {
    base: `/o/${org.slug}/admin/courses/${course.id}`,
    course: { title: course.title, status: course.status, startsOn: course.startsOn, endsOn: course.endsOn, earlyRateUntil: course.earlyRateUntil },
    ...dashboard,
  };
}

export default function CourseDashboard({ loaderData }: Route.ComponentProps) {
  const { course, availability: a, base } = loaderData;
  return (
    <main id="main">
      <title>{`${t('staffDashboard.title')}: ${course.title}`}</title>
      <h1>{course.title}</h1>
      <p className="muted">
        {formatDateRange(course.startsOn, course.endsOn)} · {t(`staffCourses.status_${course.status}`)}
      </p>
      <CourseNav base={base} title={course.title} />
      <h2>{t('staffDashboard.places')}</h2>
      <dl className="facts">
        <dt>{t('staffDashboard.capacity')}</dt>
        <dd>{a.capacity}</dd>
        <dt>{t('staffDashboard.taken')}</dt>
        <dd>{a.taken}</dd>
        <dt>{t('staffDashboard.placesLeft')}</dt>
        <dd>{a.placesLeft}</dd>
        <dt>{t('staffDashboard.earlyPlacesLeft')}</dt>
        <dd>
          {a.earlyPlacesLeft === null ? t('staffDashboard.noEarlyLimit') : t('staffDashboard.earlyOf', { left: a.earlyPlacesLeft, limit: a.earlyPlaceLimit })}
          {course.earlyRateUntil ? ` · ${t('staffDashboard.earlyUntil', { date: course.earlyRateUntil })}` : null}
        </dd>
        <dt>{t('staffDashboard.earlyRateNow')}</dt>
        <dd>{t(a.earlyRateOpen ? 'staffDashboard.earlyOpen' : 'staffDashboard.earlyClosed')}</dd>
        <dt>{t('staffDashboard.waitlisted')}</dt>
        <dd>{a.waitlisted}</dd>
      </dl>
      <h2>{t('staffDashboard.byStatus')}</h2>
      <DataTable caption={t('staffDashboard.byStatus')} captionHidden><thead>
            <tr>
              <th scope="col">{t('staffApplications.status')}</th>
              <th scope="col">{t('staffDashboard.count')}</th>
            </tr>
          </thead>
          <tbody>
            {REGISTRATION_STATUSES.map((s) => (
              <tr key={s}>
                <th scope="row">
                  <Link to={`${base}/applications?status=${s}`}>{t(`staffApplications.status_${s}`)}</Link>
                </th>
                <td>{loaderData.byStatus[s]}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('staffDashboard.total')}</th>
              <td>{loaderData.total}</td>
            </tr>
          </tbody>
      </DataTable>
      <h2>{t('staffDashboard.byCategory')}</h2>
      <DataTable caption={t('staffDashboard.byCategory')} captionHidden><thead>
            <tr>
              <th scope="col">{t('staffApplications.category')}</th>
              <th scope="col">{t('staffDashboard.activeCount')}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.byCategory.map((c) => (
              <tr key={c.key}>
                <th scope="row">
                  <Link to={`${base}/applications?category=${encodeURIComponent(c.key)}`}>{c.label}</Link>
                </th>
                <td>{c.active}</td>
              </tr>
            ))}
          </tbody>
      </DataTable>
      <h2>{t('staffDashboard.overTime')}</h2>
      {loaderData.series.length === 0 ? (
        <p>{t('staffDashboard.noApplications')}</p>
      ) : (
        <ApplicationsChart series={loaderData.series} capacity={a.capacity} earlyPlaceLimit={a.earlyPlaceLimit} />
      )}
    </main>
  );
}
