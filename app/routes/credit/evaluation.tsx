// /o/:org/admin/courses/:courseId/evaluation — the course's evaluation: its questions (edited
// as rows, or copied from another course of the organization) and its results, per question a
// distribution with the counts written out, the mean and the comments — only once at least
// five people answered, so nobody's answers can be told apart.
import { data, Form, useActionData, useNavigation } from 'react-router';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { fieldAnchor, FormAlert } from '#app/components/field.tsx';
import { SelectField } from '#app/components/choices.tsx';
import { errorMessage } from '#app/lib/error-messages.ts';
import { formValues } from '#app/lib/forms.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { DomainError } from '#domain/errors.ts';
import { findEvaluationResults } from '#domain/evaluations/evaluation-results.server.ts';
import { EvaluationResultsView } from './evaluation-results-view.tsx';
import { findEvaluationSources } from '#domain/evaluations/find-evaluation-page.server.ts';
import { getEvaluationQuestions } from '#domain/evaluations/get-evaluation-form.server.ts';
import { copyEvaluationQuestions, readQuestionRows, saveEvaluationQuestions } from '#domain/evaluations/save-evaluation-form.server.ts';
import { t } from '#lib/i18n.ts';
import { isUuid } from '#lib/ids.ts';
import { postedRowCount } from '#domain/courses/course-schema.ts';
import { EVALUATION_MAX_QUESTIONS } from '#domain/evaluations/questions.ts';
import { CourseNav } from '../courses/course-nav.tsx';
import { requireCreditCourse } from './course.server.ts';
import type { Route } from './+types/evaluation.ts';

const BLANK_ROWS = 2;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'certificates:manage');
  const { db } = services(context);
  const course = await requireCreditCourse(db, org.id, params.courseId);
  const form = await getEvaluationQuestions(db, course);
  const sources = await findEvaluationSources(db, { organizationId: org.id, courseId: course.id });
  return {
    base: `/o/${org.slug}/admin/courses/${course.id}`,
    title: course.title,
    saved: form.saved,
    questions: form.questions.map((q) => ({ key: q.key, kind: q.kind, text: q.text, required: q.required })),
    sources: sources.map((s) => ({ value: s.id, label: s.title })),
    results: await findEvaluationResults(db, course),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor } = await requirePermission(request, context, params.org, 'certificates:manage');
  const { db } = services(context);
  const course = await requireCreditCourse(db, org.id, params.courseId);
  const values = formValues(await request.formData());
  const where = { organizationId: org.id, courseId: course.id };
  try {
    if (values.intent === 'copy') {
      if (!isUuid(values.fromCourseId)) return data({ intent: 'copy', errors: { fromCourseId: t('evaluationStaff.chooseCourse') }, values, alert: undefined, done: undefined }, { status: 400 });
      await copyEvaluationQuestions(db, actor, { ...where, fromCourseId: values.fromCourseId! });
      return { intent: 'copy', errors: {}, values: undefined, alert: undefined, done: t('evaluationStaff.copied') };
    }
    const read = readQuestionRows(values, { required: t('form.required'), tooLong: t('form.tooLong', { max: 500 }), none: t('evaluationStaff.none') });
    if (!read.ok) return data({ intent: 'save', errors: read.errors, values, alert: undefined, done: undefined }, { status: 400 });
    await saveEvaluationQuestions(db, actor, { ...where, questions: read.questions });
    return { intent: 'save', errors: {}, values: undefined, alert: undefined, done: t('evaluationStaff.saved') };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return data({ intent: values.intent === 'copy' ? 'copy' : 'save', errors: {}, values, alert: errorMessage(error.code), done: undefined }, { status: 409 });
  }
}

