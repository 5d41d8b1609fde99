import { useEffect, useState } from 'react';
import { data, Form, Link, useActionData, useNavigation } from 'react-router';
import { z } from 'zod';
import { DataTable } from '#app/components/data-table.tsx';
import { ErrorSummary } from '#app/components/error-summary.tsx';
import { FormAlert } from '#app/components/field.tsx';
import { errorMessage } from '#app/lib/error-messages.ts';
import { parseForm } from '#app/lib/forms.ts';
import { requireOrganization, requireUser, services } from '#app/lib/guards.server.ts';
import { getPublicCourse } from '#domain/courses/get-course.server.ts';
import { DomainError } from '#domain/errors.ts';
import { findAgenda } from '#domain/schedule/agenda.server.ts';
import { createAgendaFeed, findActiveAgendaFeed, revokeAgendaFeed } from '#domain/schedule/agenda-feeds.server.ts';
import { instantToLocal } from '#domain/schedule/local-time.ts';
import { byDay } from '#domain/schedule/rules.ts';
import { formatDateRange, t } from '#lib/i18n.ts';
import { dayHeading, kindLabel } from './schedule-format.ts';
import type { Route } from './+types/agenda.ts';

// A participant's (or faculty member's) own agenda for a course: the sessions with their small
// group's name, room and leaders; a calendar download; a private feed address to subscribe to.

async function loadCourse(context: Route.LoaderArgs['context'], orgId: string, slug: string) {
  try {
    return (await getPublicCourse(services(context).db, orgId, slug)).course;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'COURSE_NOT_FOUND') throw data(null, { status: 404 });
    throw error;
  }
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const user = await requireUser(request, context, org.slug);
  const course = await loadCourse(context, org.id, params.course);
  const { db } = services(context);
  const scope = { organizationId: org.id, courseId: course.id };
  const [agenda, feed] = await Promise.all([findAgenda(db, scope, user.id), findActiveAgendaFeed(db, scope, user.id)]);
  const local = (d: Date) => instantToLocal(d, course.timeZone).time;
  return {
    slug: org.slug,
    course: { slug: course.slug, title: course.title, dates: formatDateRange(course.startsOn, course.endsOn), timeZone: course.timeZone },
    role: agenda?.role ?? null,
    published: agenda?.items !== null && agenda !== null,
    groups: agenda?.groups ?? [],
    days: byDay(agenda?.items ?? [], course.timeZone).map((d) => ({
      date: d.date,
      items: d.sessions.map((i) => ({
        id: i.id,
        time: `${local(i.startsAt)}–${local(i.endsAt)}`,
        kind: i.kind,
        title: i.title,
        room: i.room,
        onlineUrl: i.onlineUrl,
        group: i.group,
        groupPending: i.groupPending,
      })),
    })),
    feed: feed ? { id: feed.id, createdAt: feed.createdAt.toISOString(), lastFetchedAt: feed.lastFetchedAt?.toISOString() ?? null } : null,
  };
}

const feedSchema = z.discriminatedUnion('intent', [z.object({ intent: z.literal('createFeed') }), z.object({ intent: z.literal('revokeFeed'), feedId: z.uuid() })]);

export async function action({ request, context, params }: Route.ActionArgs) {
  const org = await requireOrganization(context, params.org);
  const user = await requireUser(request, context, org.slug);
  const course = await loadCourse(context, org.id, params.course);
  const parsed = parseForm(feedSchema, await request.formData());
  if (!parsed.ok) return data({ alert: t('form.fixErrors'), done: undefined, feedUrl: undefined }, { status: 400 });
  const { db, publicUrl, requestId } = services(context);
  const scope = { organizationId: org.id, courseId: course.id };
  const actor = { userId: user.id, requestId };
  try {
    if (parsed.data.intent === 'createFeed') {
      const { token } = await createAgendaFeed(db, scope, user.id, actor);
      const feedUrl = new URL(`/o/${org.slug}/calendar/${token}.ics`, publicUrl).toString();
      return data({ alert: undefined, done: t('agenda.feedCreated'), feedUrl }, { headers: { 'Cache-Control': 'no-store' } });
    }
    await revokeAgendaFeed(db, scope, user.id, parsed.data.feedId, actor);
    return { alert: undefined, done: t('agenda.feedRevoked'), feedUrl: undefined };
  } catch (error) {
    if (error instanceof DomainError) return data({ alert: errorMessage(error.code), done: undefined, feedUrl: undefined }, { status: 409 });
    throw error;
  }
}

