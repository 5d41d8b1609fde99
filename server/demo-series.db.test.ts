// The demo's group series in NWBC: one filling, one that missed its minimum and was cancelled
// with both paid places' refunds due in the tracker and everyone emailed.
import { and, eq } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { outboxMessages } from '#db/schema/email.ts';
import { organizations } from '#db/schema/organizations.ts';
import { groupSeries } from '#db/schema/series.ts';
import { findRefunds } from '#domain/refunds/find-refunds.server.ts';
import { findEnrollees, findOpenSeriesForListing } from '#domain/series/series.server.ts';
import { useTestDatabase } from '../tests/helpers/test-database.ts';
import { seedDemo } from './demo.server.ts';

const testDb = useTestDatabase();

test('demo: a filling series and a cancelled one with its refunds due', async () => {
  const db = testDb.db;
  await seedDemo(db, '2026-12-06');
  const [nwbc] = await db.select().from(organizations).where(eq(organizations.slug, 'nwbc'));
  const series = await db.select().from(groupSeries).where(eq(groupSeries.organizationId, nwbc!.id));
  const filling = series.find((s) => s.title === 'Winter series')!;
  const missed = series.find((s) => s.title === 'Evening series for residents')!;
  expect(filling.status).toBe('open');
  const open = await findOpenSeriesForListing(db, nwbc!.id, filling.listingId, new Date('2026-12-06T18:00:00Z'));
  expect(open.map((s) => [s.title, s.state, s.signUps, s.minimum])).toEqual([['Winter series', 'open', 3, 4]]);
  const fillingPeople = await findEnrollees(db, nwbc!.id, filling.id);
  expect(fillingPeople.map((e) => e.account.balanceMinor)).toEqual([0, 18000, 18000]);

  expect(missed.status).toBe('cancelled');
  const refunds = await findRefunds(db, nwbc!.id, { view: 'due' }, new Date('2026-12-06T18:00:00Z'));
  expect(refunds.filter((r) => r.seriesId === missed.id).map((r) => [r.name, r.reason, r.amountMinor, r.dueOn])).toEqual([
    ['Ana Lindqvist', 'series_cancelled', 9000, '2026-12-20'],
    ['Tom Becker', 'series_cancelled', 9000, '2026-12-20'],
  ]);
  const mail = await db.select().from(outboxMessages).where(and(eq(outboxMessages.organizationId, nwbc!.id), eq(outboxMessages.kind, 'series.cancelled')));
  expect(mail.map((m) => m.toAddress).sort()).toEqual(['ana.lindqvist@example.org', 'tom.becker@example.org']);
}, 120_000);
