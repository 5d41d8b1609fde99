// An admin creates a page: a draft (unpublished), last in the navigation, revision 1.
import { and, eq, max } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { sitePages, type PageFields } from '#db/schema/content.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { insertRevision, lockSite, slugTaken } from './page-records.server.ts';

export interface CreatePageInput {
  organizationId: string;
  fields: PageFields;
  inNavigation: boolean;
  onHome: boolean;
}

export type CreatePageResult = { ok: true; pageId: string } | { ok: false; field: 'slug'; code: 'PAGE_SLUG_TAKEN' };

export async function createPage(db: Db, actor: Actor, input: CreatePageInput): Promise<CreatePageResult> {
  return db.transaction(async (tx) => {
    await lockSite(tx, input.organizationId);
    if (await slugTaken(tx, input.organizationId, input.fields.slug)) return { ok: false as const, field: 'slug' as const, code: 'PAGE_SLUG_TAKEN' as const };
    const [last] = await tx
      .select({ position: max(sitePages.position) })
      .from(sitePages)
      .where(and(eq(sitePages.organizationId, input.organizationId)));
    const position = (last?.position ?? -1) + 1;
    const [page] = await tx
      .insert(sitePages)
      .values({ organizationId: input.organizationId, ...input.fields, position, inNavigation: input.inNavigation, onHome: input.onHome, published: false, revision: 1 })
      .returning();
    await insertRevision(tx, actor, page!, 1, input.fields, null);
    await recordAudit(tx, actor, { organizationId: input.organizationId, action: 'site.page_created', entityType: 'site_page', entityId: page!.id, after: { slug: page!.slug, title: page!.title } });
    return { ok: true as const, pageId: page!.id };
  });
}