export default function AgendaPage({ loaderData }: Route.ComponentProps) {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const { course, slug } = loaderData;
  const courseUrl = `/o/${slug}/courses/${course.slug}`;
  const feedUrl = actionData?.feedUrl;
  return (
    <main id="main" className="page">
      <title>{t('agenda.title', { title: course.title })}</title>
      <h1>{t('agenda.title', { title: course.title })}</h1>
      <p className="muted">
        {course.dates} · {t('schedule.timesIn', { zone: course.timeZone })}
      </p>
      <ErrorSummary message={actionData?.alert} attempt={actionData} />
      <FormAlert message={actionData?.done} tone="success" />
      {loaderData.role === null ? (
        <>
          <p>{t('agenda.noPlace')}</p>
          <p>
            <Link to={courseUrl}>{t('agenda.backToCourse', { title: course.title })}</Link>
          </p>
        </>
      ) : (
        <>
          <section aria-labelledby="my-group">
            <h2 id="my-group">{loaderData.role === 'faculty' ? t('agenda.myGroupsFaculty') : t('agenda.myGroup')}</h2>
            {loaderData.groups.length === 0 ? (
              <p>{t('agenda.groupPending')}</p>
            ) : (
              <ul>
                {loaderData.groups.map((g) => (
                  <li key={g.name}>
                    <strong>{g.name}</strong>
                    {g.room ? ` · ${t('agenda.roomLine', { room: g.room })}` : null}
                    {g.leaders.length > 0 ? ` · ${t('agenda.leadersLine', { leaders: g.leaders.join(', ') })}` : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="my-sessions">
            <h2 id="my-sessions">{t('agenda.sessions')}</h2>
            {!loaderData.published ? <p>{t('agenda.notPublished')}</p> : null}
            {loaderData.days.map((day) => (
              <DataTable key={day.date} caption={dayHeading(day.date)}>
                <thead>
                  <tr>
                    <th scope="col">{t('schedule.time')}</th>
                    <th scope="col">{t('schedule.session')}</th>
                    <th scope="col">{t('schedule.kind')}</th>
                    <th scope="col">{t('schedule.room')}</th>
                  </tr>
                </thead>
                <tbody>
                  {day.items.map((i) => (
                    <tr key={i.id}>
                      <td className="time-range">{i.time}</td>
                      <th scope="row">
                        {i.title}
                        {i.group ? (
                          <span className="line muted">
                            {i.group.name}
                            {i.group.leaders.length > 0 ? ` · ${t('agenda.leadersLine', { leaders: i.group.leaders.join(', ') })}` : null}
                          </span>
                        ) : null}
                        {i.groupPending ? <span className="line muted">{t('agenda.groupPending')}</span> : null}
                      </th>
                      <td>{kindLabel(i.kind)}</td>
                      <td>{i.room || (i.onlineUrl ? <a href={i.onlineUrl}>{t('schedule.online')}</a> : '')}</td>
                    </tr>
                  ))}
                </tbody>
              </DataTable>
            ))}
          </section>
          <section aria-labelledby="calendar">
            <h2 id="calendar">{t('agenda.calendar')}</h2>
            <p>
              <a href={`${courseUrl}/agenda.ics`} download>
                {t('agenda.download')}
              </a>
            </p>
            <p>{t('agenda.feedIntro')}</p>
            {feedUrl ? (
              <div className="notice">
                <p>{t('agenda.feedOnce')}</p>
                <p>
                  <a href={feedUrl.replace(/^https?:/, 'webcal:')}>{t('agenda.subscribe')}</a>
                </p>
                <div className="field">
                  <label htmlFor="feed-url">{t('agenda.feedAddress')}</label>
                  <input id="feed-url" type="text" readOnly value={feedUrl} onFocus={(e) => e.currentTarget.select()} />
                </div>
                <CopyButton text={feedUrl} />
              </div>
            ) : null}
            {loaderData.feed ? (
              <p>
                {t('agenda.feedActive', { date: new Date(loaderData.feed.createdAt).toISOString().slice(0, 10) })}
                {loaderData.feed.lastFetchedAt ? ` ${t('agenda.feedLastRead', { date: new Date(loaderData.feed.lastFetchedAt).toISOString().slice(0, 10) })}` : ''}
              </p>
            ) : null}
            <div className="button-row">
              <Form method="post">
                <input type="hidden" name="intent" value="createFeed" />
                <button type="submit" disabled={busy}>
                  {loaderData.feed ? t('agenda.replaceFeed') : t('agenda.createFeed')}
                </button>
              </Form>
              {loaderData.feed ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="revokeFeed" />
                  <input type="hidden" name="feedId" value={loaderData.feed.id} />
                  <button type="submit" className="secondary" disabled={busy}>
                    {t('agenda.revokeFeed')}
                  </button>
                </Form>
              ) : null}
            </div>
          </section>
        </>
      )}
    </main>
  );
}

/** "Copy the address", once scripts run (without them the field above is selected and copied by hand). */
function CopyButton({ text }: { text: string }) {
  const [ready, setReady] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setReady(typeof navigator !== 'undefined' && Boolean(navigator.clipboard)), []);
  if (!ready) return null;
  return (
    <p>
      <button type="button" className="secondary" onClick={() => void navigator.clipboard.writeText(text).then(() => setCopied(true))}>
        {t('agenda.copy')}
      </button>{' '}
      <span role="status">{copied ? t('agenda.copied') : ''}</span>
    </p>
  );
}
