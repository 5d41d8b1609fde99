// The demo's public-site content as pages and events (issue 14, ADR 0059), and how it is
// inserted: each page published, at revision 1, in the order given (the navigation's and the
// home page's order). Inserted directly, as the rest of the seed is; the admin's use cases
// (domain/content/) take over from there.
import type { DbOrTx } from '#db/client.server.ts';
import { siteEntries, sitePageRevisions, sitePages, type EntryKind } from '#db/schema/index.ts';

export interface SeedSitePage {
  slug: string;
  title: string;
  description: string;
  /** Markdown. */
  body: string;
  inNavigation: boolean;
  onHome: boolean;
}

export interface SeedSiteEntry {
  kind: EntryKind;
  title: string;
  startsOn: string;
  endsOn: string | null;
  place: string;
  summary: string;
  body: string;
}

export async function insertSiteContent(db: DbOrTx, organizationId: string, pages: SeedSitePage[], entries: SeedSiteEntry[]): Promise<void> {
  for (const [position, page] of pages.entries()) {
    const fields = { title: page.title, slug: page.slug, description: page.description, body: page.body, socialTitle: '', socialDescription: '', socialImageUrl: '', twitterCard: 'summary' as const };
    const [row] = await db
      .insert(sitePages)
      .values({ organizationId, ...fields, position, inNavigation: page.inNavigation, onHome: page.onHome, published: true, revision: 1 })
      .returning({ id: sitePages.id });
    await db.insert(sitePageRevisions).values({ organizationId, pageId: row!.id, number: 1, ...fields });
  }
  if (entries.length) await db.insert(siteEntries).values(entries.map((entry) => ({ organizationId, ...entry, published: true })));
}
