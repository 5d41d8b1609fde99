// A course moves draft → published → closed, can be cancelled, and is archived at the end.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { coursePriceCategories, coursePrices, courses, type CourseStatus } from '#db/schema/courses.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { lockCourse } from '#domain/courses/lock-course.server.ts';
import { withScarceLocks } from '#domain/transaction.server.ts';
import type { Course } from './get-staff-course.server.ts';

export const NEXT_STATUSES: Record<CourseStatus, readonly CourseStatus[]> = {
  draft: ['published', 'cancelled', 'archived'],
  published: ['closed', 'cancelled'],
  closed: ['published', 'cancelled', 'archived'],
  cancelled: ['archived'],
  archived: ['draft'],
};

export async function setCourseStatus(db: Db, input: { organizationId: string; courseId: string; status: CourseStatus }, actor: Actor): Promise<Course> {
  return withScarceLocks(db, async (tx) => {
    // The course row is the lock registration takes too (docs/decisions/0021).
    const course = await lockCourse(tx, input.organizationId, input.courseId);
    if (!NEXT_STATUSES[course.status].includes(input.status)) throw new DomainError('COURSE_STATUS_NOT_ALLOWED', `${course.status} → ${input.status}`);
    if (input.status === 'published') {
      // Nobody can apply to a course without a price for every category.
      const categories = await tx.select().from(coursePriceCategories).where(eq(coursePriceCategories.courseId, course.id)).orderBy(asc(coursePriceCategories.position));
      const cells = await tx.select().from(coursePrices).where(eq(coursePrices.courseId, course.id));
      const complete = categories.length > 0 && categories.every((c) => cells.some((cell) => cell.categoryKey === c.key && cell.tier === 'regular'));
      if (!complete) throw new DomainError('PRICE_TABLE_INCOMPLETE', course.id);
    }
    const [after] = await tx.update(courses).set({ status: input.status }).where(eq(courses.id, course.id)).returning();
    await recordAudit(tx, actor, {
      organizationId: input.organizationId,
      action: 'course.status_changed',
      entityType: 'course',
      entityId: course.id,
      before: { status: course.status },
      after: { status: input.status },
    });
    return after!;
  });
}
