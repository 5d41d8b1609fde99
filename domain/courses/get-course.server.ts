import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { courseFaculty, coursePrices, courses } from '#db/schema/courses.ts';
import { organizations } from '#db/schema/organizations.ts';
import { DomainError } from '#domain/errors.ts';

export interface PriceRow {
  categoryKey: string;
  categoryLabel: string;
  early: number | undefined;
  regular: number | undefined;
}

/** The price table as published: one row per category, one explicit amount per tier. */
export function priceTable(cells: (typeof coursePrices.$inferSelect)[]): PriceRow[] {
  const rows = new Map<string, PriceRow & { position: number }>();
  for (const cell of cells) {
    const row = rows.get(cell.categoryKey) ?? { categoryKey: cell.categoryKey, categoryLabel: cell.categoryLabel, position: cell.position, early: undefined, regular: undefined };
    row[cell.tier] = cell.amountMinor;
    rows.set(cell.categoryKey, row);
  }
  return [...rows.values()].sort((a, b) => a.position - b.position).map(({ position: _p, ...row }) => row);
}

/** A course visible to the public (not a draft, not archived) with its prices and faculty. */
export async function getPublicCourse(db: DbOrTx, organizationId: string, slug: string) {
  const [course] = await db.select().from(courses).where(and(eq(courses.organizationId, organizationId), eq(courses.slug, slug)));
  if (!course || course.status === 'draft' || course.status === 'archived') throw new DomainError('COURSE_NOT_FOUND', slug);
  const [prices, faculty] = await Promise.all([
    db.select().from(coursePrices).where(and(eq(coursePrices.organizationId, organizationId), eq(coursePrices.courseId, course.id))),
    db
      .select()
      .from(courseFaculty)
      .where(and(eq(courseFaculty.organizationId, organizationId), eq(courseFaculty.courseId, course.id)))
      .orderBy(asc(courseFaculty.position)),
  ]);
  return { course, prices: priceTable(prices), faculty };
}

/**
 * The ids behind a public course address (organization slug, course slug), in one query: the
 * application path is hot. ORGANIZATION_NOT_FOUND, or COURSE_NOT_FOUND for a draft or archived course.
 */
export async function getPublicCourseIds(db: DbOrTx, organizationSlug: string, courseSlug: string): Promise<{ organizationId: string; courseId: string }> {
  const [row] = await db
    .select({ organizationId: organizations.id, courseId: courses.id, courseStatus: courses.status })
    .from(organizations)
    .leftJoin(courses, and(eq(courses.organizationId, organizations.id), eq(courses.slug, courseSlug)))
    .where(eq(organizations.slug, organizationSlug));
  if (!row) throw new DomainError('ORGANIZATION_NOT_FOUND', organizationSlug);
  if (!row.courseId || row.courseStatus === 'draft' || row.courseStatus === 'archived') throw new DomainError('COURSE_NOT_FOUND', courseSlug);
  return { organizationId: row.organizationId, courseId: row.courseId };
}
