// Rows of a course being run for the sweep's URLs (a session, a small group with the owner's
// registration placed in it), one per organization. No page makes sessions or groups in this
// branch yet, so they are inserted in the app's database (tests/e2e/support-db.ts).
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { courseSessions, smallGroupMembers, smallGroups } from '../../db/schema/course-running.ts';
import { courses } from '../../db/schema/courses.ts';
import { appDatabase } from '../e2e/support-db.ts';

export async function createRunningRows(input: { courseId: string; ownerRegistrationId: string }[]): Promise<{ sessionId: string; groupId: string }[]> {
  const { db, close } = appDatabase();
  try {
    const out = [];
    for (const { courseId, ownerRegistrationId } of input) {
      const [course] = await db.select().from(courses).where(eq(courses.id, courseId));
      if (!course) throw new Error(`setup: no course ${courseId}`);
      const startsAt = new Date('2099-06-01T16:00:00Z');
      const [session] = await db
        .insert(courseSessions)
        .values({ organizationId: course.organizationId, courseId, kind: 'small_group', title: 'Sweep small group', startsAt, endsAt: new Date(startsAt.getTime() + 90 * 60_000), calendarUid: `${crypto.randomUUID()}@sweep` })
        .returning();
      const [group] = await db.insert(smallGroups).values({ organizationId: course.organizationId, courseId, position: 1, name: 'Sweep group' }).returning();
      await db.insert(smallGroupMembers).values({ registrationId: ownerRegistrationId, smallGroupId: group!.id, organizationId: course.organizationId, courseId });
      out.push({ sessionId: session!.id, groupId: group!.id });
    }
    return out;
  } finally {
    await close();
  }
}
