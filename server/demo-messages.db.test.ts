// The demo shows course messages working: Spokane's waitlist was written to, each recipient
// with a status (sent, bounced), kept on their records; a message is scheduled on the upcoming
// intensive for 14 days before it starts, 09:00 in its zone.
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { courses } from '#db/schema/courses.ts';
import { courseMessages } from '#db/schema/messages.ts';
import { users } from '#db/schema/accounts.ts';
import { findCourseMessages, findPersonMessages, getCourseMessage } from '#domain/messages/find-messages.server.ts';
import { findMatchingRecipients } from '#domain/messages/recipients.server.ts';
import { scheduledInstant } from '#domain/messages/schedule.ts';
import { useTestDatabase } from '../tests/helpers/test-database.ts';
import { DEMO_WAITLIST_SUBJECT } from './demo-messages.server.ts';
import { seedDemo } from './demo.server.ts';

const testDb = useTestDatabase();

describe('demo: course messages', () => {
  test('a message sent to Spokane’s waitlist with per-recipient statuses, and one scheduled on the upcoming intensive', async () => {
    await seedDemo(testDb.db, '2026-12-06');
    const [past] = await testDb.db.select().from(courses).where(eq(courses.slug, 'leadership-intensive-2025-spokane'));
    const list = await findCourseMessages(testDb.db, past!.organizationId, past!.id);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ subject: DEMO_WAITLIST_SUBJECT, state: 'sent', recipients: 3 });
    const { recipients, counts } = await getCourseMessage(testDb.db, past!.organizationId, past!.id, list[0]!.id);
    expect(counts).toEqual({ waiting: 0, queued: 0, sent: 2, failed: 0, bounced: 1 });
    // The recipients are exactly the waitlist as it stands.
    const waitlist = await findMatchingRecipients(testDb.db, past!.organizationId, past!.id, { statuses: ['waitlisted'], categoryKeys: [], payment: 'any', missing: 'any' });
    expect(recipients.map((r) => r.registrationId).sort()).toEqual(waitlist.map((w) => w.registrationId).sort());
    // Kept on each recipient's record.
    const [kenji] = await testDb.db.select().from(users).where(eq(users.email, 'k.mori@mail.invalid'));
    expect(await findPersonMessages(testDb.db, past!.organizationId, { userId: kenji!.id })).toMatchObject([{ subject: DEMO_WAITLIST_SUBJECT, status: 'bounced' }]);

    const scheduled = await testDb.db.select().from(courseMessages).where(eq(courseMessages.state, 'scheduled'));
    expect(scheduled).toHaveLength(1);
    const [upcoming] = await testDb.db.select().from(courses).where(eq(courses.id, scheduled[0]!.courseId));
    expect(upcoming!.startsOn > '2026-12-06').toBe(true);
    expect(scheduled[0]!.sendAt).toEqual(scheduledInstant(upcoming!, { anchor: 'starts_on', offsetDays: -14, localTime: '09:00' }));
  });
});