export default function EvaluationStaff({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const errors: Record<string, string> = actionData?.errors ?? {};
  const posted: Record<string, string> | undefined = actionData?.intent === 'save' ? actionData.values : undefined;
  const count = posted ? postedRowCount(posted.rowCount, EVALUATION_MAX_QUESTIONS) : loaderData.questions.length + BLANK_ROWS;
  const row = (i: number) => {
    if (posted) return { key: posted[`rows.${i}.key`] ?? '', text: posted[`rows.${i}.text`] ?? '', kind: posted[`rows.${i}.kind`] === 'text' ? 'text' : 'scale', required: posted[`rows.${i}.required`] === 'on' };
    return loaderData.questions[i] ?? { key: '', text: '', kind: 'scale', required: true };
  };
  const labels = {
    fromCourseId: t('evaluationStaff.copyFrom'),
    ...Object.fromEntries(Array.from({ length: count }, (_, i) => [`rows.${i}.text`, t('evaluationStaff.questionN', { n: i + 1 })])),
  };
  return (
    <main id="main">
      <title>{`${t('evaluationStaff.title')}: ${loaderData.title}`}</title>
      <h1>{t('evaluationStaff.title')}</h1>
      <p className="muted">{loaderData.title}</p>
      <CourseNav base={loaderData.base} title={loaderData.title} />
      <ErrorSummary message={actionData?.alert} errors={errors} labels={labels} attempt={actionData} />
      <FormAlert message={actionData?.done} tone="success" />

      <EvaluationResultsView results={loaderData.results} csvUrl={`${loaderData.base}/evaluation.csv`} />

      <section aria-labelledby="questions-title">
        <h2 id="questions-title">{t('evaluationStaff.questionsTitle')}</h2>
        <p>{loaderData.saved ? t('evaluationStaff.savedIntro') : t('evaluationStaff.defaultIntro')}</p>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="save" />
          <input type="hidden" name="rowCount" value={count} />
          {Array.from({ length: count }, (_, i) => {
            const q = row(i);
            const name = `rows.${i}.text`;
            const error = errors[name];
            const id = error ? fieldAnchor(name) : `question-${i}-text`;
            return (
              <fieldset key={i} className="price-row">
                <legend>{t('evaluationStaff.questionN', { n: i + 1 })}</legend>
                <input type="hidden" name={`rows.${i}.key`} value={q.key} />
                <div className="field">
                  <label htmlFor={id}>{t('evaluationStaff.text')}</label>
                  <input id={id} name={name} defaultValue={q.text} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
                  {error ? (
                    <span className="error" id={`${id}-error`}>
                      {error}
                    </span>
                  ) : null}
                </div>
                <div className="field">
                  <label htmlFor={`question-${i}-kind`}>{t('evaluationStaff.kind')}</label>
                  <select id={`question-${i}-kind`} name={`rows.${i}.kind`} defaultValue={q.kind}>
                    <option value="scale">{t('evaluationStaff.kindScale')}</option>
                    <option value="text">{t('evaluationStaff.kindText')}</option>
                  </select>
                </div>
                <span className="choice">
                  <input id={`question-${i}-required`} type="checkbox" name={`rows.${i}.required`} defaultChecked={q.required} />{' '}
                  <label htmlFor={`question-${i}-required`}>{t('evaluationStaff.required')}</label>
                </span>
              </fieldset>
            );
          })}
          <p className="muted">{t('evaluationStaff.rowsHint')}</p>
          <div>
            <button type="submit" disabled={busy}>
              {t('evaluationStaff.save')}
            </button>
          </div>
        </Form>
        {loaderData.sources.length > 0 ? (
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="copy" />
            <h3>{t('evaluationStaff.copyTitle')}</h3>
            <SelectField name="fromCourseId" label={t('evaluationStaff.copyFrom')} options={loaderData.sources} placeholder={t('evaluationStaff.choose')} error={errors.fromCourseId} />
            <div>
              <button type="submit" className="secondary" disabled={busy}>
                {t('evaluationStaff.copy')}
              </button>
            </div>
          </Form>
        ) : null}
      </section>
    </main>
  );
}

