// Staff record and verify leaders' Balint leadership training (issue 14): a person by their
// account's email, the kind, a description, optionally one of the organization's past
// intensives — and, in one step, "attended the intensive" for those whose registration for a
// past intensive was attended.
import { Temporal } from 'temporal-polyfill';
import { data, Form, useActionData, useNavigation } from 'react-router';
import { z } from 'zod';
import { CheckboxField, SelectField } from '#app/components/choices.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { DateField, Field } from '#app/components/field.tsx';
import { errorMessage, fieldMessage } from '#app/lib/error-messages.ts';
import { parseForm } from '#app/lib/forms.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { TRAINING_KINDS } from '#domain/directory/vocabulary.ts';
import { findIntensiveAttendees, findPastIntensives, findTrainings, recordTraining, setTrainingVerified } from '#domain/directory/trainings.server.ts';
import { DomainError } from '#domain/errors.ts';
import { isCalendarDate } from '#lib/dates.ts';
import { formatDate, t } from '#lib/i18n.ts';
import type { Route } from './+types/staff-trainings.ts';

const recordSchema = z.object({
  intent: z.literal('record'),
  email: z.email().max(200),
  kind: z.enum(TRAINING_KINDS, { error: t('form.invalidChoice') }),
  description: z.string().trim().min(1).max(300),
  courseId: z.union([z.literal(''), z.uuid()]).default(''),
  completedOn: z
    .string()
    .trim()
    .refine((v) => v === '' || isCalendarDate(v), t('directory.form.dateFormat'))
    .default(''),
  verified: z.literal('yes').optional(),
});

const LABELS = { email: t('directoryStaff.email'), kind: t('directoryStaff.kind'), description: t('directoryStaff.description'), courseId: t('directoryStaff.course'), completedOn: t('directoryStaff.completedOn') };

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'directory:manage');
  const db = services(context).db;
  const today = Temporal.Now.plainDateISO(org.timeZone).toString();
  const [trainings, attendees, courses] = await Promise.all([findTrainings(db, org.id), findIntensiveAttendees(db, org.id, today), findPastIntensives(db, org.id, today)]);
  return {
    kinds: TRAINING_KINDS,
    courses: courses.map((c) => ({ value: c.id, label: c.title })),
    attendees: attendees.map((a) => ({ key: `${a.userId}:${a.courseId}`, userId: a.userId, name: a.name, courseId: a.courseId, course: a.courseTitle, endsOn: a.endsOn })),
    trainings: trainings.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      kind: r.kind,
      description: r.description,
      course: r.courseTitle,
      completedOn: r.completedOn ? formatDate(r.completedOn) : null,
      verified: r.verifiedAt !== null,
    })),
  };
}

const attendedSchema = z.object({ intent: z.literal('attended'), userId: z.string().min(1).max(100), courseId: z.uuid() });
const verifySchema = z.object({ intent: z.enum(['verify', 'unverify']), trainingId: z.uuid() });

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor } = await requirePermission(request, context, params.org, 'directory:manage');
  const db = services(context).db;
  const formData = await request.formData();
  const intent = formData.get('intent');
  const refuse = (alert: string, status = 400, errors: Record<string, string> = {}, values: Record<string, string> = {}) => data({ ok: false as const, alert, errors, values, notice: undefined }, { status });
  try {
    if (intent === 'verify' || intent === 'unverify') {
      const parsed = verifySchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) return refuse(t('form.invalidChoice'));
      await setTrainingVerified(db, { organizationId: org.id, trainingId: parsed.data.trainingId, verified: intent === 'verify' }, actor);
      return { ok: true as const, alert: undefined, errors: {}, values: {}, notice: intent === 'verify' ? t('directoryStaff.verifiedNotice') : t('directoryStaff.unverifiedNotice') };
    }
    if (intent === 'attended') {
      const parsed = attendedSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) return refuse(t('form.invalidChoice'));
      const today = Temporal.Now.plainDateISO(org.timeZone).toString();
      const attendee = (await findIntensiveAttendees(db, org.id, today)).find((a) => a.userId === parsed.data.userId && a.courseId === parsed.data.courseId);
      if (!attendee) return refuse(errorMessage('DIRECTORY_PERSON_NOT_FOUND'), 404);
      await recordTraining(
        db,
        { organizationId: org.id, email: attendee.email, kind: 'intensive', description: attendee.courseTitle, courseId: attendee.courseId, completedOn: attendee.endsOn, verified: true },
        actor,
      );
      return { ok: true as const, alert: undefined, errors: {}, values: {}, notice: t('directoryStaff.recorded') };
    }
    const parsed = parseForm(recordSchema, formData);
    if (!parsed.ok) return refuse(t('form.fixErrors'), 400, parsed.errors, parsed.values);
    const v = parsed.data;
    await recordTraining(db, { organizationId: org.id, email: v.email, kind: v.kind, description: v.description, courseId: v.courseId || null, completedOn: v.completedOn || null, verified: v.verified === 'yes' }, actor);
    return { ok: true as const, alert: undefined, errors: {}, values: {}, notice: t('directoryStaff.recorded') };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const errors = Object.fromEntries(Object.entries(error.fields).map(([field, code]) => [field, fieldMessage(code)]));
    return refuse(errorMessage(error.code), error.code.endsWith('NOT_FOUND') && Object.keys(errors).length === 0 ? 404 : 409, errors, Object.fromEntries([...formData].map(([k, val]) => [k, String(val)])));
  }
}

