import { data, Form, useActionData, useNavigation } from 'react-router';
import { fieldAnchor, FormAlert } from '#app/components/field.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { errorMessage } from '#app/lib/error-messages.ts';
import { formValues } from '#app/lib/forms.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { parseQuestionRows, QUESTION_TYPES, questionRowCount } from '#domain/courses/course-schema.ts';
import { saveQuestions } from '#domain/courses/save-questions.server.ts';
import { DomainError } from '#domain/errors.ts';
import { t } from '#lib/i18n.ts';
import { requireCourse } from './course-access.server.ts';
import { CourseNav } from './course-nav.tsx';
import { TextAreaField } from '#app/components/choices.tsx';
import type { Route } from './+types/questions.ts';

const BLANK_ROWS = 2;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'course:manage');
  const course = await requireCourse(services(context).db, org.id, params.courseId);
  return {
    base: `/o/${org.slug}/admin/courses/${course.id}`,
    title: course.title,
    attestations: course.attestations.map((a) => a.text).join('\n'),
    questions: course.customQuestions.map((q) => ({ key: q.key, label: q.label, type: q.type, required: q.required, options: (q.options ?? []).join(', ') })),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor } = await requirePermission(request, context, params.org, 'course:manage');
  const { db } = services(context);
  const course = await requireCourse(db, org.id, params.courseId);
  const values = formValues(await request.formData());
  const attestations = (values.attestations ?? '').slice(0, 20000);
  const parsed = parseQuestionRows(values, course.customQuestions);
  if (!parsed.ok) return data({ errors: parsed.errors, values, alert: t('form.fixErrors'), done: undefined }, { status: 400 });
  try {
    await saveQuestions(db, { organizationId: org.id, courseId: course.id, attestations, questions: parsed.rows }, actor);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return data({ errors: {}, values, alert: errorMessage(error.code), done: undefined }, { status: 422 });
  }
  return { errors: {}, values: undefined, alert: undefined, done: t('staffQuestions.saved') };
}

/** The typed cells of a question, in their order on the page. */
const QUESTION_CELLS = ['label', 'type', 'options'] as const;

export default function Questions({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const errors: Record<string, string> = actionData?.errors ?? {};
  const posted: Record<string, string> | undefined = actionData?.values;
  const count = posted ? questionRowCount(posted.questionCount) : loaderData.questions.length + BLANK_ROWS;
  const row = (i: number) => {
    if (posted) {
      const get = (f: string) => posted[`questions.${i}.${f}`] ?? '';
      return { key: get('key'), label: get('label'), type: get('type'), required: get('required') === 'on', options: get('options') };
    }
    return loaderData.questions[i] ?? { key: '', label: '', type: 'text', required: false, options: '' };
  };
  const described = (id: string, name: string) => (errors[name] ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {});
  const error = (id: string, name: string) =>
    errors[name] ? (
      <span className="error" id={`${id}-error`}>
        {errors[name]}
      </span>
    ) : null;
  return (
    <main id="main">
      <title>{`${t('staffQuestions.title')}: ${loaderData.title}`}</title>
      <h1>{t('staffQuestions.title')}</h1>
      <p className="muted">{loaderData.title}</p>
      <CourseNav base={loaderData.base} title={loaderData.title} />
      <ErrorSummary
        message={actionData?.alert}
        errors={errors}
        labels={Object.fromEntries(Array.from({ length: count }, (_, i) => QUESTION_CELLS.map((f) => [`questions.${i}.${f}`, `${t('staffQuestions.question', { n: i + 1 })}, ${t(`staffQuestions.${f}`)}`])).flat())}
        attempt={actionData}
      />
      <FormAlert message={actionData?.done} tone="success" />
      <Form method="post" className="stack" noValidate>
        <TextAreaField name="attestations" label={t('staffQuestions.attestations')} hint={t('staffQuestions.attestationsHint')} defaultValue={posted?.attestations ?? loaderData.attestations} />
        <p>{t('staffQuestions.intro')}</p>
        <input type="hidden" name="questionCount" value={count} />
        {Array.from({ length: count }, (_, i) => {
          const q = row(i);
          const n = (f: string) => `questions.${i}.${f}`;
          const id = (f: string) => (errors[n(f)] ? fieldAnchor(n(f)) : `question-${i}-${f}`);
          return (
            <fieldset key={i} className="stack">
              <legend>{t('staffQuestions.question', { n: i + 1 })}</legend>
              <input type="hidden" name={n('key')} value={q.key} />
              <div className="field">
                <label htmlFor={id('label')}>{t('staffQuestions.label')}</label>
                <input id={id('label')} name={n('label')} defaultValue={q.label} {...described(id('label'), n('label'))} />
                {error(id('label'), n('label'))}
              </div>
              <div className="field">
                <label htmlFor={id('type')}>{t('staffQuestions.type')}</label>
                <select id={id('type')} name={n('type')} defaultValue={q.type} {...described(id('type'), n('type'))}>
                  {QUESTION_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {t(`staffQuestions.type_${type}`)}
                    </option>
                  ))}
                </select>
                {error(id('type'), n('type'))}
              </div>
              <div className="field">
                <label htmlFor={id('options')}>{t('staffQuestions.options')}</label>
                <span className="hint" id={`${id('options')}-hint`}>
                  {t('staffQuestions.optionsHint')}
                </span>
                <input id={id('options')} name={n('options')} defaultValue={q.options} aria-describedby={`${id('options')}-hint${errors[n('options')] ? ` ${id('options')}-error` : ''}`} aria-invalid={errors[n('options')] ? true : undefined} />
                {error(id('options'), n('options'))}
              </div>
              <span className="choice">
                <input id={id('required')} type="checkbox" name={n('required')} defaultChecked={q.required} /> <label htmlFor={id('required')}>{t('staffQuestions.required')}</label>
              </span>
            </fieldset>
          );
        })}
        <div>
          <button type="submit" disabled={busy}>
            {t('staffQuestions.save')}
          </button>
        </div>
      </Form>
    </main>
  );
}
