// Shared setup of the series tests: an organization that takes invoices, a group listing in
// Spokane (Tuesdays 7 pm) led by one leader, and helpers to make series and members.
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.server.ts';
import { groupListingLeaders, groupListings } from '../../db/schema/directory.ts';
import { organizations } from '../../db/schema/organizations.ts';
import { groupSeries } from '../../db/schema/series.ts';
import { createVerifiedAccount } from '../../domain/accounts/create-account.server.ts';
import { systemActor } from '../../domain/audit/record-audit.server.ts';
import { createOrganization } from './fixtures.ts';

export async function createMember(db: Db, name = 'Member') {
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${crypto.randomBytes(3).toString('hex')}@example.org`;
  const { userId } = await createVerifiedAccount(db, { email, name, password: 'series-password-1' }, systemActor);
  return { id: userId, name, email };
}

export async function createListing(db: Db, organizationId: string, leaderId?: string) {
  const [listing] = await db
    .insert(groupListings)
    .values({
      organizationId,
      slug: `tuesday-${crypto.randomBytes(3).toString('hex')}`,
      title: 'Tuesday evening group',
      format: 'in_person',
      cadence: 'weekly',
      weekday: 2,
      startTime: '19:00',
      durationMinutes: 90,
      timeZone: 'America/Los_Angeles',
      startsOn: '2025-01-07',
      city: 'Spokane',
    })
    .returning();
  if (leaderId) await db.insert(groupListingLeaders).values({ listingId: listing!.id, userId: leaderId, receivesMessages: true });
  return listing!;
}

export async function setupSeriesOrg(db: Db) {
  const org = await createOrganization(db);
  await db.update(organizations).set({ paymentInstructions: 'Checks to the Circle, PO Box 1, Spokane WA', invoiceDueDays: 14 }).where(eq(organizations.id, org.id));
  const leader = await createMember(db, 'Leader');
  const listing = await createListing(db, org.id, leader.id);
  return { org, leader, listing };
}

export type SeriesOverrides = Partial<typeof groupSeries.$inferInsert>;

/** A series of six Tuesdays from 21 October 2025, $120, minimum 4, maximum 8, decided by 14 October. */
export async function createSeriesRow(db: Db, organizationId: string, listingId: string, overrides: SeriesOverrides = {}) {
  const [series] = await db
    .insert(groupSeries)
    .values({
      organizationId,
      listingId,
      title: 'Autumn series',
      firstSessionOn: '2025-10-21',
      sessionCount: 6,
      priceMinor: 12000,
      currency: 'USD',
      minimum: 4,
      maximum: 8,
      closesAfterSession: 2,
      decideBy: '2025-10-14',
      ...overrides,
    })
    .returning();
  return series!;
}

/** 1 October 2025, noon in Spokane: sign-ups open, before the decide-by date. */
export const SIGN_UP_TIME = new Date('2025-10-01T19:00:00Z');
/** 14 October 2025, 11 pm in Spokane: the decide-by date, not yet over. */
export const LAST_HOUR_OF_DECIDE_BY = new Date('2025-10-15T06:00:00Z');
/** 15 October 2025, 8 am in Spokane: the day after the decide-by date. */
export const DAY_AFTER_DECIDE_BY = new Date('2025-10-15T15:00:00Z');
