// Publishing a course's schedule shows it on the public course page and in the calendar feeds;
// unpublishing takes it off both (a subscribed calendar then finds the course feed gone).
import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { courseSchedules } from '#db/schema/course-running.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { lockCourse } from '#domain/courses/lock-course.server.ts';
import type { SessionScope } from './save-session.server.ts';

export async function setSchedulePublished(db: Db, scope: SessionScope, published: boolean, actor: Actor): Promise<Date | null> {
  return db.transaction(async (tx) => {
    const course = await lockCourse(tx, scope.organizationId, scope.courseId);
    const [before] = await tx.select().from(courseSchedules).where(eq(courseSchedules.courseId, course.id));
    const publishedAt = published ? (before?.publishedAt ?? new Date()) : null;
    await tx
      .insert(courseSchedules)
      .values({ courseId: course.id, organizationId: course.organizationId, publishedAt, updatedAt: new Date() })
      .onConflictDoUpdate({ target: courseSchedules.courseId, set: { publishedAt, updatedAt: new Date() } });
    await recordAudit(tx, actor, {
      organizationId: course.organizationId,
      action: published ? 'course_schedule.published' : 'course_schedule.unpublished',
      entityType: 'course',
      entityId: course.id,
      before: { publishedAt: before?.publishedAt ?? null },
      after: { publishedAt },
    });
    return publishedAt;
  });
}
