// A person's agenda feed, for calendar subscriptions: /o/<org>/calendar/<token>.ics. The token
// is the only credential (calendar clients send no cookie), so an unknown, revoked or foreign
// token, or one whose person no longer has a place, is a plain 404 that says nothing more.
import { data } from 'react-router';
import { requireOrganization, services } from '#app/lib/guards.server.ts';
import { getPublicCourseById } from '#domain/schedule/course-of-agenda.server.ts';
import { findAgenda } from '#domain/schedule/agenda.server.ts';
import { openAgendaFeed } from '#domain/schedule/agenda-feeds.server.ts';
import { agendaCalendar } from '#domain/schedule/calendar.ts';
import { DomainError } from '#domain/errors.ts';
import { ICS_CONTENT_TYPE } from '#lib/calendar/ics.ts';
import type { Route } from './+types/agenda-feed.ts';

export async function loader({ context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const { db, publicUrl } = services(context);
  const token = /^(.+)\.ics$/.exec(params.feed ?? '')?.[1] ?? '';
  try {
    const feed = await openAgendaFeed(db, org.id, token);
    const course = await getPublicCourseById(db, org.id, feed.courseId);
    const agenda = await findAgenda(db, { organizationId: org.id, courseId: course.id }, feed.userId);
    if (!agenda) throw data(null, { status: 404 });
    const body = agendaCalendar(course, agenda, publicUrl, new URL(`/o/${org.slug}/courses/${course.slug}/agenda`, publicUrl).toString());
    return new Response(body, {
      headers: { 'Content-Type': ICS_CONTENT_TYPE, 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer' },
    });
  } catch (error) {
    if (error instanceof DomainError && (error.code === 'AGENDA_FEED_NOT_FOUND' || error.code === 'COURSE_NOT_FOUND')) throw data(null, { status: 404 });
    throw error;
  }
}
