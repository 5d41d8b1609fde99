// A group listing and a free series in each organization for the sweep's URLs (ADR 0063). The
// directory's pages that make listings are another capability's; the rows are inserted in the
// app's database (tests/e2e/support-db.ts), as sweep-running.ts does for a course's sessions.
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { groupListings } from '../../db/schema/directory.ts';
import { organizations } from '../../db/schema/organizations.ts';
import { groupSeries } from '../../db/schema/series.ts';
import { appDatabase } from '../e2e/support-db.ts';

export async function createSweepSeries(orgSlugs: string[]): Promise<string[]> {
  const { db, close } = appDatabase();
  try {
    const ids: string[] = [];
    for (const slug of orgSlugs) {
      const [org] = await db.select().from(organizations).where(eq(organizations.slug, slug));
      if (!org) throw new Error(`setup: no organization ${slug}`);
      const [listing] = await db
        .insert(groupListings)
        .values({ organizationId: org.id, slug: `sweep-${crypto.randomBytes(4).toString('hex')}`, title: 'Sweep group', format: 'online', cadence: 'weekly', weekday: 3, startTime: '18:00', durationMinutes: 90, timeZone: org.timeZone, startsOn: '2099-01-07' })
        .returning();
      const [series] = await db
        .insert(groupSeries)
        .values({ organizationId: org.id, listingId: listing!.id, title: 'Sweep series', firstSessionOn: '2099-01-07', sessionCount: 4, priceMinor: 0, currency: org.currency, minimum: 2, maximum: 50, closesAfterSession: 1, decideBy: '2099-01-01' })
        .returning();
      ids.push(series!.id);
    }
    return ids;
  } finally {
    await close();
  }
}
