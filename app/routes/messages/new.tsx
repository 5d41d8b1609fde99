// Writing a message to a filtered set of a course's people: the filters are a GET form (the
// count of who matches updates as they change, and without JavaScript with a button), the
// message a POST form carrying the same filters, with a preview as a real recipient reads it,
// a test to oneself, sending now, or scheduling relative to the course's dates.
import { data, Form, redirect, useActionData, useNavigation, useSubmit } from 'react-router';
import { RadioGroup, SelectField, TextAreaField } from '#app/components/choices.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { Field } from '#app/components/field.tsx';
import { errorMessage, fieldMessage } from '#app/lib/error-messages.ts';
import { parseForm } from '#app/lib/forms.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { useSchemaForm } from '#app/lib/use-schema-form.ts';
import { requireCourse } from '#app/routes/courses/course-access.server.ts';
import { CourseNav } from '#app/routes/courses/course-nav.tsx';
import { DomainError } from '#domain/errors.ts';
import { findMessageCategories } from '#domain/messages/course-options.server.ts';
import { FILTER_STATUSES, filterParams, MISSING_FILTERS, parseRecipientFilter, PAYMENT_FILTERS } from '#domain/messages/filter.ts';
import { findMatchingRecipients } from '#domain/messages/recipients.server.ts';
import { renderCourseMessage } from '#domain/messages/render.ts';
import { scheduleCourseMessage, sendCourseMessage, sendTestMessage } from '#domain/messages/write-message.server.ts';
import { formatDate, t } from '#lib/i18n.ts';
import { draftSchema, placeholderList, scheduleSchema } from './message-form.ts';
import type { Route } from './+types/new.ts';

const SHOWN = 12;

const labels = () => ({
  subject: t('courseMessages.subject'),
  body: t('courseMessages.body'),
  offsetDays: t('courseMessages.offsetDays'),
  direction: t('courseMessages.direction'),
  anchor: t('courseMessages.anchor'),
  localTime: t('courseMessages.localTime'),
});

async function load(request: Request, context: Route.LoaderArgs['context'], params: Route.LoaderArgs['params']) {
  const guard = await requirePermission(request, context, params.org, 'course_messages:send');
  const { db } = services(context);
  const course = await requireCourse(db, guard.org.id, params.courseId);
  const categories = await findMessageCategories(db, guard.org.id, course.id);
  return { ...guard, db, course, categories };
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, user, db, course, categories } = await load(request, context, params);
  const filter = parseRecipientFilter(new URL(request.url).searchParams, categories.map((c) => c.key));
  const matching = await findMatchingRecipients(db, org.id, course.id, filter);
  return {
    base: `/o/${org.slug}/admin/courses/${course.id}`,
    course: { title: course.title, startsOn: course.startsOn, endsOn: course.endsOn, timeZone: course.timeZone },
    categories,
    filter,
    hidden: filterParams(filter),
    count: matching.length,
    shown: matching.slice(0, SHOWN).map((r) => ({ id: r.registrationId, name: r.name, status: r.status })),
    options: matching.map((r) => ({ value: r.registrationId, label: r.name })),
    me: user.email,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, user, actor, db, course, categories } = await load(request, context, params);
  const { jobs, publicUrl } = services(context);
  const form = await request.formData();
  const intent = form.get('intent');
  const filter = parseRecipientFilter(form, categories.map((c) => c.key));
  const fail = (errors: Record<string, string>, values: Record<string, string>, alert: string, status: number) => data({ intent: String(intent), errors, values, alert, preview: undefined, done: undefined }, { status });

  if (intent === 'schedule') {
    const parsed = parseForm(scheduleSchema, form);
    if (!parsed.ok) return fail(parsed.errors, parsed.values, t('form.fixErrors'), 400);
    const { offsetDays, direction, anchor, localTime, subject, body } = parsed.data;
    try {
      const { messageId } = await scheduleCourseMessage(
        db,
        { organizationId: org.id, courseId: course.id, subject, body, filter, schedule: { anchor, offsetDays: direction === 'before' ? -offsetDays : offsetDays, localTime } },
        actor,
      );
      return redirect(`/o/${org.slug}/admin/courses/${course.id}/messages/${messageId}`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const errors = Object.fromEntries(Object.entries(error.fields).map(([f, code]) => [f, fieldMessage(code)]));
      return fail(errors, parsed.values, errorMessage(error.code), 422);
    }
  }

  const parsed = parseForm(draftSchema, form);
  if (!parsed.ok) return fail(parsed.errors, parsed.values, t('form.fixErrors'), 400);
  const { subject, body, previewRegistrationId } = parsed.data;

  if (intent === 'send') {
    try {
      const { messageId } = await sendCourseMessage(db, { organizationId: org.id, courseId: course.id, subject, body, filter }, actor);
      await jobs.runCourseMessages?.();
      return redirect(`/o/${org.slug}/admin/courses/${course.id}/messages/${messageId}`);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'MESSAGE_NO_RECIPIENTS') return fail({}, parsed.values, errorMessage(error.code), 422);
      throw error;
    }
  }

  // Preview and test: as one real recipient of the filtered set reads it (the chosen one, else the first).
  const matching = await findMatchingRecipients(db, org.id, course.id, filter);
  const sample = matching.find((r) => r.registrationId === previewRegistrationId) ?? matching[0] ?? null;
  if (intent === 'test') {
    const id = await sendTestMessage(db, { organizationId: org.id, courseId: course.id, subject, body, to: user.email, sample, publicUrl }, actor);
    await jobs.deliverEmails([id]);
    return { intent, errors: {}, values: parsed.values, alert: undefined, preview: undefined, done: t('courseMessages.testSent', { email: user.email }) };
  }
  if (intent === 'preview') {
    const recipient = sample ?? { name: 'Sample Person', balanceMinor: 0, currency: course.currency };
    const email = renderCourseMessage({ subject, body }, { publicUrl, org, course, recipient });
    return { intent, errors: {}, values: parsed.values, alert: undefined, preview: { name: recipient.name, subject: email.subject, text: email.text }, done: undefined };
  }
  throw data(null, { status: 400 });
}

