// The signed-in person's agenda as a one-off .ics download. Someone with no place on the course
// is sent to the agenda page, which says so.
import { data, redirect } from 'react-router';
import { requireOrganization, requireUser, services } from '#app/lib/guards.server.ts';
import { getPublicCourse } from '#domain/courses/get-course.server.ts';
import { DomainError } from '#domain/errors.ts';
import { findAgenda } from '#domain/schedule/agenda.server.ts';
import { agendaCalendar } from '#domain/schedule/calendar.ts';
import { ICS_CONTENT_TYPE } from '#lib/calendar/ics.ts';
import type { Route } from './+types/agenda-ics.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const user = await requireUser(request, context, org.slug);
  const { db, publicUrl } = services(context);
  try {
    const { course } = await getPublicCourse(db, org.id, params.course);
    const agendaPath = `/o/${org.slug}/courses/${course.slug}/agenda`;
    const agenda = await findAgenda(db, { organizationId: org.id, courseId: course.id }, user.id);
    if (!agenda || agenda.items === null) throw redirect(agendaPath);
    return new Response(agendaCalendar(course, agenda, publicUrl, new URL(agendaPath, publicUrl).toString()), {
      headers: {
        'Content-Type': ICS_CONTENT_TYPE,
        'Content-Disposition': `attachment; filename="${course.slug.replace(/[^a-z0-9-]/gi, '')}-my-agenda.ics"`,
        'Cache-Control': 'private, no-store',
      },
    });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'COURSE_NOT_FOUND') throw data(null, { status: 404 });
    throw error;
  }
}
