// Staff: a course's small groups and their rotation; generate every group's plan at once.
import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { FormAlert } from '#app/components/field.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { errorMessage } from '#app/lib/error-messages.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { requireCourse } from '#app/routes/courses/course-access.server.ts';
import { CourseNav } from '#app/routes/courses/course-nav.tsx';
import { DomainError } from '#domain/errors.ts';
import { findCourseGroups, generateCourseRotation } from '#domain/rotation/rotation.server.ts';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/course.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'course:manage');
  const { db } = services(context);
  const course = await requireCourse(db, org.id, params.courseId);
  const { groups, sessionCount } = await findCourseGroups(db, org.id, course.id);
  return { slug: org.slug, base: `/o/${org.slug}/admin/courses/${course.id}`, course: { title: course.title }, groups, sessionCount };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor } = await requirePermission(request, context, params.org, 'course:manage');
  const { db } = services(context);
  const course = await requireCourse(db, org.id, params.courseId);
  try {
    const result = await generateCourseRotation(db, { organizationId: org.id, courseId: course.id }, actor);
    return { done: t('rotation.generated', { count: result.groups }), alert: undefined };
  } catch (error) {
    if (error instanceof DomainError) return data({ done: undefined, alert: errorMessage(error.code) }, { status: 409 });
    throw error;
  }
}

export default function CourseRotation({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const { groups, sessionCount } = loaderData;
  return (
    <main id="main">
      <title>{`${t('rotation.courseTitle')} · ${loaderData.course.title}`}</title>
      <h1>{t('rotation.courseTitle')}</h1>
      <CourseNav base={loaderData.base} title={loaderData.course.title} />
      <ErrorSummary message={actionData?.alert} attempt={actionData} />
      <FormAlert message={actionData?.done} tone="success" />
      <p>{t('rotation.intro')}</p>
      <p className="notice">{t('rotation.confidential')}</p>
      {groups.length === 0 ? <p>{t('rotation.noGroups')}</p> : null}
      {sessionCount === 0 ? <p>{t('rotation.noSessions')}</p> : null}
      {groups.length > 0 ? (
        <>
          <h2>{t('rotation.groups')}</h2>
          <ul>
            {groups.map((g) => (
              <li key={g.id}>
                <Link to={`/o/${loaderData.slug}/groups/${g.id}/rotation`} aria-label={t('rotation.open', { group: g.name })}>
                  {g.name}
                </Link>{' '}
                <span className="muted">· {g.turns}</span>
              </li>
            ))}
          </ul>
          {sessionCount > 0 ? (
            <Form method="post">
              <p className="hint">{t('rotation.generateHint')}</p>
              <button type="submit" disabled={busy}>
                {t('rotation.generate')}
              </button>
            </Form>
          ) : null}
        </>
      ) : null}
    </main>
  );
}
