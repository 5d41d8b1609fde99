// The demo's membership: types with dues in both organizations, the demo member active in ABS
// with a paid year, people in grace and lapsed, and the Spokane intensive's complimentary one.
import { eq } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { organizations } from '#db/schema/organizations.ts';
import { moneyReport } from '#domain/billing/reports.server.ts';
import { findMembers } from '#domain/membership/members.server.ts';
import { findPartner } from '#domain/membership/partner.server.ts';
import { findMemberStanding } from '#domain/membership/standing.server.ts';
import { findMembershipTypes } from '#domain/membership/types.server.ts';
import { useTestDatabase } from '../tests/helpers/test-database.ts';
import { seedDemo } from './demo.server.ts';

const testDb = useTestDatabase();

test('demo: membership types with dues, an active member, grace and lapsed, a complimentary membership from Spokane', async () => {
  const db = testDb.db;
  const today = '2026-12-06';
  await seedDemo(db, today);
  const org = async (slug: string) => (await db.select().from(organizations).where(eq(organizations.slug, slug)))[0]!;
  const abs = await org('abs');
  const nwbc = await org('nwbc');
  for (const o of [abs, nwbc]) {
    const types = await findMembershipTypes(db, o.id);
    expect(types.filter((t) => !t.complimentary).every((t) => (t.dues.USD ?? 0) > 0)).toBe(true);
    expect(types.length).toBeGreaterThanOrEqual(2);
  }
  expect(await findMemberStanding(db, abs.id, { userId: null, email: 'member@abs.example.org' }, today, 'member_prices')).toMatchObject({ status: 'active', type: 'regular', source: 'online', validTo: '2026-12-31' });
  const members = await findMembers(db, abs.id, {}, today);
  const status = (email: string) => members.find((m) => m.email === email)?.status;
  expect(status('grace.harper@example.org')).toBe('grace');
  expect(status('leo.lapsed@example.org')).toBe('lapsed');
  const complimentary = await findMembers(db, abs.id, { source: 'complimentary' }, today);
  expect(complimentary.map((m) => [m.grantedBy, m.startsOn, m.endsOn])).toEqual([['Balint Leadership Training Intensive', '2025-04-27', '2026-04-26']]);
  expect((await findMembers(db, abs.id, { endingWithin: 30 }, today)).map((m) => m.email)).toContain('member@abs.example.org');
  // "Join both": the circle's partner is the national society; the society has none.
  expect((await findPartner(db, nwbc.id))?.slug).toBe('abs');
  expect(await findPartner(db, abs.id)).toBeNull();
  const report = await moneyReport(db, { organizationId: abs.id, now: new Date('2026-12-06T18:00:00Z') });
  expect(report.dues).toEqual([{ typeName: 'Regular', currency: 'USD', terms: 1, netMinor: 15000, paidMinor: 15000, refundedMinor: 0 }]);
}, 120_000);
