import { redirect, useActionData, useNavigation } from 'react-router';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { t } from '#lib/i18n.ts';
import { CourseForm, courseFieldLabels, useCourseForm } from './course-form.tsx';
import { saveCourseFromForm } from './save-course-action.server.ts';
import type { Route } from './+types/new.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'course:manage');
  return { timeZone: org.timeZone };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor } = await requirePermission(request, context, params.org, 'course:manage');
  const result = await saveCourseFromForm(services(context).db, await request.formData(), { organizationId: org.id }, actor);
  if (!result.ok) return result.response;
  return redirect(`/o/${org.slug}/admin/courses/${result.course.id}/prices?created=1`);
}

export default function NewCourse({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const form = useCourseForm(actionData?.errors, actionData?.alert);
  return (
    <main id="main">
      <title>{t('staffCourses.newTitle')}</title>
      <h1>{t('staffCourses.newTitle')}</h1>
      <ErrorSummary message={form.message} errors={form.errors} labels={courseFieldLabels()} attempt={actionData} />
      <CourseForm
        values={actionData?.values ?? { timeZone: loaderData.timeZone, currency: 'USD', requiresApproval: 'on' }}
        form={form}
        submitLabel={t('staffCourses.create')}
        busy={busy}
      />
    </main>
  );
}
