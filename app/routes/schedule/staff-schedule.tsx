import type { FormEvent } from 'react';
import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { CheckboxField, SelectField, TextAreaField } from '#app/components/choices.tsx';
import { DataTable } from '#app/components/data-table.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { DateField, Field, FormAlert } from '#app/components/field.tsx';
import { errorMessage, fieldMessage } from '#app/lib/error-messages.ts';
import { formValues, parseForm } from '#app/lib/forms.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { useSchemaForm } from '#app/lib/use-schema-form.ts';
import { DomainError } from '#domain/errors.ts';
import { CopyRejected, copyDay, copySchedule, findCopySources } from '#domain/schedule/copy-sessions.server.ts';
import { findStaffSchedule } from '#domain/schedule/find-schedule.server.ts';
import { datesOf, instantToLocal } from '#domain/schedule/local-time.ts';
import { setSchedulePublished } from '#domain/schedule/publish-schedule.server.ts';
import { NO_CREDIT_KINDS, SESSION_KIND_CHOICES } from '#domain/schedule/kinds.ts';
import { accreditingBodies, byDay, type SessionDraft } from '#domain/schedule/rules.ts';
import { createSession, deleteSession, SessionRejected, updateSession } from '#domain/schedule/save-session.server.ts';
import { formatDateRange, t } from '#lib/i18n.ts';
import { requireCourse } from '../courses/course-access.server.ts';
import { CourseNav } from '../courses/course-nav.tsx';
import { copyDaySchema, copyScheduleSchema, creditField, MAX_BODIES, sessionSchema, type SessionFormData } from './session-form.ts';
import { dayHeading, hoursLabel, kindLabel } from './schedule-format.ts';
import type { Route } from './+types/staff-schedule.ts';

// Staff build a course's schedule here: sessions by day (add, edit, delete), copy a day, copy a
// previous course's schedule, publish. Times are typed and shown in the course's time zone.

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'course:manage');
  const { db } = services(context);
  const course = await requireCourse(db, org.id, params.courseId);
  const [schedule, sources] = await Promise.all([findStaffSchedule(db, course), findCopySources(db, { organizationId: org.id, courseId: course.id })]);
  const local = (d: Date) => instantToLocal(d, course.timeZone);
  const sessions = schedule.sessions.map((s) => ({
    id: s.id,
    kind: s.kind,
    title: s.title,
    description: s.description,
    date: local(s.startsAt).date,
    startTime: local(s.startsAt).time,
    endTime: local(s.endsAt).time,
    room: s.room,
    onlineUrl: s.onlineUrl,
    isPublic: s.isPublic,
    creditMinutes: s.creditMinutes,
    sequence: s.sequence,
    startsAt: s.startsAt,
  }));
  const editId = new URL(request.url).searchParams.get('edit');
  return {
    base: `/o/${org.slug}/admin/courses/${course.id}`,
    title: course.title,
    dates: formatDateRange(course.startsOn, course.endsOn),
    timeZone: course.timeZone,
    days: datesOf(course.startsOn, course.endsOn),
    publicUrl: course.status === 'draft' || course.status === 'archived' ? null : `/o/${org.slug}/courses/${course.slug}`,
    publishedAt: schedule.publishedAt?.toISOString() ?? null,
    bodies: schedule.bodies.slice(0, MAX_BODIES),
    totals: schedule.totals,
    byDay: byDay(sessions, course.timeZone).map((d) => ({ date: d.date, sessions: d.sessions.map(({ startsAt: _s, ...rest }) => rest) })),
    editing: sessions.find((s) => s.id === editId) ?? null,
    sources: sources.map((s) => ({ id: s.id, label: `${s.title} (${formatDateRange(s.startsOn, s.endsOn)})` })),
  };
}

type Errors = Record<string, string>;

function draftFrom(form: SessionFormData, bodies: string[]): SessionDraft {
  const typed = form as unknown as Record<string, string>;
  return {
    kind: form.kind,
    title: form.title,
    description: form.description,
    date: form.date,
    startTime: form.startTime,
    endTime: form.endTime,
    room: form.room,
    onlineUrl: form.onlineUrl,
    isPublic: form.isPublic === 'on',
    creditMinutes: Object.fromEntries(bodies.map((b, i) => [b, typed[creditField(i)] ? Number(typed[creditField(i)]) : null])),
  };
}

