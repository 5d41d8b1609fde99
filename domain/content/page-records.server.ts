// What the page use cases share: the per-organization lock every page write takes (slugs are
// unique per organization and positions are a sequence, so writes to one site's pages go one
// at a time), and reading one page of one organization.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { organizations } from '#db/schema/organizations.ts';
import { sitePageRevisions, sitePages, type PageFields } from '#db/schema/content.ts';
import type { Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';

export type SitePage = typeof sitePages.$inferSelect;

/** Locks the organization's site for the rest of the transaction. */
export async function lockSite(tx: DbOrTx, organizationId: string): Promise<void> {
  await tx.execute(sql`select 1 from ${organizations} where ${organizations.id} = ${organizationId} for update`);
}

/** One page of one organization, or PAGE_NOT_FOUND (another organization's page is not found). */
export async function getSitePage(db: DbOrTx, organizationId: string, pageId: string): Promise<SitePage> {
  const [page] = await db
    .select()
    .from(sitePages)
    .where(and(eq(sitePages.organizationId, organizationId), eq(sitePages.id, pageId)));
  if (!page) throw new DomainError('PAGE_NOT_FOUND', pageId);
  return page;
}

/** Whether another page of the organization already has the slug. */
export async function slugTaken(db: DbOrTx, organizationId: string, slug: string, exceptPageId?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: sitePages.id })
    .from(sitePages)
    .where(and(eq(sitePages.organizationId, organizationId), eq(sitePages.slug, slug)));
  return row !== undefined && row.id !== exceptPageId;
}

export async function insertRevision(tx: DbOrTx, actor: Actor, page: { organizationId: string; id: string }, number: number, fields: PageFields, restoredFrom: number | null): Promise<void> {
  await tx.insert(sitePageRevisions).values({ organizationId: page.organizationId, pageId: page.id, number, restoredFrom, createdBy: actor.userId, ...fields });
}
