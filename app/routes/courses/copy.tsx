// "Copy this course": the director picks the new start date (and the title and address the
// copy gets), and lands on the copy's summary to check what moved before publishing.
import { data, Form, redirect, useActionData, useNavigation } from 'react-router';
import { z } from 'zod';
import { DateField, Field } from '#app/components/field.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { errorMessage, fieldMessage } from '#app/lib/error-messages.ts';
import { parseForm } from '#app/lib/forms.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { useSchemaForm } from '#app/lib/use-schema-form.ts';
import { copyCourse } from '#domain/courses/copy-course.server.ts';
import { shiftDate, suggestTitleAndSlug } from '#domain/courses/copy-plan.ts';
import { DomainError } from '#domain/errors.ts';
import { dateProblem } from '#lib/dates.ts';
import { formatDate, formatDateRange, t } from '#lib/i18n.ts';
import { requireCourse } from './course-access.server.ts';
import { CourseNav } from './course-nav.tsx';
import type { Route } from './+types/copy.ts';

const copySchema = z.object({
  newStartsOn: z
    .string()
    .trim()
    .min(1)
    .superRefine((v, ctx) => {
      const problem = dateProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: t(problem === 'DATE_FORMAT' ? 'form.dateFormat' : 'form.dateNotReal') });
    }),
  title: z.string().trim().min(3).max(200),
  slug: z
    .string()
    .trim()
    .min(3)
    .max(80)
    .refine((v) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(v), { message: t('staffCourses.invalidSlug') }),
});

const labels = () => ({ newStartsOn: t('courseCopy.newStartsOn'), title: t('staffCourses.courseTitle'), slug: t('staffCourses.slug') });

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'course:manage');
  const course = await requireCourse(services(context).db, org.id, params.courseId);
  // Suggested: the same weekday a year on (52 weeks), which is how intensives recur.
  const newStartsOn = shiftDate(course.startsOn, 364);
  return {
    base: `/o/${org.slug}/admin/courses/${course.id}`,
    course: { title: course.title, startsOn: course.startsOn, endsOn: course.endsOn },
    suggested: { newStartsOn, ...suggestTitleAndSlug(course, newStartsOn) },
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor } = await requirePermission(request, context, params.org, 'course:manage');
  const { db } = services(context);
  const course = await requireCourse(db, org.id, params.courseId);
  const parsed = parseForm(copySchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, alert: t('form.fixErrors') }, { status: 400 });
  try {
    const copy = await copyCourse(db, { organizationId: org.id, sourceCourseId: course.id, ...parsed.data }, actor);
    return redirect(`/o/${org.slug}/admin/courses/${copy.course.id}/copied`);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const errors = Object.fromEntries(Object.entries(error.fields).map(([f, code]) => [f, fieldMessage(code)]));
    return data({ errors, values: parsed.values, alert: errorMessage(error.code) }, { status: 422 });
  }
}

export default function CopyCourse({ loaderData }: Route.ComponentProps) {
  const { course, suggested, base } = loaderData;
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const form = useSchemaForm(copySchema, actionData?.errors, actionData?.alert);
  const typed: Record<string, string> = actionData?.values ?? suggested;
  return (
    <main id="main">
      <title>{`${t('courseCopy.title')}: ${course.title}`}</title>
      <h1>{t('courseCopy.title')}</h1>
      <p className="muted">
        {course.title} · {formatDateRange(course.startsOn, course.endsOn)}
      </p>
      <CourseNav base={base} title={course.title} />
      <ErrorSummary message={form.message} errors={form.errors} labels={labels()} attempt={actionData} />
      <p>{t('courseCopy.intro')}</p>
      <ul>
        <li>{t('courseCopy.copies')}</li>
        <li>{t('courseCopy.moves')}</li>
        <li>{t('courseCopy.notCopied')}</li>
      </ul>
      <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
        <DateField
          name="newStartsOn"
          label={t('courseCopy.newStartsOn')}
          hint={t('courseCopy.newStartsOnHint', { date: formatDate(course.startsOn) })}
          defaultValue={typed.newStartsOn}
          error={form.errors.newStartsOn}
          required
        />
        <Field name="title" label={t('staffCourses.courseTitle')} defaultValue={typed.title} error={form.errors.title} required />
        <Field name="slug" label={t('staffCourses.slug')} hint={t('courseCopy.slugHint')} defaultValue={typed.slug} error={form.errors.slug} required />
        <div>
          <button type="submit" disabled={busy}>
            {t('courseCopy.submit')}
          </button>
        </div>
      </Form>
    </main>
  );
}
