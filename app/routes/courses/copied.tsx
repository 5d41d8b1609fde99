// The copy's summary: what came along, every date that moved (old → new), and what the
// director should read again before publishing. Recomputed from the copy and its source, so
// it stays available after the first visit.
import { Link, redirect } from 'react-router';
import { DataTable } from '#app/components/data-table.tsx';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { copiedCounts, copyPlanOf } from '#domain/courses/copy-course.server.ts';
import { getStaffCourse } from '#domain/courses/get-staff-course.server.ts';
import { DomainError } from '#domain/errors.ts';
import { formatDate, t } from '#lib/i18n.ts';
import { requireCourse } from './course-access.server.ts';
import { CourseNav } from './course-nav.tsx';
import type { Route } from './+types/copied.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'course:manage');
  const { db } = services(context);
  const copy = await requireCourse(db, org.id, params.courseId);
  // Not a copy: there is nothing to compare; the copy form is what the person can use.
  if (!copy.copiedFromCourseId) throw redirect(`/o/${org.slug}/admin/courses/${copy.id}/copy`);
  const source = await getStaffCourse(db, org.id, copy.copiedFromCourseId).catch((error: unknown) => {
    if (error instanceof DomainError) throw new Response(t('courseCopy.sourceGone'), { status: 404 });
    throw error;
  });
  const plan = copyPlanOf(source, copy.startsOn);
  return {
    base: `/o/${org.slug}/admin/courses/${copy.id}`,
    course: { title: copy.title, status: copy.status },
    source: { href: `/o/${org.slug}/admin/courses/${source.id}`, title: source.title },
    days: plan.days,
    moved: plan.moved,
    check: plan.check,
    counts: await copiedCounts(db, copy),
  };
}

const fieldLabel = (field: string) => t(`courseCopy.field_${field.replace('.', '_')}`, { defaultValue: field });

export default function CopiedCourse({ loaderData }: Route.ComponentProps) {
  const { course, source, base, counts, moved, check, days } = loaderData;
  return (
    <main id="main">
      <title>{`${t('courseCopy.summaryTitle')}: ${course.title}`}</title>
      <h1>{t('courseCopy.summaryTitle')}</h1>
      <p className="muted">{course.title}</p>
      <CourseNav base={base} title={course.title} />
      <p>
        {t('courseCopy.copiedFrom')} <Link to={source.href}>{source.title}</Link>.{' '}
        {t(days >= 0 ? 'courseCopy.daysLater' : 'courseCopy.daysEarlier', { count: Math.abs(days) })} {t(`staffCourses.status_${course.status}`)}.
      </p>
      <h2>{t('courseCopy.whatCame')}</h2>
      <ul>
        {(Object.entries(counts) as [string, number][]).map(([key, n]) => (
          <li key={key}>{t(`courseCopy.count_${key}`, { count: n })}</li>
        ))}
      </ul>
      <h2>{t('courseCopy.datesMoved')}</h2>
      <DataTable caption={t('courseCopy.datesMoved')} captionHidden>
        <thead>
          <tr>
            <th scope="col">{t('courseCopy.date')}</th>
            <th scope="col">{t('courseCopy.was')}</th>
            <th scope="col">{t('courseCopy.now')}</th>
          </tr>
        </thead>
        <tbody>
          {moved.map((m) => (
            <tr key={m.field}>
              <th scope="row">{fieldLabel(m.field)}</th>
              <td>{formatDate(m.from)}</td>
              <td>{formatDate(m.to)}</td>
            </tr>
          ))}
          {counts.sessions > 0 ? (
            <tr>
              <th scope="row">{t('courseCopy.sessionsRow')}</th>
              <td colSpan={2}>{t('courseCopy.sessionsMoved', { count: counts.sessions })}</td>
            </tr>
          ) : null}
        </tbody>
      </DataTable>
      <h2>{t('courseCopy.checkTitle')}</h2>
      <ul>
        {check.map((c) => (
          <li key={c.field}>{t(`courseCopy.check_${c.reason}`, { detail: c.detail })}</li>
        ))}
        <li>{t('courseCopy.check_signature')}</li>
        <li>{t('courseCopy.check_discountCodes')}</li>
      </ul>
      <p>
        <Link to={`${base}/edit`}>{t('courseCopy.editDetails')}</Link> · <Link to={`${base}/schedule`}>{t('courseCopy.editSchedule')}</Link> ·{' '}
        <Link to={`${base}/prices`}>{t('courseCopy.publish')}</Link>
      </p>
    </main>
  );
}
