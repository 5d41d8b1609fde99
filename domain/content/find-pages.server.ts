// Reading an organization's pages: the admin's list and revisions, and what the public site shows.
import { and, asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { sitePageRevisions, sitePages } from '#db/schema/content.ts';
import { DomainError } from '#domain/errors.ts';

/** Every page of the organization, in the site's order (the admin's list). */
export async function findSitePages(db: DbOrTx, organizationId: string) {
  return db
    .select({ id: sitePages.id, slug: sitePages.slug, title: sitePages.title, published: sitePages.published, inNavigation: sitePages.inNavigation, onHome: sitePages.onHome, revision: sitePages.revision, updatedAt: sitePages.updatedAt })
    .from(sitePages)
    .where(eq(sitePages.organizationId, organizationId))
    .orderBy(asc(sitePages.position), asc(sitePages.createdAt));
}

export async function findPageRevisions(db: DbOrTx, organizationId: string, pageId: string) {
  return db
    .select({ number: sitePageRevisions.number, title: sitePageRevisions.title, slug: sitePageRevisions.slug, restoredFrom: sitePageRevisions.restoredFrom, createdAt: sitePageRevisions.createdAt, body: sitePageRevisions.body })
    .from(sitePageRevisions)
    .where(and(eq(sitePageRevisions.organizationId, organizationId), eq(sitePageRevisions.pageId, pageId)))
    .orderBy(desc(sitePageRevisions.number));
}

/** A published page at its address, or PAGE_NOT_FOUND. */
export async function getPublishedPage(db: DbOrTx, organizationId: string, slug: string) {
  const [page] = await db
    .select()
    .from(sitePages)
    .where(and(eq(sitePages.organizationId, organizationId), eq(sitePages.slug, slug), eq(sitePages.published, true)));
  if (!page) throw new DomainError('PAGE_NOT_FOUND', slug);
  return page;
}

/** The published pages the site's header links to, in the admin's order. */
export async function findNavigationPages(db: DbOrTx, organizationId: string) {
  return db
    .select({ slug: sitePages.slug, title: sitePages.title })
    .from(sitePages)
    .where(and(eq(sitePages.organizationId, organizationId), eq(sitePages.published, true), eq(sitePages.inNavigation, true)))
    .orderBy(asc(sitePages.position), asc(sitePages.createdAt));
}

/** The published pages shown on the home page, in order. */
export async function findHomePages(db: DbOrTx, organizationId: string) {
  return db
    .select({ slug: sitePages.slug, title: sitePages.title, body: sitePages.body })
    .from(sitePages)
    .where(and(eq(sitePages.organizationId, organizationId), eq(sitePages.published, true), eq(sitePages.onHome, true)))
    .orderBy(asc(sitePages.position), asc(sitePages.createdAt));
}
