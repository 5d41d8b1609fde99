// What the deployment's sitemap.xml lists: every organization's home, its published pages, its
// events and news lists, its public course pages and its groups directory. Paths only; the
// route puts PUBLIC_URL in front.
import { and, asc, eq, max, ne } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { siteEntries, sitePages } from '#db/schema/content.ts';
import { courses } from '#db/schema/courses.ts';
import { organizations } from '#db/schema/organizations.ts';

export interface SitemapUrl {
  path: string;
  /** ISO date of the last change, when known. */
  lastModified?: string;
}

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : undefined);

export async function findSitemapUrls(db: DbOrTx): Promise<SitemapUrl[]> {
  const [orgs, pages, entries, publicCourses] = await Promise.all([
    db.select({ id: organizations.id, slug: organizations.slug }).from(organizations).orderBy(asc(organizations.slug)),
    db
      .select({ organizationId: sitePages.organizationId, slug: sitePages.slug, updatedAt: sitePages.updatedAt })
      .from(sitePages)
      .where(eq(sitePages.published, true))
      .orderBy(asc(sitePages.position)),
    db
      .select({ organizationId: siteEntries.organizationId, kind: siteEntries.kind, updatedAt: max(siteEntries.updatedAt) })
      .from(siteEntries)
      .where(eq(siteEntries.published, true))
      .groupBy(siteEntries.organizationId, siteEntries.kind),
    db
      .select({ organizationId: courses.organizationId, slug: courses.slug })
      .from(courses)
      .where(and(ne(courses.status, 'draft'), ne(courses.status, 'archived')))
      .orderBy(asc(courses.startsOn)),
  ]);
  const urls: SitemapUrl[] = [];
  for (const org of orgs) {
    const base = `/o/${org.slug}`;
    urls.push({ path: base });
    for (const page of pages.filter((p) => p.organizationId === org.id)) urls.push({ path: `${base}/pages/${page.slug}`, lastModified: day(page.updatedAt) });
    for (const kind of ['event', 'news'] as const) {
      const list = entries.find((e) => e.organizationId === org.id && e.kind === kind);
      if (list) urls.push({ path: `${base}/${kind === 'event' ? 'events' : 'news'}`, lastModified: day(list.updatedAt) });
    }
    for (const course of publicCourses.filter((c) => c.organizationId === org.id)) urls.push({ path: `${base}/courses/${course.slug}` });
    urls.push({ path: `${base}/groups` });
  }
  return urls;
}
