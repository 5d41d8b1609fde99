import { DataTable } from '#app/components/data-table.tsx';
import { data, Link } from 'react-router';
import { requirePermission, services, requireIds } from '#app/lib/guards.server.ts';
import { findAidPrograms, findCourseAidApplications, getAidCourse } from '#domain/aid/find-aid.server.ts';
import { DomainError } from '#domain/errors.ts';
import { t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';
import type { Route } from './+types/course-applications.ts';

// The committee's list for one course: names, amounts, scores and statuses — never content.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, user } = await requirePermission(request, context, params.org, 'financial-aid:review');
  requireIds(params.courseId);
  const { db } = services(context);
  try {
    const course = await getAidCourse(db, org.id, params.courseId);
    const totals = (await findAidPrograms(db, org.id)).find((p) => p.courseId === course.id);
    const rows = await findCourseAidApplications(db, org.id, course.id, user.id);
    const money = (minor: number) => formatMoney(minor, course.currency);
    return {
      base: `/o/${org.slug}/admin/financial-aid`,
      course: { id: course.id, title: course.title },
      budget: t('aidAdmin.budget', {
        given: totals?.awards ?? 0,
        max: course.financialAidAwards ?? 0,
        awarded: money(totals?.awardedMinor ?? 0),
        maxPer: money(course.financialAidMaxMinor ?? 0),
      }),
      applications: rows.map((r) => ({
        id: r.id,
        name: r.name,
        requested: money(r.requestedMinor),
        averageScore: r.averageScore === null ? t('aidAdmin.noScore') : r.averageScore.toFixed(1),
        reviews: r.reviews,
        reviewedByMe: r.reviewedByMe,
        status: t(`aidAdmin.status_${r.status}`, { amount: money(r.awardedMinor ?? 0) }),
        registration: t(`registration.status_${r.registrationStatus}`),
      })),
    };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'COURSE_NOT_FOUND') throw data(null, { status: 404 });
    throw error;
  }
}

export default function CourseAidApplications({ loaderData }: Route.ComponentProps) {
  const { base, course, applications } = loaderData;
  return (
    <main id="main">
      <title>{t('aidAdmin.listTitle', { course: course.title })}</title>
      <p>
        <Link to={base}>{t('aidAdmin.back')}</Link>
      </p>
      <h1>{t('aidAdmin.listTitle', { course: course.title })}</h1>
      <p>{loaderData.budget}</p>
      {applications.length === 0 ? (
        <p>{t('aidAdmin.noApplications')}</p>
      ) : (
        <DataTable caption={t('aidAdmin.listCaption')}>
            <thead>
              <tr>
                <th scope="col">{t('aidAdmin.name')}</th>
                <th scope="col">{t('aidAdmin.requested')}</th>
                <th scope="col">{t('aidAdmin.averageScore')}</th>
                <th scope="col">{t('aidAdmin.reviews')}</th>
                <th scope="col">{t('aidAdmin.status')}</th>
                <th scope="col">{t('aidAdmin.registrationStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {applications.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`${base}/${course.id}/applications/${a.id}`}>{a.name}</Link>
                  </th>
                  <td>{a.requested}</td>
                  <td>{a.averageScore}</td>
                  <td>
                    {a.reviews}
                    {a.reviewedByMe ? <span className="muted"> ({t('aidAdmin.reviewedByMe')})</span> : null}
                  </td>
                  <td>{a.status}</td>
                  <td>{a.registration}</td>
                </tr>
              ))}
            </tbody>
        </DataTable>
      )}
    </main>
  );
}
