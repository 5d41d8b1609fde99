// Every small-group page and resource: the director's permission (course:manage), the course
// looked up inside the guarded organization, and domain errors turned into words.
import { data } from 'react-router';
import type { RouterContextProvider } from 'react-router';
import { errorMessage, fieldMessage } from '#app/lib/error-messages.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { requireCourse } from '#app/routes/courses/course-access.server.ts';
import { DomainError } from '#domain/errors.ts';

export async function requireSmallGroupsCourse(request: Request, context: Readonly<RouterContextProvider>, params: { org?: string; courseId?: string }) {
  const { org, actor } = await requirePermission(request, context, params.org, 'course:manage');
  const course = await requireCourse(services(context).db, org.id, params.courseId);
  const courseBase = `/o/${org.slug}/admin/courses/${course.id}`;
  return { org, actor, course, courseBase, base: `${courseBase}/small-groups` };
}

/** A domain error as the page's answer (409, or 400 for a form problem); anything else rethrown. */
export function domainErrorData(error: unknown) {
  if (!(error instanceof DomainError)) throw error;
  const errors = Object.fromEntries(Object.entries(error.fields).map(([field, code]) => [field, fieldMessage(code)]));
  return data({ ok: false as const, errors, alert: errorMessage(error.code), notice: undefined, code: error.code }, { status: error.code === 'SMALL_GROUPS_SETTINGS_INVALID' ? 400 : 409 });
}
