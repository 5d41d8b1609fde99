import { and, asc, desc, eq, gte, lt, ne } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { organizations } from '#db/schema/organizations.ts';
import { courses } from '#db/schema/courses.ts';
import { DomainError } from '#domain/errors.ts';

export async function findOrganizations(db: DbOrTx) {
  return db.select().from(organizations).orderBy(asc(organizations.name));
}

export async function getOrganizationBySlug(db: DbOrTx, slug: string) {
  const [org] = await db.select().from(organizations).where(eq(organizations.slug, slug));
  if (!org) throw new DomainError('ORGANIZATION_NOT_FOUND', slug);
  return org;
}

/** Published courses split around `today` (an ISO date in the organization's time zone). */
export async function findPublicCourses(db: DbOrTx, organizationId: string, today: string) {
  const visible = and(eq(courses.organizationId, organizationId), ne(courses.status, 'draft'), ne(courses.status, 'archived'));
  const upcoming = await db.select().from(courses).where(and(visible, gte(courses.endsOn, today))).orderBy(asc(courses.startsOn));
  const past = await db.select().from(courses).where(and(visible, lt(courses.endsOn, today))).orderBy(desc(courses.startsOn));
  return { upcoming, past };
}
