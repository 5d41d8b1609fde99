// The staff dashboard's mail figures: what is waiting (queued, or held without SMTP) and what was
// not delivered (bounced or given up) in the last 30 days, each the same set of messages the
// outbox shows under that view, for the organization's own mail only.
import { expect, test } from 'vitest';
import { outboxMessages, type OutboxStatus } from '#db/schema/email.ts';
import { organizations } from '#db/schema/organizations.ts';
import { findOutboxMessages } from '#lib/email/outbox.server.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { findStaffDashboard } from './staff-dashboard.server.ts';

const testDb = useTestDatabase();
const NOW = new Date('2026-12-06T12:00:00Z');
const DAY = 86_400_000;

async function org(slug: string) {
  const [row] = await testDb.db.insert(organizations).values({ slug, name: `${slug} society`, shortName: slug.toUpperCase(), kind: 'regional_circle' }).returning();
  return row!.id;
}

async function mail(organizationId: string, status: OutboxStatus, daysAgo: number, to = `${status}-${daysAgo}@example.org`) {
  await testDb.db.insert(outboxMessages).values({ organizationId, kind: 'course.message', toAddress: to, subject: `${status} ${daysAgo}`, text: 'text', html: '<p>text</p>', status, createdAt: new Date(NOW.getTime() - daysAgo * DAY) });
}

test('waiting counts queued and held mail; not delivered counts bounces and give-ups of the last 30 days, of this organization only', async () => {
  const mine = await org('dash-mine');
  const other = await org('dash-other');
  await mail(mine, 'pending', 0);
  await mail(mine, 'held', 40); // held mail waits however old it is
  await mail(mine, 'sent', 1);
  await mail(mine, 'suppressed', 1);
  await mail(mine, 'bounced', 2);
  await mail(mine, 'failed', 29);
  await mail(mine, 'failed', 30); // exactly 30 days ago: still inside
  await mail(mine, 'bounced', 31); // outside the window
  await mail(other, 'bounced', 1);
  await mail(other, 'pending', 1);

  const dashboard = await findStaffDashboard(testDb.db, mine, { outbox: true, refunds: false }, NOW);
  expect(dashboard.mail).toEqual({ waiting: 2, undelivered: 3 });

  // The outbox's views list those messages (the undelivered view without the 30-day window).
  const waiting = await findOutboxMessages(testDb.db, mine, { view: 'waiting' });
  expect(waiting.map((m) => m.subject).sort()).toEqual(['held 40', 'pending 0']);
  const undelivered = await findOutboxMessages(testDb.db, mine, { view: 'undelivered' });
  expect(undelivered.map((m) => m.subject).sort()).toEqual(['bounced 2', 'bounced 31', 'failed 29', 'failed 30']);
  expect(await findOutboxMessages(testDb.db, mine, {})).toHaveLength(8);
});

test('without the outbox permission the dashboard reads no mail at all', async () => {
  const mine = await org('dash-no-outbox');
  await mail(mine, 'bounced', 1);
  const dashboard = await findStaffDashboard(testDb.db, mine, { outbox: false, refunds: false }, NOW);
  expect(dashboard.mail).toBeNull();
});
