// Reading a course's schedule: all of it for staff (with credit totals per accrediting body),
// the published public sessions for everyone else.
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { courseSchedules, courseSessions } from '#db/schema/course-running.ts';
import { accreditingBodies, creditTotals } from './rules.ts';
import type { CourseSession } from './save-session.server.ts';

export async function findSessions(db: DbOrTx, organizationId: string, courseId: string, only: 'all' | 'public' = 'all'): Promise<CourseSession[]> {
  const scope = and(eq(courseSessions.organizationId, organizationId), eq(courseSessions.courseId, courseId));
  return db
    .select()
    .from(courseSessions)
    .where(only === 'public' ? and(scope, eq(courseSessions.isPublic, true)) : scope)
    .orderBy(asc(courseSessions.startsAt));
}

/** When the schedule was published, or null while it is a draft. */
export async function schedulePublishedAt(db: DbOrTx, organizationId: string, courseId: string): Promise<Date | null> {
  const [row] = await db
    .select({ publishedAt: courseSchedules.publishedAt })
    .from(courseSchedules)
    .where(and(eq(courseSchedules.organizationId, organizationId), eq(courseSchedules.courseId, courseId)));
  return row?.publishedAt ?? null;
}

/** Staff view: every session, the publication state and credit minutes per accrediting body. */
export async function findStaffSchedule(db: DbOrTx, course: { id: string; organizationId: string; accreditation: { body: string }[] }) {
  const [sessions, publishedAt] = await Promise.all([findSessions(db, course.organizationId, course.id), schedulePublishedAt(db, course.organizationId, course.id)]);
  const bodies = accreditingBodies(course.accreditation);
  return { sessions, publishedAt, bodies, totals: creditTotals(sessions, bodies) };
}

/** The public schedule: public sessions once published, else nothing. */
export async function findPublishedSessions(db: DbOrTx, organizationId: string, courseId: string): Promise<CourseSession[] | null> {
  if (!(await schedulePublishedAt(db, organizationId, courseId))) return null;
  return findSessions(db, organizationId, courseId, 'public');
}
