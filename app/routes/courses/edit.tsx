import { data, Form, useActionData, useNavigation } from 'react-router';
import { z } from 'zod';
import { FormAlert } from '#app/components/field.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { errorMessage } from '#app/lib/error-messages.ts';
import { parseForm } from '#app/lib/forms.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { NEXT_STATUSES, setCourseStatus } from '#domain/courses/set-course-status.server.ts';
import { DomainError } from '#domain/errors.ts';
import { t } from '#lib/i18n.ts';
import { requireCourse } from './course-access.server.ts';
import { CourseForm, courseFieldLabels, useCourseForm } from './course-form.tsx';
import { CourseNav } from './course-nav.tsx';
import { courseValues } from './course-values.ts';
import { saveCourseFromForm } from './save-course-action.server.ts';
import type { Route } from './+types/edit.ts';

const statusSchema = z.object({ intent: z.literal('status'), status: z.enum(['draft', 'published', 'closed', 'cancelled', 'archived']) });

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'course:manage');
  const course = await requireCourse(services(context).db, org.id, params.courseId);
  return {
    base: `/o/${org.slug}/admin/courses/${course.id}`,
    title: course.title,
    status: course.status,
    next: NEXT_STATUSES[course.status],
    values: courseValues(course),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor } = await requirePermission(request, context, params.org, 'course:manage');
  const { db } = services(context);
  const course = await requireCourse(db, org.id, params.courseId);
  const formData = await request.formData();
  if (formData.get('intent') === 'status') {
    const parsed = parseForm(statusSchema, formData);
    if (!parsed.ok) return data({ errors: {}, values: undefined, alert: t('form.fixErrors'), done: undefined }, { status: 400 });
    try {
      const after = await setCourseStatus(db, { organizationId: org.id, courseId: course.id, status: parsed.data.status }, actor);
      return { errors: {}, values: undefined, alert: undefined, done: t('staffCourses.statusChanged', { status: t(`staffCourses.status_${after.status}`) }) };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return data({ errors: {}, values: undefined, alert: errorMessage(error.code), done: undefined }, { status: 422 });
    }
  }
  const result = await saveCourseFromForm(db, formData, { organizationId: org.id, courseId: course.id }, actor);
  if (!result.ok) return result.response;
  return { errors: {}, values: undefined, alert: undefined, done: t('staffCourses.saved') };
}

export default function EditCourse({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const form = useCourseForm(actionData?.errors, actionData?.alert);
  return (
    <main id="main">
      <title>{`${t('staffCourses.editTitle')}: ${loaderData.title}`}</title>
      <h1>{t('staffCourses.editTitle')}</h1>
      <p className="muted">{loaderData.title}</p>
      <CourseNav base={loaderData.base} title={loaderData.title} />
      <ErrorSummary message={form.message} errors={form.errors} labels={courseFieldLabels()} attempt={actionData} />
      <FormAlert message={actionData?.done} tone="success" />
      <h2>{t('staffCourses.statusLegend')}</h2>
      <p>{t('staffCourses.currentStatus', { status: t(`staffCourses.status_${loaderData.status}`) })}</p>
      <div className="button-row">
        {loaderData.next.map((s) => (
          <Form method="post" key={s}>
            <input type="hidden" name="intent" value="status" />
            <input type="hidden" name="status" value={s} />
            <button type="submit" className={s === 'published' ? undefined : 'secondary'} disabled={busy}>
              {t(`staffCourses.to_${s}`)}
            </button>
          </Form>
        ))}
      </div>
      <h2>{t('staffCourses.editTitle')}</h2>
      <CourseForm key={loaderData.status} values={actionData?.values ?? loaderData.values} form={form} submitLabel={t('staffCourses.save')} busy={busy} />
    </main>
  );
}
