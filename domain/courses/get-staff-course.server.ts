// Courses as staff see them: every status, with the price table's categories and cells.
import { and, asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { coursePriceCategories, coursePrices, courses } from '#db/schema/courses.ts';
import { DomainError } from '#domain/errors.ts';

export type Course = typeof courses.$inferSelect;
export type PriceCategory = typeof coursePriceCategories.$inferSelect;

export async function findStaffCourses(db: DbOrTx, organizationId: string) {
  return db
    .select({
      id: courses.id,
      slug: courses.slug,
      title: courses.title,
      kind: courses.kind,
      status: courses.status,
      startsOn: courses.startsOn,
      endsOn: courses.endsOn,
      capacity: courses.capacity,
    })
    .from(courses)
    .where(eq(courses.organizationId, organizationId))
    .orderBy(desc(courses.startsOn));
}

/** One course of the organization, any status, or COURSE_NOT_FOUND. */
export async function getStaffCourse(db: DbOrTx, organizationId: string, courseId: string): Promise<Course> {
  if (!/^[0-9a-f-]{36}$/i.test(courseId)) throw new DomainError('COURSE_NOT_FOUND', courseId);
  const [course] = await db.select().from(courses).where(and(eq(courses.id, courseId), eq(courses.organizationId, organizationId)));
  if (!course) throw new DomainError('COURSE_NOT_FOUND', courseId);
  return course;
}

/** One course of the organization by slug, any status (staff see drafts and closed courses too), or COURSE_NOT_FOUND. */
export async function getStaffCourseBySlug(db: DbOrTx, organizationId: string, slug: string): Promise<Course> {
  const [course] = await db.select().from(courses).where(and(eq(courses.organizationId, organizationId), eq(courses.slug, slug)));
  if (!course) throw new DomainError('COURSE_NOT_FOUND', slug);
  return course;
}

export interface PriceTableRow {
  key: string;
  label: string;
  requiresMembership: boolean;
  requiresTraineeStatus: boolean;
  early: number | null;
  regular: number | null;
}

/** Categories in order with their two cells (null where a cell is not set). */
export async function getPriceTable(db: DbOrTx, organizationId: string, courseId: string): Promise<PriceTableRow[]> {
  const [categories, cells] = await Promise.all([
    db
      .select()
      .from(coursePriceCategories)
      .where(and(eq(coursePriceCategories.organizationId, organizationId), eq(coursePriceCategories.courseId, courseId)))
      .orderBy(asc(coursePriceCategories.position)),
    db
      .select()
      .from(coursePrices)
      .where(and(eq(coursePrices.organizationId, organizationId), eq(coursePrices.courseId, courseId))),
  ]);
  const cell = (key: string, tier: 'early' | 'regular') => cells.find((c) => c.categoryKey === key && c.tier === tier)?.amountMinor ?? null;
  return categories.map((c) => ({
    key: c.key,
    label: c.label,
    requiresMembership: c.requiresMembership,
    requiresTraineeStatus: c.requiresTraineeStatus,
    early: cell(c.key, 'early'),
    regular: cell(c.key, 'regular'),
  }));
}
