// A retired membership type in each organization for the sweep's URLs (ADR 0068), inserted in
// the app's database (tests/e2e/support-db.ts) as sweep-series.ts does, so an empty POST can
// never touch the demo's types.
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { membershipTypes } from '../../db/schema/membership.ts';
import { organizations } from '../../db/schema/organizations.ts';
import { appDatabase } from '../e2e/support-db.ts';

export async function createSweepMembershipTypes(orgSlugs: string[]): Promise<string[]> {
  const { db, close } = appDatabase();
  try {
    const ids: string[] = [];
    for (const slug of orgSlugs) {
      const [org] = await db.select().from(organizations).where(eq(organizations.slug, slug));
      if (!org) throw new Error(`setup: no organization ${slug}`);
      const [type] = await db
        .insert(membershipTypes)
        .values({ organizationId: org.id, key: `sweep-${crypto.randomBytes(4).toString('hex')}`, name: 'Sweep type', dues: { [org.currency]: 100 }, active: false })
        .returning({ id: membershipTypes.id });
      ids.push(type!.id);
    }
    return ids;
  } finally {
    await close();
  }
}
