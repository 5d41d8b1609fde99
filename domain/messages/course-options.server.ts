// What the message page offers to filter on: the course's price categories.
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { coursePrices } from '#db/schema/courses.ts';

export async function findMessageCategories(db: DbOrTx, organizationId: string, courseId: string): Promise<{ key: string; label: string }[]> {
  const rows = await db
    .selectDistinctOn([coursePrices.position, coursePrices.categoryKey], { key: coursePrices.categoryKey, label: coursePrices.categoryLabel })
    .from(coursePrices)
    .where(and(eq(coursePrices.organizationId, organizationId), eq(coursePrices.courseId, courseId)))
    .orderBy(asc(coursePrices.position), asc(coursePrices.categoryKey));
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.key) ? false : (seen.add(r.key), true)));
}
