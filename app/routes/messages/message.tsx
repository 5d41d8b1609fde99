// One course message: what was written, to whom (the filters), and each recipient's status —
// waiting, queued in the outbox, sent, failed or bounced.
import { data, Link } from 'react-router';
import { DataTable } from '#app/components/data-table.tsx';
import { requireIds, requirePermission, services } from '#app/lib/guards.server.ts';
import { formatInstant } from '#app/lib/instants.ts';
import { requireCourse } from '#app/routes/courses/course-access.server.ts';
import { CourseNav } from '#app/routes/courses/course-nav.tsx';
import { DomainError } from '#domain/errors.ts';
import { findMessageCategories } from '#domain/messages/course-options.server.ts';
import { getCourseMessage } from '#domain/messages/find-messages.server.ts';
import { scheduledLocalDate } from '#domain/messages/schedule.ts';
import { formatDate, t } from '#lib/i18n.ts';
import type { Route } from './+types/message.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'course_messages:send');
  requireIds(params.messageId);
  const { db } = services(context);
  const course = await requireCourse(db, org.id, params.courseId);
  let found;
  try {
    found = await getCourseMessage(db, org.id, course.id, params.messageId);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'MESSAGE_NOT_FOUND') throw data(null, { status: 404 });
    throw error;
  }
  const { message, recipients, counts } = found;
  const categories = await findMessageCategories(db, org.id, course.id);
  const label = (key: string) => categories.find((c) => c.key === key)?.label ?? key;
  const f = message.filter;
  const filter = [
    f.statuses.length ? f.statuses.map((s) => t(`registration.status_${s}`)).join(', ') : t('courseMessages.anyStatus'),
    ...(f.categoryKeys.length ? [f.categoryKeys.map(label).join(', ')] : []),
    ...(f.payment !== 'any' ? [t(`courseMessages.payment_${f.payment}`)] : []),
    ...(f.missing !== 'any' ? [t(`courseMessages.missing_${f.missing}`)] : []),
  ].join(' · ');
  const schedule = message.schedule
    ? t('courseMessages.scheduleRule', {
        days: Math.abs(message.schedule.offsetDays),
        direction: t(`courseMessages.direction_${message.schedule.offsetDays < 0 ? 'before' : 'after'}`),
        anchor: t(`courseMessages.anchor_${message.schedule.anchor}`, { date: formatDate(message.schedule.anchor === 'starts_on' ? course.startsOn : course.endsOn) }),
        time: message.schedule.localTime,
      }) + ` (${formatDate(scheduledLocalDate(course, message.schedule))})`
    : null;
  return {
    base: `/o/${org.slug}/admin/courses/${course.id}`,
    courseTitle: course.title,
    timeZone: course.timeZone,
    message: {
      subject: message.subject,
      body: message.body,
      state: message.state,
      filter,
      schedule,
      sendAt: message.sendAt ? formatInstant(message.sendAt, course.timeZone) : null,
    },
    counts,
    recipients: recipients.map((r) => ({
      id: r.id,
      registrationId: r.registrationId,
      name: r.name,
      email: r.email,
      status: r.status,
      queuedAt: r.queuedAt ? formatInstant(r.queuedAt, course.timeZone) : '—',
      sentAt: r.sentAt ? formatInstant(r.sentAt, course.timeZone) : '—',
    })),
  };
}

export default function CourseMessage({ loaderData }: Route.ComponentProps) {
  const { base, courseTitle, message, counts, recipients, timeZone } = loaderData;
  return (
    <main id="main">
      <title>{`${t('courseMessages.detailTitle', { subject: message.subject })}: ${courseTitle}`}</title>
      <h1>{t('courseMessages.detailTitle', { subject: message.subject })}</h1>
      <p className="muted">{courseTitle}</p>
      <CourseNav base={base} title={courseTitle} />
      <p>
        <Link to={`${base}/messages`}>{t('courseMessages.back')}</Link>
      </p>
      <dl>
        <dt>{t('courseMessages.colState')}</dt>
        <dd data-testid="message-state">{t(`courseMessages.state_${message.state}`)}</dd>
        <dt>{t('courseMessages.filterSummary')}</dt>
        <dd>{message.filter}</dd>
        {message.schedule ? (
          <>
            <dt>{t('courseMessages.scheduleTitle')}</dt>
            <dd>
              {message.schedule}
              {message.sendAt ? ` — ${t('courseMessages.scheduledFor', { when: message.sendAt, zone: timeZone })}` : null}
            </dd>
          </>
        ) : null}
        <dt>{t('courseMessages.body_label')}</dt>
        <dd>
          <pre className="mail-text">{message.body}</pre>
        </dd>
      </dl>
      {message.state !== 'scheduled' && message.state !== 'cancelled' ? (
        <section aria-labelledby="recipients">
          <h2 id="recipients">{t('courseMessages.recipientsTitle')}</h2>
          <p role="status">{t('courseMessages.statusCounts', counts)}</p>
          <p className="hint">{t('courseMessages.statusHint')}</p>
          <DataTable caption={t('courseMessages.recipientsTitle')} captionHidden>
            <thead>
              <tr>
                <th scope="col">{t('courseMessages.colName')}</th>
                <th scope="col">{t('courseMessages.colEmail')}</th>
                <th scope="col">{t('courseMessages.colStatus')}</th>
                <th scope="col">{t('courseMessages.colQueued')}</th>
                <th scope="col">{t('courseMessages.colSent')}</th>
              </tr>
            </thead>
            <tbody>
              {recipients.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`${base}/applications/${r.registrationId}`}>{r.name}</Link>
                  </td>
                  <td>{r.email}</td>
                  <td>{t(`courseMessages.status_${r.status}`)}</td>
                  <td>{r.queuedAt}</td>
                  <td>{r.sentAt}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </section>
      ) : null}
    </main>
  );
}
