// A course message in each organization's sweep course, for the sweep's message URLs (ADR 0067),
// inserted in the app's database (tests/e2e/support-db.ts) as sweep-series.ts does: a scheduled
// one far in the future, so nothing is ever sent to anyone.
import { eq } from 'drizzle-orm';
import { courses } from '../../db/schema/courses.ts';
import { courseMessages } from '../../db/schema/messages.ts';
import { appDatabase } from '../e2e/support-db.ts';

export async function createSweepMessages(courseIds: string[]): Promise<string[]> {
  const { db, close } = appDatabase();
  try {
    const ids: string[] = [];
    for (const courseId of courseIds) {
      const [course] = await db.select().from(courses).where(eq(courses.id, courseId));
      if (!course) throw new Error(`setup: no course ${courseId}`);
      const [message] = await db
        .insert(courseMessages)
        .values({
          organizationId: course.organizationId,
          courseId,
          subject: 'Sweep message',
          body: 'Sweep',
          filter: { statuses: ['accepted'], categoryKeys: [], payment: 'any', missing: 'any' },
          state: 'scheduled',
          schedule: { anchor: 'starts_on', offsetDays: 0, localTime: '09:00' },
          sendAt: new Date('2099-01-01T00:00:00Z'),
        })
        .returning();
      ids.push(message!.id);
    }
    return ids;
  } finally {
    await close();
  }
}
