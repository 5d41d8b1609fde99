// A course's messages: those sent and scheduled, where replies go, and the way to write one.
import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { DataTable } from '#app/components/data-table.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { Field } from '#app/components/field.tsx';
import { errorMessage } from '#app/lib/error-messages.ts';
import { parseForm } from '#app/lib/forms.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { formatInstant } from '#app/lib/instants.ts';
import { useSchemaForm } from '#app/lib/use-schema-form.ts';
import { requireCourse } from '#app/routes/courses/course-access.server.ts';
import { CourseNav } from '#app/routes/courses/course-nav.tsx';
import { DomainError } from '#domain/errors.ts';
import { findCourseMessages } from '#domain/messages/find-messages.server.ts';
import { cancelScheduledMessage, getReplyTo, setReplyTo } from '#domain/messages/write-message.server.ts';
import { isUuid } from '#lib/ids.ts';
import { t } from '#lib/i18n.ts';
import { replyToSchema } from './message-form.ts';
import type { Route } from './+types/index.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'course_messages:send');
  const { db } = services(context);
  const course = await requireCourse(db, org.id, params.courseId);
  const messages = await findCourseMessages(db, org.id, course.id);
  return {
    base: `/o/${org.slug}/admin/courses/${course.id}`,
    title: course.title,
    timeZone: course.timeZone,
    replyTo: await getReplyTo(db, org.id, course.id),
    messages: messages.map((m) => ({
      id: m.id,
      subject: m.subject,
      state: m.state,
      recipients: m.recipients,
      when: formatInstant(m.sendAt ?? m.frozenAt ?? m.createdAt, course.timeZone),
    })),
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const { org, actor } = await requirePermission(request, context, params.org, 'course_messages:send');
  const { db } = services(context);
  const course = await requireCourse(db, org.id, params.courseId);
  const form = await request.formData();
  const intent = form.get('intent');
  if (intent === 'reply-to') {
    const parsed = parseForm(replyToSchema, form);
    if (!parsed.ok) return data({ intent, errors: parsed.errors, values: parsed.values, alert: t('form.fixErrors'), done: undefined }, { status: 400 });
    await setReplyTo(db, { organizationId: org.id, courseId: course.id, replyTo: parsed.data.replyTo }, actor);
    const done = parsed.data.replyTo ? t('courseMessages.replyToSaved', { address: parsed.data.replyTo }) : t('courseMessages.replyToCleared');
    return { intent, errors: {}, values: parsed.values, alert: undefined, done };
  }
  if (intent === 'cancel') {
    const messageId = form.get('messageId');
    if (typeof messageId !== 'string' || !isUuid(messageId)) throw data(null, { status: 404 });
    try {
      await cancelScheduledMessage(db, { organizationId: org.id, courseId: course.id, messageId }, actor);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'MESSAGE_NOT_FOUND') throw data(null, { status: 404 });
      if (error instanceof DomainError) return data({ intent, errors: {}, values: {}, alert: errorMessage(error.code), done: undefined }, { status: 409 });
      throw error;
    }
    return { intent, errors: {}, values: {}, alert: undefined, done: t('courseMessages.cancelled') };
  }
  throw data(null, { status: 400 });
}

export default function CourseMessages({ loaderData }: Route.ComponentProps) {
  const { base, title, messages, replyTo } = loaderData;
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const form = useSchemaForm(replyToSchema, actionData?.intent === 'reply-to' ? actionData.errors : undefined, actionData?.alert);
  return (
    <main id="main">
      <title>{`${t('courseMessages.title')}: ${title}`}</title>
      <h1>{t('courseMessages.title')}</h1>
      <p className="muted">{title}</p>
      <CourseNav base={base} title={title} />
      <ErrorSummary message={form.message} errors={form.errors} labels={{ replyTo: t('courseMessages.replyTo') }} attempt={actionData} />
      {actionData?.done ? (
        <p className="notice" role="status">
          {actionData.done}
        </p>
      ) : null}
      <p>{t('courseMessages.intro')}</p>
      <p>
        <Link to={`${base}/messages/new`} className="button">
          {t('courseMessages.write')}
        </Link>
      </p>
      <section aria-labelledby="messages-list">
        <h2 id="messages-list">{t('courseMessages.sent')}</h2>
        {messages.length === 0 ? (
          <p>{t('courseMessages.none')}</p>
        ) : (
          <DataTable caption={t('courseMessages.sent')} captionHidden>
            <thead>
              <tr>
                <th scope="col">{t('courseMessages.colSubject')}</th>
                <th scope="col">{t('courseMessages.colState')}</th>
                <th scope="col">{t('courseMessages.colRecipients')}</th>
                <th scope="col">{t('courseMessages.colWhen')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('courseMessages.cancel')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id}>
                  <td>
                    <Link to={`${base}/messages/${m.id}`}>{m.subject}</Link>
                  </td>
                  <td>{t(`courseMessages.state_${m.state}`)}</td>
                  <td>{m.state === 'scheduled' ? '—' : m.recipients}</td>
                  <td>{m.when}</td>
                  <td>
                    {m.state === 'scheduled' ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="cancel" />
                        <input type="hidden" name="messageId" value={m.id} />
                        <button type="submit" className="secondary" disabled={busy}>
                          {t('courseMessages.cancel')}
                          <span className="visually-hidden">: {m.subject}</span>
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </section>
      <section aria-labelledby="reply-to">
        <h2 id="reply-to">{t('courseMessages.replyToTitle')}</h2>
        <p>{replyTo ? t('courseMessages.replyToCurrent', { address: replyTo }) : t('courseMessages.replyToNone')}</p>
        <Form method="post" className="stack" noValidate onSubmit={form.onSubmit}>
          <input type="hidden" name="intent" value="reply-to" />
          <Field
            name="replyTo"
            type="email"
            label={t('courseMessages.replyTo')}
            hint={t('courseMessages.replyToHint')}
            defaultValue={actionData?.intent === 'reply-to' ? (actionData.values as Record<string, string>).replyTo : (replyTo ?? '')}
            error={form.errors.replyTo}
          />
          <div>
            <button type="submit" disabled={busy}>
              {t('courseMessages.replyToSave')}
            </button>
          </div>
        </Form>
      </section>
    </main>
  );
}
