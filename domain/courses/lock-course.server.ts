// The first lock of every change to something scarce: the course row (places, early places,
// aid awards and money all hang off it). Another organization's course is not found.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { courses } from '#db/schema/courses.ts';
import { locksDisabledForTest } from '#db/test-hooks.server.ts';
import { DomainError } from '#domain/errors.ts';

export async function lockCourse(tx: DbOrTx, organizationId: string, courseId: string) {
  const query = tx.select().from(courses).where(eq(courses.id, courseId));
  const [course] = locksDisabledForTest() ? await query : await query.for('update');
  if (!course || course.organizationId !== organizationId) throw new DomainError('COURSE_NOT_FOUND', courseId);
  return course;
}
