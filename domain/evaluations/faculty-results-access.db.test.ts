// The course's faculty read its evaluation results; other faculty and members do not; staff do.
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { users } from '#db/schema/accounts.ts';
import { courseFaculty } from '#db/schema/courses.ts';
import { creditCourse } from '../../tests/helpers/credit-fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { findResultsCourse } from './faculty-results-access.server.ts';

const testDb = useTestDatabase();

async function account(name: string) {
  const id = crypto.randomUUID();
  await testDb.db.insert(users).values({ id, name, email: `${id}@example.org`, emailVerified: true });
  return id;
}

describe('who reads a course\'s evaluation results', () => {
  test('its faculty and staff; not a member, not another course\'s faculty', async () => {
    const db = testDb.db;
    const { org, course } = await creditCourse(db);
    const mine = await account('Faculty of this course');
    const other = await account('Faculty elsewhere');
    await db.insert(courseFaculty).values({ organizationId: org.id, courseId: course.id, position: 0, role: 'faculty', name: 'Faculty of this course', userId: mine });
    const ask = (userId: string, roles: ('faculty' | 'member' | 'course_director')[], slug = course.slug) => findResultsCourse(db, { organizationId: org.id, courseSlug: slug, userId, roles });

    expect((await ask(mine, ['faculty'])).outcome).toBe('allowed');
    expect((await ask(other, ['faculty'])).outcome).toBe('refused');
    expect((await ask(other, ['member'])).outcome).toBe('refused');
    expect((await ask(other, ['course_director'])).outcome).toBe('allowed');
    // An unknown course: staff are told it does not exist; others learn nothing.
    expect((await ask(other, ['course_director'], 'no-such-course')).outcome).toBe('not_found');
    expect((await ask(mine, ['faculty'], 'no-such-course')).outcome).toBe('refused');
    const [linked] = await db.select().from(courseFaculty).where(eq(courseFaculty.userId, mine));
    expect(linked!.courseId).toBe(course.id);
  });
});
