// The report's scope from the query string: the whole organization or one of its courses.
import type { AppServices } from '#lib/services.ts';
import { findReportCourses } from '#domain/billing/reports.server.ts';

export async function reportScope(db: AppServices['db'], org: { id: string }, url: URL) {
  const courses = await findReportCourses(db, org.id);
  const wanted = url.searchParams.get('course') ?? '';
  const course = courses.find((c) => c.id === wanted) ?? null;
  return { courses, course, scope: { organizationId: org.id, courseId: course?.id ?? null, now: new Date() } };
}
