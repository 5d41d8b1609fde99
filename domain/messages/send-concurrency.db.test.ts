// Two senders at once (two workers, or the minute's run and a "Send now"), forced to race
// (tests/helpers/forced-race.ts): each held after claiming its batch, before writing. With the
// locks (FOR UPDATE SKIP LOCKED, the rate's advisory lock) every recipient gets the message once;
// the negative control, locks off, shows the same race sending it twice.
import { and, eq, inArray } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { outboxMessages } from '#db/schema/email.ts';
import { registrations } from '#db/schema/registration.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { forceRace, withLocksOff } from '../../tests/helpers/forced-race.ts';
import { setupCourse } from '../../tests/helpers/money-fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { sendNextBatch } from './send-batch.server.ts';
import { MESSAGE_KIND, sendCourseMessage } from './write-message.server.ts';

const testDb = useTestDatabase();
const publicUrl = 'http://hub.test';

async function twoSendersRace(): Promise<{ sends: number; people: number; arrived: number }> {
  const s = await setupCourse(testDb.db, {}, { publicUrl });
  const emails: string[] = [];
  for (let i = 0; i < 6; i++) {
    const reg = await s.apply();
    await testDb.db.update(registrations).set({ status: 'accepted' }).where(eq(registrations.id, reg.id));
    emails.push(reg.email);
  }
  await sendCourseMessage(testDb.db, { organizationId: s.org.id, courseId: s.course.id, subject: 'Hello', body: 'Dear {{name}}', filter: { statuses: ['accepted'], categoryKeys: [], payment: 'any', missing: 'any' } }, systemActor);
  const race = forceRace(testDb.pool, 'messages.claimed', 2);
  try {
    await Promise.all([0, 1].map(() => race.run(() => sendNextBatch(testDb.db, { publicUrl, perMinute: 100_000 }))));
  } finally {
    race.end();
  }
  const rows = await testDb.db
    .select({ to: outboxMessages.toAddress })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.kind, MESSAGE_KIND), inArray(outboxMessages.toAddress, emails)));
  return { sends: rows.length, people: new Set(rows.map((r) => r.to)).size, arrived: race.arrived };
}

test('two senders forced to race: each recipient gets the message once', async () => {
  const result = await twoSendersRace();
  expect(result).toMatchObject({ sends: 6, people: 6 });
});

test('negative control: with the locks off, the same race sends the message twice', async () => {
  const result = await withLocksOff(twoSendersRace);
  expect(result.arrived).toBe(2);
  expect(result).toMatchObject({ sends: 12, people: 6 });
});