/** A refused session in words, the overlapping session named. */
function sessionErrors(error: SessionRejected, timeZone: string): Errors {
  return Object.fromEntries(
    Object.entries(error.fields).map(([field, code]) => {
      if (code === 'SESSION_OVERLAPS' && error.overlapping) {
        const o = error.overlapping;
        return [field, t('scheduleErrors.overlapsNamed', { title: o.title, start: instantToLocal(o.startsAt, timeZone).time, end: instantToLocal(o.endsAt, timeZone).time })];
      }
      return [field, fieldMessage(code)];
    }),
  );
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor } = await requirePermission(request, context, params.org, 'course:manage');
  const { db } = services(context);
  const course = await requireCourse(db, org.id, params.courseId);
  const scope = { organizationId: org.id, courseId: course.id };
  const formData = await request.formData();
  const intent = String(formData.get('intent') ?? '');
  const typed = formValues(formData);
  const refuse = (errors: Errors, alert: string, status = 422) => data({ intent, errors, typed, alert, done: undefined, failures: [] as string[], savedId: '' }, { status });
  // `savedId` changes with every save, so the session form starts afresh after one.
  const done = (message: string, savedId = '') => ({ intent, errors: {} as Errors, typed: {} as Record<string, string>, alert: undefined, done: message, failures: [] as string[], savedId });
  const bodies = accreditingBodies(course.accreditation).slice(0, MAX_BODIES);
  try {
    switch (intent) {
      case 'create':
      case 'update': {
        const parsed = parseForm(sessionSchema, formData);
        if (!parsed.ok) return refuse(parsed.errors, t('form.fixErrors'), 400);
        const draft = draftFrom(parsed.data, bodies);
        if (intent === 'create') {
          const created = await createSession(db, scope, draft, actor);
          return done(t('staffSchedule.added', { title: created.title }), created.id);
        }
        const updated = await updateSession(db, scope, String(formData.get('sessionId') ?? ''), draft, actor);
        return done(t('staffSchedule.updated', { title: updated.title }), `${updated.id}-${updated.updatedAt.getTime()}`);
      }
      case 'delete': {
        const deleted = await deleteSession(db, scope, String(formData.get('sessionId') ?? ''), actor);
        return done(t('staffSchedule.deleted', { title: deleted.title }));
      }
      case 'copyDay': {
        const parsed = parseForm(copyDaySchema, formData);
        if (!parsed.ok) return refuse(parsed.errors, t('form.fixErrors'), 400);
        const count = await copyDay(db, scope, parsed.data, actor);
        return done(t('staffSchedule.dayCopied', { count, day: dayHeading(parsed.data.toDate) }));
      }
      case 'copySchedule': {
        const parsed = parseForm(copyScheduleSchema, formData);
        if (!parsed.ok) return refuse(parsed.errors, t('form.fixErrors'), 400);
        const count = await copySchedule(db, scope, parsed.data, actor);
        return done(t('staffSchedule.scheduleCopied', { count }));
      }
      case 'publish':
      case 'unpublish': {
        await setSchedulePublished(db, scope, intent === 'publish', actor);
        return done(t(intent === 'publish' ? 'staffSchedule.publishedDone' : 'staffSchedule.unpublishedDone'));
      }
      default:
        return refuse({}, t('form.fixErrors'), 400);
    }
  } catch (error) {
    if (error instanceof SessionRejected) return refuse(sessionErrors(error, course.timeZone), t('form.fixErrors'));
    if (error instanceof CopyRejected) {
      const local = (d: Date) => instantToLocal(d, course.timeZone).time;
      const problem = (f: (typeof error.failures)[number]) =>
        f.overlapping ? t('scheduleErrors.overlapsNamed', { title: f.overlapping.title, start: local(f.overlapping.startsAt), end: local(f.overlapping.endsAt) }) : fieldMessage(f.problem);
      const failures = error.failures.map((f) => t('staffSchedule.copyFailure', { title: f.title, day: dayHeading(f.date), time: f.startTime, problem: problem(f) }));
      return data({ intent, errors: { [Object.keys(error.fields)[0]!]: errorMessage(error.code) }, typed, alert: errorMessage(error.code), done: undefined, failures, savedId: '' }, { status: 422 });
    }
    if (!(error instanceof DomainError)) throw error;
    const errors = Object.fromEntries(Object.entries(error.fields).map(([f, code]) => [f, fieldMessage(code)]));
    return refuse(errors, errorMessage(error.code));
  }
}

