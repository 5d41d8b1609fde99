// The demo's public content: the American Balint Society with its published Spokane 2025
// intensive and an invented upcoming one, and the Northwest Balint Circle's home page.
// Run once on an empty database (server/demo.server.ts); the slugs are unique, so a second
// run fails instead of duplicating.
import type { DbOrTx } from '#db/client.server.ts';
import { contentSections, courseFaculty, coursePrices, courses, organizations } from '#db/schema/index.ts';
import { ABS_HOME, ABS_ORGANIZATION } from './abs-society.ts';
import type { SeedPageSection } from './abs-society.ts';
import { SPOKANE_2025 } from './abs-spokane-2025.ts';
import { upcomingIntensive } from './abs-upcoming.ts';
import { NWBC_HOME, NWBC_ORGANIZATION } from './nwbc.ts';
import type { SeedIntensive } from './seed-intensive.ts';

export interface DemoContentIds {
  abs: string;
  nwbc: string;
  pastCourseId: string;
  upcomingCourseId: string;
}

/** `today` ('YYYY-MM-DD') places the upcoming course: it opens for registration around it. */
export async function seedDemoContent(db: DbOrTx, today: string): Promise<DemoContentIds> {
  const upcoming = upcomingIntensive(today);

  const abs = await insertOrganization(db, ABS_ORGANIZATION, ABS_HOME);
  const nwbc = await insertOrganization(db, NWBC_ORGANIZATION, NWBC_HOME);
  const pastCourseId = await insertIntensive(db, abs, SPOKANE_2025);
  const upcomingCourseId = await insertIntensive(db, abs, upcoming);
  return { abs, nwbc, pastCourseId, upcomingCourseId };
}

async function insertOrganization(
  db: DbOrTx,
  organization: typeof organizations.$inferInsert,
  home: SeedPageSection[],
): Promise<string> {
  const [row] = await db.insert(organizations).values(organization).returning({ id: organizations.id });
  if (!row) throw new Error(`Organization ${organization.slug} was not inserted`);
  await db
    .insert(contentSections)
    .values(home.map((section, position) => ({ organizationId: row.id, page: 'home', position, ...section })));
  return row.id;
}

async function insertIntensive(db: DbOrTx, organizationId: string, intensive: SeedIntensive): Promise<string> {
  const [row] = await db
    .insert(courses)
    .values({ ...intensive.course, organizationId })
    .returning({ id: courses.id });
  if (!row) throw new Error(`Course ${intensive.course.slug} was not inserted`);
  const courseId = row.id;
  await db.insert(coursePrices).values(intensive.prices.map((price) => ({ ...price, organizationId, courseId })));
  await db.insert(courseFaculty).values(intensive.faculty.map((person) => ({ ...person, organizationId, courseId })));
  return courseId;
}
