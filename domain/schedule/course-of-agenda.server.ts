// The course a feed or an agenda belongs to, by id, as the public sees it (not a draft, not archived).
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { courses } from '#db/schema/courses.ts';
import { DomainError } from '#domain/errors.ts';

export async function getPublicCourseById(db: DbOrTx, organizationId: string, courseId: string) {
  const [course] = await db.select().from(courses).where(and(eq(courses.organizationId, organizationId), eq(courses.id, courseId)));
  if (!course || course.status === 'draft' || course.status === 'archived') throw new DomainError('COURSE_NOT_FOUND', courseId);
  return course;
}
