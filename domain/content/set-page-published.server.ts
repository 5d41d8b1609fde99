// An admin publishes or unpublishes a page. An unpublished page is not at its address, not in
// the navigation, on the home page or in the sitemap.
import { and, eq } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { sitePages } from '#db/schema/content.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { getSitePage, lockSite } from './page-records.server.ts';

export async function setPagePublished(db: Db, actor: Actor, input: { organizationId: string; pageId: string; published: boolean }): Promise<void> {
  await db.transaction(async (tx) => {
    await lockSite(tx, input.organizationId);
    const page = await getSitePage(tx, input.organizationId, input.pageId);
    if (page.published === input.published) return;
    await tx
      .update(sitePages)
      .set({ published: input.published, updatedAt: new Date() })
      .where(and(eq(sitePages.id, page.id), eq(sitePages.organizationId, page.organizationId)));
    await recordAudit(tx, actor, {
      organizationId: page.organizationId,
      action: input.published ? 'site.page_published' : 'site.page_unpublished',
      entityType: 'site_page',
      entityId: page.id,
      before: { published: page.published },
      after: { published: input.published },
    });
  });
}