export default function NewCourseMessage({ loaderData }: Route.ComponentProps) {
  const { base, course, categories, filter, hidden, count, shown, options, me } = loaderData;
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const submit = useSubmit();
  const isSchedule = actionData?.intent === 'schedule';
  const form = useSchemaForm(draftSchema, isSchedule ? undefined : actionData?.errors, isSchedule ? undefined : actionData?.alert);
  const scheduleForm = useSchemaForm(scheduleSchema, isSchedule ? actionData?.errors : undefined, isSchedule ? actionData?.alert : undefined);
  const typed: Record<string, string> = actionData?.values ?? {};
  const errors = { ...form.errors, ...scheduleForm.errors };
  return (
    <main id="main">
      <title>{`${t('courseMessages.newTitle')}: ${course.title}`}</title>
      <h1>{t('courseMessages.newTitle')}</h1>
      <p className="muted">{course.title}</p>
      <CourseNav base={base} title={course.title} />
      <ErrorSummary message={form.message ?? scheduleForm.message} errors={errors} labels={labels()} attempt={actionData} />
      {actionData?.done ? (
        <p className="notice" role="status">
          {actionData.done}
        </p>
      ) : null}

      <section aria-labelledby="who">
        <h2 id="who">{t('courseMessages.whoTitle')}</h2>
        <Form method="get" className="stack" onChange={(event) => submit(event.currentTarget, { replace: true, preventScrollReset: true })}>
          <fieldset className="field">
            <legend>{t('courseMessages.statuses')}</legend>
            <p className="hint">{t('courseMessages.statusesHint')}</p>
            {FILTER_STATUSES.map((status) => (
              <div className="checkbox-row" key={status}>
                <input type="checkbox" id={`status-${status}`} name="status" value={status} defaultChecked={filter.statuses.includes(status)} />
                <label htmlFor={`status-${status}`}>{t(`registration.status_${status}`)}</label>
              </div>
            ))}
          </fieldset>
          {categories.length > 0 ? (
            <fieldset className="field">
              <legend>{t('courseMessages.categories')}</legend>
              <p className="hint">{t('courseMessages.categoriesHint')}</p>
              {categories.map((c) => (
                <div className="checkbox-row" key={c.key}>
                  <input type="checkbox" id={`category-${c.key}`} name="category" value={c.key} defaultChecked={filter.categoryKeys.includes(c.key)} />
                  <label htmlFor={`category-${c.key}`}>{c.label}</label>
                </div>
              ))}
            </fieldset>
          ) : null}
          <RadioGroup name="payment" legend={t('courseMessages.payment')} defaultValue={filter.payment} options={PAYMENT_FILTERS.map((p) => ({ value: p, label: t(`courseMessages.payment_${p}`) }))} />
          <RadioGroup name="missing" legend={t('courseMessages.missing')} defaultValue={filter.missing} options={MISSING_FILTERS.map((m) => ({ value: m, label: t(`courseMessages.missing_${m}`) }))} />
          <div>
            <button type="submit" className="secondary">
              {t('courseMessages.updateCount')}
            </button>
          </div>
        </Form>
        <div aria-live="polite" aria-atomic="true">
          <p data-testid="recipient-count">
            <strong>{count === 0 ? t('courseMessages.countNone') : t('courseMessages.count', { count })}</strong>
          </p>
        </div>
        {shown.length > 0 ? (
          <details>
            <summary>{t('courseMessages.matching')}</summary>
            <ul>
              {shown.map((r) => (
                <li key={r.id}>
                  {r.name} ({t(`registration.status_${r.status}`)})
                </li>
              ))}
            </ul>
            {count > shown.length ? <p>{t('courseMessages.andMore', { count: count - shown.length })}</p> : null}
          </details>
        ) : null}
      </section>

      <section aria-labelledby="what">
        <h2 id="what">{t('courseMessages.messageTitle')}</h2>
        <Form method="post" className="stack" noValidate>
          {hidden.map(([name, value]) => (
            <input key={`${name}=${value}`} type="hidden" name={name} value={value} />
          ))}
          <Field name="subject" label={t('courseMessages.subject')} defaultValue={typed.subject} error={errors.subject} required />
          <TextAreaField name="body" label={t('courseMessages.body')} rows={10} hint={t('courseMessages.bodyHint', { list: placeholderList() })} defaultValue={typed.body} error={errors.body} />
          {options.length > 0 ? (
            <SelectField name="previewRegistrationId" label={t('courseMessages.previewAs')} hint={t('courseMessages.previewAsHint')} options={options} defaultValue={typed.previewRegistrationId} />
          ) : null}
          <div className="actions">
            <button type="submit" name="intent" value="preview" className="secondary" disabled={busy} onClick={(e) => form.onSubmit(toFormEvent(e))}>
              {t('courseMessages.preview')}
            </button>
            <button type="submit" name="intent" value="test" className="secondary" disabled={busy} onClick={(e) => form.onSubmit(toFormEvent(e))}>
              {t('courseMessages.sendTest', { email: me })}
            </button>
            <button type="submit" name="intent" value="send" disabled={busy || count === 0} onClick={(e) => form.onSubmit(toFormEvent(e))}>
              {t('courseMessages.sendNow', { count })}
            </button>
          </div>
          {actionData?.preview ? (
            <div role="status">
            <section aria-labelledby="preview" className="notice">
              <h3 id="preview">{t('courseMessages.previewTitle', { name: actionData.preview.name })}</h3>
              <p>
                <strong>{t('courseMessages.previewSubject', { subject: actionData.preview.subject })}</strong>
              </p>
              <pre className="mail-text">{actionData.preview.text}</pre>
            </section>
            </div>
          ) : null}

          <fieldset className="field">
            <legend>{t('courseMessages.scheduleTitle')}</legend>
            <p className="hint">{t('courseMessages.scheduleHint', { zone: course.timeZone })}</p>
            <Field name="offsetDays" type="number" label={t('courseMessages.offsetDays')} defaultValue={typed.offsetDays ?? '14'} error={errors.offsetDays} />
            <SelectField
              name="direction"
              label={t('courseMessages.direction')}
              defaultValue={typed.direction ?? 'before'}
              options={[
                { value: 'before', label: t('courseMessages.direction_before') },
                { value: 'after', label: t('courseMessages.direction_after') },
              ]}
              error={errors.direction}
            />
            <SelectField
              name="anchor"
              label={t('courseMessages.anchor')}
              defaultValue={typed.anchor ?? 'starts_on'}
              options={[
                { value: 'starts_on', label: t('courseMessages.anchor_starts_on', { date: formatDate(course.startsOn) }) },
                { value: 'ends_on', label: t('courseMessages.anchor_ends_on', { date: formatDate(course.endsOn) }) },
              ]}
              error={errors.anchor}
            />
            <Field name="localTime" label={t('courseMessages.localTime')} defaultValue={typed.localTime ?? '09:00'} error={errors.localTime} />
            <div>
              <button type="submit" name="intent" value="schedule" className="secondary" disabled={busy} onClick={(e) => scheduleForm.onSubmit(toFormEvent(e))}>
                {t('courseMessages.schedule')}
              </button>
            </div>
          </fieldset>
        </Form>
      </section>
    </main>
  );
}

/** A submit button's click checked like its form's submit (the button decides which schema). */
function toFormEvent(event: React.MouseEvent<HTMLButtonElement>): React.FormEvent<HTMLFormElement> {
  const form = event.currentTarget.form!;
  return { currentTarget: form, preventDefault: () => event.preventDefault() } as unknown as React.FormEvent<HTMLFormElement>;
}

