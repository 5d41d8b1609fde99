// An admin moves a page one place up or down in the site's order (the navigation and the home
// page follow it): the page swaps places with its neighbour.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { sitePages } from '#db/schema/content.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { getSitePage, lockSite } from './page-records.server.ts';

export async function movePage(db: Db, actor: Actor, input: { organizationId: string; pageId: string; direction: 'up' | 'down' }): Promise<void> {
  await db.transaction(async (tx) => {
    await lockSite(tx, input.organizationId);
    const page = await getSitePage(tx, input.organizationId, input.pageId);
    const order = await tx
      .select({ id: sitePages.id, position: sitePages.position })
      .from(sitePages)
      .where(eq(sitePages.organizationId, page.organizationId))
      .orderBy(asc(sitePages.position), asc(sitePages.createdAt));
    const at = order.findIndex((p) => p.id === page.id);
    const to = input.direction === 'up' ? at - 1 : at + 1;
    if (to < 0 || to >= order.length) return;
    [order[at], order[to]] = [order[to]!, order[at]!];
    // Renumber all: positions stay 0..n-1 whatever they were before.
    for (const [position, row] of order.entries()) {
      if (row.position !== position) await tx.update(sitePages).set({ position }).where(and(eq(sitePages.id, row.id), eq(sitePages.organizationId, page.organizationId)));
    }
    await recordAudit(tx, actor, { organizationId: page.organizationId, action: 'site.page_moved', entityType: 'site_page', entityId: page.id, before: { position: at }, after: { position: to } });
  });
}
