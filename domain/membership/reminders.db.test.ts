// Renewal reminders against PostgreSQL: sent on the organization's local date, each once per
// term however often the job runs, only for a person's latest term.
import { and, eq } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { outboxMessages } from '#db/schema/email.ts';
import { membershipSettings, membershipTerms, membershipTypes } from '#db/schema/membership.ts';
import { organizations } from '#db/schema/organizations.ts';
import { createOrganization } from '../../tests/helpers/fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { sendMembershipReminders } from './send-reminders.server.ts';

const testDb = useTestDatabase();
const LINK = { publicUrl: 'http://localhost:3998', secretKey: Buffer.alloc(32, 5) };

async function orgWithTerm(endsOn: string, timeZone = 'America/Los_Angeles') {
  const org = await createOrganization(testDb.db);
  await testDb.db.update(organizations).set({ timeZone }).where(eq(organizations.id, org.id));
  await testDb.db.insert(membershipSettings).values({ organizationId: org.id, graceDays: 30 });
  const [type] = await testDb.db.insert(membershipTypes).values({ organizationId: org.id, key: 'regular', name: 'Regular', dues: { USD: 15000 } }).returning();
  const email = `member-${Math.random().toString(36).slice(2, 8)}@example.org`;
  const [term] = await testDb.db
    .insert(membershipTerms)
    .values({ organizationId: org.id, typeId: type!.id, email, name: 'Member', status: 'active', source: 'online', startsOn: '2026-01-01', endsOn, duesMinor: 15000, currency: 'USD' })
    .returning();
  const kinds = async () =>
    (await testDb.db.select({ kind: outboxMessages.kind }).from(outboxMessages).where(and(eq(outboxMessages.organizationId, org.id), eq(outboxMessages.toAddress, email)))).map((m) => m.kind).sort();
  return { org, type: type!, term: term!, email, kinds };
}

test('30 days before, 7 days before, the day after the end and the day after grace: each once, however often the job runs', async () => {
  const { kinds } = await orgWithTerm('2026-12-31');
  // Local noon in Los Angeles on each day, the job running three times a day.
  const at = (day: string) => new Date(`${day}T20:00:00Z`);
  for (const day of ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-24', '2026-12-31', '2027-01-01', '2027-01-30', '2027-01-31', '2027-02-01']) {
    for (let run = 0; run < 3; run++) await sendMembershipReminders(testDb.db, { now: at(day), ...LINK });
  }
  expect(await kinds()).toEqual(['membership.reminder.before_30', 'membership.reminder.before_7', 'membership.reminder.expired', 'membership.reminder.grace_ended']);
});

test('the day is the organization’s: 1 December 05:00 UTC is still 30 November in Los Angeles', async () => {
  const { kinds } = await orgWithTerm('2026-12-31');
  await sendMembershipReminders(testDb.db, { now: new Date('2026-12-01T05:00:00Z'), ...LINK });
  expect(await kinds()).toEqual([]);
  await sendMembershipReminders(testDb.db, { now: new Date('2026-12-01T08:00:00Z'), ...LINK });
  expect(await kinds()).toEqual(['membership.reminder.before_30']);
});

test('a renewed member is not reminded about the old term’s end', async () => {
  const { org, type, email, kinds } = await orgWithTerm('2026-12-31');
  await testDb.db
    .insert(membershipTerms)
    .values({ organizationId: org.id, typeId: type.id, email, name: 'Member', status: 'active', source: 'online', renewal: true, startsOn: '2027-01-01', endsOn: '2027-12-31', duesMinor: 15000, currency: 'USD' });
  await sendMembershipReminders(testDb.db, { now: new Date('2026-12-24T20:00:00Z'), ...LINK });
  await sendMembershipReminders(testDb.db, { now: new Date('2027-01-01T20:00:00Z'), ...LINK });
  expect(await kinds()).toEqual([]);
});

test('a long-lapsed term is not reminded about', async () => {
  const { kinds } = await orgWithTerm('2026-06-30');
  await sendMembershipReminders(testDb.db, { now: new Date('2026-12-06T20:00:00Z'), ...LINK });
  expect(await kinds()).toEqual([]);
});
