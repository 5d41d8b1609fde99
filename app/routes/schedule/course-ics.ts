// The course's public calendar: an ICS download and a subscribable feed at the same address,
// answering only once the schedule is published (404 before, and after it is unpublished).
import { data } from 'react-router';
import { requireOrganization, services } from '#app/lib/guards.server.ts';
import { getPublicCourse } from '#domain/courses/get-course.server.ts';
import { DomainError } from '#domain/errors.ts';
import { courseCalendar } from '#domain/schedule/calendar.ts';
import { findPublishedSessions } from '#domain/schedule/find-schedule.server.ts';
import { ICS_CONTENT_TYPE } from '#lib/calendar/ics.ts';
import type { Route } from './+types/course-ics.ts';

export async function loader({ context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const { db, publicUrl } = services(context);
  try {
    const { course } = await getPublicCourse(db, org.id, params.course);
    const sessions = await findPublishedSessions(db, org.id, course.id);
    if (!sessions) throw data(null, { status: 404 });
    const body = courseCalendar(course, sessions, publicUrl, new URL(`/o/${org.slug}/courses/${course.slug}`, publicUrl).toString());
    return new Response(body, {
      headers: {
        'Content-Type': ICS_CONTENT_TYPE,
        'Content-Disposition': `attachment; filename="${course.slug.replace(/[^a-z0-9-]/gi, '')}-schedule.ics"`,
        'Cache-Control': 'public, max-age=300',
      },
    });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'COURSE_NOT_FOUND') throw data(null, { status: 404 });
    throw error;
  }
}