function SessionForm({
  bodies,
  days,
  editing,
  errors,
  onSubmit,
  typed,
  busy,
  base,
}: {
  bodies: string[];
  days: string[];
  editing: { id: string; kind: string; title: string; description: string; date: string; startTime: string; endTime: string; room: string; onlineUrl: string; isPublic: boolean; creditMinutes: Record<string, number> } | null;
  errors: Errors;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  typed: Record<string, string> | undefined;
  busy: boolean;
  base: string;
}) {
  const value = (name: string, fallback: string) => typed?.[name] ?? fallback;
  return (
    <Form method="post" className="stack" noValidate onSubmit={onSubmit} aria-labelledby="session-form-heading">
      <input type="hidden" name="intent" value={editing ? 'update' : 'create'} />
      {editing ? <input type="hidden" name="sessionId" value={editing.id} /> : null}
      <SelectField
        name="kind"
        label={t('staffSchedule.kind')}
        defaultValue={value('kind', editing?.kind ?? 'small_group')}
        options={SESSION_KIND_CHOICES.map((k) => ({ value: k, label: kindLabel(k) }))}
        error={errors.kind}
      />
      <Field name="title" label={t('staffSchedule.sessionTitle')} defaultValue={value('title', editing?.title ?? '')} error={errors.title} required />
      <DateField name="date" label={t('staffSchedule.date')} hint={t('staffSchedule.dateHint', { first: days[0], last: days[days.length - 1] })} defaultValue={value('date', editing?.date ?? days[0] ?? '')} error={errors.date} required />
      <Field name="startTime" label={t('staffSchedule.startTime')} hint={t('staffSchedule.timeHint')} defaultValue={value('startTime', editing?.startTime ?? '')} error={errors.startTime} required />
      <Field name="endTime" label={t('staffSchedule.endTime')} hint={t('staffSchedule.timeHint')} defaultValue={value('endTime', editing?.endTime ?? '')} error={errors.endTime} required />
      <Field name="room" label={t('staffSchedule.room')} hint={t('staffSchedule.roomHint')} defaultValue={value('room', editing?.room ?? '')} error={errors.room} />
      <Field name="onlineUrl" type="url" label={t('staffSchedule.onlineUrl')} hint={t('staffSchedule.onlineUrlHint')} defaultValue={value('onlineUrl', editing?.onlineUrl ?? '')} error={errors.onlineUrl} />
      <TextAreaField name="description" label={t('staffSchedule.description')} hint={t('staffSchedule.descriptionHint')} defaultValue={value('description', editing?.description ?? '')} error={errors.description} rows={3} />
      {bodies.length > 0 ? (
        <fieldset>
          <legend>{t('staffSchedule.credit')}</legend>
          <p className="hint">{t('staffSchedule.creditHint', { none: NO_CREDIT_KINDS.map(kindLabel).join(', ') })}</p>
          {bodies.map((body, i) => (
            <Field
              key={body}
              name={creditField(i)}
              type="number"
              label={t('staffSchedule.creditFor', { body })}
              defaultValue={value(creditField(i), editing ? String(editing.creditMinutes[body] ?? 0) : '')}
              error={errors[creditField(i)]}
            />
          ))}
        </fieldset>
      ) : null}
      <CheckboxField name="isPublic" label={t('staffSchedule.isPublic')} hint={t('staffSchedule.isPublicHint')} defaultChecked={typed ? typed.isPublic === 'on' : (editing?.isPublic ?? true)} />
      <div className="button-row">
        <button type="submit" disabled={busy}>
          {editing ? t('staffSchedule.save') : t('staffSchedule.add')}
        </button>
        {editing ? (
          <Link to={`${base}/schedule`} className="button secondary">
            {t('staffSchedule.cancelEdit')}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

export default function StaffSchedule({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const { bodies, editing, base } = loaderData;
  const sessionIntent = actionData?.intent === 'create' || actionData?.intent === 'update';
  const errors: Errors = actionData?.errors ?? {};
  // The session form checks in the browser too; the page's one error summary shows either.
  const sessionForm = useSchemaForm(sessionSchema, sessionIntent ? errors : undefined, sessionIntent ? actionData?.alert : undefined);
  const shownErrors: Errors = sessionIntent ? sessionForm.errors : { ...errors, ...sessionForm.errors };
  const labels: Record<string, string> = {
    kind: t('staffSchedule.kind'),
    title: t('staffSchedule.sessionTitle'),
    date: t('staffSchedule.date'),
    startTime: t('staffSchedule.startTime'),
    endTime: t('staffSchedule.endTime'),
    room: t('staffSchedule.room'),
    onlineUrl: t('staffSchedule.onlineUrl'),
    description: t('staffSchedule.description'),
    ...Object.fromEntries(bodies.map((b, i) => [creditField(i), t('staffSchedule.creditFor', { body: b })])),
    fromDate: t('staffSchedule.fromDate'),
    toDate: t('staffSchedule.toDate'),
    sourceCourseId: t('staffSchedule.sourceCourse'),
  };
  const dayOptions = loaderData.days.map((d) => ({ value: d, label: dayHeading(d) }));
  // After a successful edit the form goes back to "add"; a failed one keeps what was typed.
  const keepTyped = actionData?.alert && sessionIntent ? actionData.typed : undefined;
  return (
    <main id="main">
      <title>{`${t('staffSchedule.title')}: ${loaderData.title}`}</title>
      <h1>{t('staffSchedule.title')}</h1>
      <p className="muted">
        {loaderData.title} · {loaderData.dates} · {t('staffSchedule.zone', { zone: loaderData.timeZone })}
      </p>
      <CourseNav base={base} title={loaderData.title} />
      <ErrorSummary message={sessionIntent ? sessionForm.message : actionData?.alert} errors={shownErrors} labels={labels} attempt={actionData}>
        {actionData?.failures && actionData.failures.length > 0 ? (
          <ul>
            {actionData.failures.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        ) : null}
      </ErrorSummary>
      <FormAlert message={actionData?.done} tone="success" />

      <section aria-labelledby="publication">
        <h2 id="publication">{t('staffSchedule.publication')}</h2>
        <p role="status">{loaderData.publishedAt ? t('staffSchedule.isPublished') : t('staffSchedule.isDraft')}</p>
        <Form method="post">
          <input type="hidden" name="intent" value={loaderData.publishedAt ? 'unpublish' : 'publish'} />
          <button type="submit" className={loaderData.publishedAt ? 'secondary' : undefined} disabled={busy}>
            {loaderData.publishedAt ? t('staffSchedule.unpublish') : t('staffSchedule.publish')}
          </button>
        </Form>
        {loaderData.publishedAt && loaderData.publicUrl ? (
          <p>
            <Link to={loaderData.publicUrl}>{t('staffSchedule.publicPage')}</Link> · <a href={`${loaderData.publicUrl}/schedule.ics`}>{t('staffSchedule.publicFeed')}</a>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="credit-totals">
        <h2 id="credit-totals">{t('staffSchedule.creditTotals')}</h2>
        {loaderData.totals.length === 0 ? (
          <p>{t('staffSchedule.noBodies')}</p>
        ) : (
          <ul>
            {loaderData.totals.map((c) => (
              <li key={c.body}>
                <strong>{c.body}</strong> {hoursLabel(c.minutes)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="sessions">
        <h2 id="sessions">{t('staffSchedule.sessions')}</h2>
        {loaderData.byDay.length === 0 ? <p>{t('staffSchedule.none')}</p> : null}
        {loaderData.byDay.map((day) => (
          <DataTable key={day.date} caption={dayHeading(day.date)}>
            <thead>
              <tr>
                <th scope="col">{t('schedule.time')}</th>
                <th scope="col">{t('schedule.session')}</th>
                <th scope="col">{t('schedule.kind')}</th>
                <th scope="col">{t('schedule.room')}</th>
                <th scope="col">{t('staffSchedule.creditCol')}</th>
                <th scope="col">{t('staffSchedule.publicCol')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('staffSchedule.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {day.sessions.map((s) => (
                <tr key={s.id}>
                  <td className="time-range">
                    {s.startTime}–{s.endTime}
                  </td>
                  <th scope="row">{s.title}</th>
                  <td>{kindLabel(s.kind)}</td>
                  <td>{s.room || (s.onlineUrl ? t('schedule.online') : '')}</td>
                  <td>{bodies.map((b) => (s.creditMinutes[b] ? `${b} ${s.creditMinutes[b]} min` : null)).filter(Boolean).join(', ') || '—'}</td>
                  <td>{s.isPublic ? t('staffSchedule.yes') : t('staffSchedule.no')}</td>
                  <td className="row-actions">
                    <div className="button-row">
                      <Link to={`${base}/schedule?edit=${s.id}#session-form-heading`} aria-label={t('staffSchedule.editLabel', { title: s.title, time: s.startTime })}>
                        {t('staffSchedule.edit')}
                      </Link>
                      <Form method="post">
                        <input type="hidden" name="intent" value="delete" />
                        <input type="hidden" name="sessionId" value={s.id} />
                        <button type="submit" className="secondary" disabled={busy} aria-label={t('staffSchedule.deleteLabel', { title: s.title, time: s.startTime })}>
                          {t('staffSchedule.delete')}
                        </button>
                      </Form>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        ))}
      </section>

      <section aria-labelledby="session-form-heading">
        <h2 id="session-form-heading" tabIndex={-1}>
          {editing ? t('staffSchedule.editHeading', { title: editing.title }) : t('staffSchedule.addHeading')}
        </h2>
        <SessionForm
          key={`${editing?.id ?? 'new'} ${actionData?.savedId ?? ''}`}
          bodies={bodies}
          days={loaderData.days}
          editing={editing}
          errors={sessionForm.errors}
          onSubmit={sessionForm.onSubmit}
          typed={keepTyped}
          busy={busy}
          base={base}
        />
      </section>

      <section aria-labelledby="copy-day">
        <h2 id="copy-day">{t('staffSchedule.copyDay')}</h2>
        <p>{t('staffSchedule.copyDayIntro')}</p>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="copyDay" />
          <SelectField name="fromDate" label={t('staffSchedule.fromDate')} options={dayOptions} defaultValue={actionData?.intent === 'copyDay' ? actionData.typed.fromDate : undefined} error={actionData?.intent === 'copyDay' ? errors.fromDate : undefined} />
          <SelectField name="toDate" label={t('staffSchedule.toDate')} options={dayOptions} defaultValue={actionData?.intent === 'copyDay' ? actionData.typed.toDate : loaderData.days[1]} error={actionData?.intent === 'copyDay' ? errors.toDate : undefined} />
          <div>
            <button type="submit" className="secondary" disabled={busy}>
              {t('staffSchedule.copyDayButton')}
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="copy-schedule">
        <h2 id="copy-schedule">{t('staffSchedule.copySchedule')}</h2>
        {loaderData.sources.length === 0 ? (
          <p>{t('staffSchedule.noSources')}</p>
        ) : (
          <>
            <p>{t('staffSchedule.copyScheduleIntro')}</p>
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="copySchedule" />
              <SelectField name="sourceCourseId" label={t('staffSchedule.sourceCourse')} options={loaderData.sources.map((s) => ({ value: s.id, label: s.label }))} error={actionData?.intent === 'copySchedule' ? errors.sourceCourseId : undefined} />
              <div>
                <button type="submit" className="secondary" disabled={busy}>
                  {t('staffSchedule.copyScheduleButton')}
                </button>
              </div>
            </Form>
          </>
        )}
      </section>
    </main>
  );
}