export default function StaffTrainings({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const errors: Record<string, string> = actionData?.errors ?? {};
  const values: Record<string, string> = actionData?.ok === false ? actionData.values : {};
  return (
    <main id="main">
      <title>{t('directoryStaff.trainingsHeading')}</title>
      <h1>{t('directoryStaff.trainingsHeading')}</h1>
      <p>{t('directoryStaff.trainingsIntro')}</p>
      <ErrorSummary message={actionData?.ok === false ? actionData.alert : undefined} errors={errors} labels={LABELS} attempt={actionData} />
      {actionData?.ok ? (
        <div className="notice success" role="status">
          <p>{actionData.notice}</p>
        </div>
      ) : null}
      <section aria-labelledby="attendees-heading">
        <h2 id="attendees-heading">{t('directoryStaff.attendeesHeading')}</h2>
        <p>{t('directoryStaff.attendeesIntro')}</p>
        {loaderData.attendees.length === 0 ? <p>{t('directoryStaff.noAttendees')}</p> : null}
        <ul>
          {loaderData.attendees.map((a) => (
            <li key={a.key}>
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="attended" />
                <input type="hidden" name="userId" value={a.userId} />
                <input type="hidden" name="courseId" value={a.courseId} />
                <button type="submit" className="link-button" disabled={busy}>
                  {t('directoryStaff.recordAttended', { name: a.name, course: a.course })}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="record-heading">
        <h2 id="record-heading">{t('directoryStaff.recordHeading')}</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="record" />
          <Field name="email" type="email" label={LABELS.email} defaultValue={values.email} error={errors.email} autoComplete="off" />
          <SelectField name="kind" label={LABELS.kind} options={loaderData.kinds.map((k) => ({ value: k, label: t(`directoryStaff.kind_${k}`) }))} defaultValue={values.kind ?? 'intensive'} error={errors.kind} />
          <Field name="description" label={LABELS.description} hint={t('directoryStaff.descriptionHint')} defaultValue={values.description} error={errors.description} />
          <SelectField name="courseId" label={LABELS.courseId} options={[{ value: '', label: t('directoryStaff.noCourse') }, ...loaderData.courses]} defaultValue={values.courseId ?? ''} error={errors.courseId} />
          <DateField name="completedOn" label={LABELS.completedOn} defaultValue={values.completedOn} error={errors.completedOn} />
          <CheckboxField name="verified" value="yes" label={t('directoryStaff.verifyNow')} defaultChecked={values.verified === 'yes'} />
          <div>
            <button type="submit" disabled={busy}>
              {t('directoryStaff.record')}
            </button>
          </div>
        </Form>
      </section>
      <section aria-labelledby="recorded-heading">
        <h2 id="recorded-heading">{t('directoryStaff.recordedListHeading')}</h2>
        {loaderData.trainings.length === 0 ? (
          <p>{t('directoryStaff.noTraining')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('directoryStaff.person')}</th>
                <th scope="col">{t('directoryStaff.kind')}</th>
                <th scope="col">{t('directoryStaff.description')}</th>
                <th scope="col">{t('directoryStaff.status')}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.trainings.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    {r.name}
                    <br />
                    <span className="muted">{r.email}</span>
                  </th>
                  <td>{t(`directoryStaff.kind_${r.kind}`)}</td>
                  <td>
                    {r.description}
                    {r.completedOn ? ` (${r.completedOn})` : null}
                  </td>
                  <td>
                    {r.verified ? t('directoryStaff.verified') : t('directoryStaff.notVerified')}
                    <Form method="post">
                      <input type="hidden" name="trainingId" value={r.id} />
                      <button type="submit" name="intent" value={r.verified ? 'unverify' : 'verify'} className="secondary" disabled={busy}>
                        {r.verified ? t('directoryStaff.unverify', { name: r.name }) : t('directoryStaff.verify', { name: r.name })}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
