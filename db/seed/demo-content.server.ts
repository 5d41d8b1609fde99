// The demo's public content: the American Balint Society with its published Spokane 2025
// intensive and an invented upcoming one, and both organizations' sites as pages and events
// (the Northwest Balint Circle's from seed 002, page by page).
// Run once on an empty database (server/demo.server.ts); the slugs are unique, so a second
// run fails instead of duplicating.
import type { DbOrTx } from '#db/client.server.ts';
import { courseFaculty, coursePriceCategories, coursePrices, courses, organizations } from '#db/schema/index.ts';
import { ABS_PAGES } from './abs-site.ts';
import { ABS_ORGANIZATION } from './abs-society.ts';
import { SPOKANE_2025 } from './abs-spokane-2025.ts';
import { upcomingIntensive } from './abs-upcoming.ts';
import { insertDemoSchedule } from './demo-schedule.ts';
import { NWBC_ORGANIZATION } from './nwbc.ts';
import { NWBC_ENTRIES, NWBC_PAGES } from './nwbc-site.ts';
import { insertSiteContent, type SeedSiteEntry, type SeedSitePage } from './site-content.ts';
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

  const abs = await insertOrganization(db, ABS_ORGANIZATION, ABS_PAGES, []);
  // The circle is a regional circle of the society: the society's directory lists its groups too.
  const nwbc = await insertOrganization(db, { ...NWBC_ORGANIZATION, parentOrganizationId: abs }, NWBC_PAGES, NWBC_ENTRIES);
  const pastCourseId = await insertIntensive(db, abs, SPOKANE_2025);
  const upcomingCourseId = await insertIntensive(db, abs, upcoming);
  return { abs, nwbc, pastCourseId, upcomingCourseId };
}

async function insertOrganization(
  db: DbOrTx,
  organization: typeof organizations.$inferInsert,
  pages: SeedSitePage[],
  entries: SeedSiteEntry[],
): Promise<string> {
  const [row] = await db.insert(organizations).values(organization).returning({ id: organizations.id });
  if (!row) throw new Error(`Organization ${organization.slug} was not inserted`);
  await insertSiteContent(db, row.id, pages, entries);
  return row.id;
}

// Member rows need an active ABS membership; trainee rows need a training program and an
// attestation of status ("Residents, students, fellows").
const PRICE_CATEGORY_RULES = [
  { key: 'non_member', label: 'Single Registration', position: 0, requiresMembership: false, requiresTraineeStatus: false },
  { key: 'member', label: 'ABS Member Registration', position: 1, requiresMembership: true, requiresTraineeStatus: false },
  { key: 'trainee', label: 'Residents, students, fellows', position: 2, requiresMembership: false, requiresTraineeStatus: true },
  { key: 'member_trainee', label: 'ABS Member Residents, students & fellows', position: 3, requiresMembership: true, requiresTraineeStatus: true },
];

async function insertIntensive(db: DbOrTx, organizationId: string, intensive: SeedIntensive): Promise<string> {
  const [row] = await db
    .insert(courses)
    .values({ ...intensive.course, organizationId })
    .returning({ id: courses.id });
  if (!row) throw new Error(`Course ${intensive.course.slug} was not inserted`);
  const courseId = row.id;
  await db.insert(coursePrices).values(intensive.prices.map((price) => ({ ...price, organizationId, courseId })));
  await db.insert(coursePriceCategories).values(PRICE_CATEGORY_RULES.map((category) => ({ ...category, organizationId, courseId })));
  await db.insert(courseFaculty).values(intensive.faculty.map((person) => ({ ...person, organizationId, courseId })));
  await insertDemoSchedule(db, { organizationId, courseId, startsOn: intensive.course.startsOn, timeZone: intensive.course.timeZone });
  return courseId;
}
