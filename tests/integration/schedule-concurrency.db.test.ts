// Two staff members add overlapping sessions to one course at the same moment. Each
// transaction holds the course's row lock while it checks for overlaps and writes, so one
// session is added and the other refused, under the worst interleaving: both are held at the
// race point (after reading the other sessions) until both have read or one waits on the lock.
// The negative control switches the locks off: both then read an empty day and both are added.
import { eq } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { courseSessions } from '../../db/schema/course-running.ts';
import { systemActor } from '../../domain/audit/record-audit.server.ts';
import { DomainError } from '../../domain/errors.ts';
import { createSession } from '../../domain/schedule/save-session.server.ts';
import type { SessionDraft } from '../../domain/schedule/rules.ts';
import { createCourse, createOrganization } from '../helpers/fixtures.ts';
import { forceRace, withLocksOff } from '../helpers/forced-race.ts';
import { useTestDatabase } from '../helpers/test-database.ts';

const testDb = useTestDatabase();

const draft = (title: string, startTime: string, endTime: string): SessionDraft => ({
  kind: 'small_group',
  title,
  description: '',
  date: '2025-04-24',
  startTime,
  endTime,
  room: '',
  onlineUrl: '',
  isPublic: true,
  creditMinutes: {},
});

async function addAtOnce() {
  const org = await createOrganization(testDb.db);
  const course = await createCourse(testDb.db, org.id);
  const scope = { organizationId: org.id, courseId: course.id };
  const race = forceRace(testDb.pool, 'schedule.checked', 2);
  try {
    const results = await Promise.allSettled([
      race.run(() => createSession(testDb.db, scope, draft('Small group A', '09:00', '10:30'), systemActor)),
      race.run(() => createSession(testDb.db, scope, draft('Small group B', '10:00', '11:30'), systemActor)),
    ]);
    const stored = await testDb.db.select().from(courseSessions).where(eq(courseSessions.courseId, course.id));
    return { results, stored };
  } finally {
    race.end();
  }
}

test('two overlapping sessions added at once: one is added, the other refused as overlapping', async () => {
  const { results, stored } = await addAtOnce();
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  const refused = results.find((r) => r.status === 'rejected');
  expect(refused && refused.status === 'rejected' && refused.reason instanceof DomainError ? refused.reason.fields : null).toEqual({ startTime: 'SESSION_OVERLAPS' });
  expect(stored).toHaveLength(1);
});

test('negative control: with the locks off the same forced race stores both overlapping sessions, every round', async () => {
  await withLocksOff(async () => {
    for (let round = 0; round < 3; round++) {
      const { results, stored } = await addAtOnce();
      expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
      expect(stored).toHaveLength(2);
    }
  });
});
