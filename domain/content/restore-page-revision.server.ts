// An admin restores an earlier revision of a page: a new revision with its text (see
// revision-rules.ts). The restored slug must still be free; a page's published state, place in
// the navigation and on the home page are not part of a revision and stay as they are.
import { and, eq } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { sitePageRevisions, sitePages } from '#db/schema/content.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { getSitePage, insertRevision, lockSite, slugTaken } from './page-records.server.ts';
import { pageFieldsFrom, planRestore } from './revision-rules.ts';

export async function restorePageRevision(db: Db, actor: Actor, input: { organizationId: string; pageId: string; revisionNumber: number }): Promise<{ revision: number; changed: boolean }> {
  return db.transaction(async (tx) => {
    await lockSite(tx, input.organizationId);
    const page = await getSitePage(tx, input.organizationId, input.pageId);
    const [old] = await tx
      .select()
      .from(sitePageRevisions)
      .where(and(eq(sitePageRevisions.pageId, page.id), eq(sitePageRevisions.organizationId, page.organizationId), eq(sitePageRevisions.number, input.revisionNumber)));
    if (!old) throw new DomainError('PAGE_REVISION_NOT_FOUND', String(input.revisionNumber));
    const plan = planRestore(pageFieldsFrom(page), page.revision, old.number, pageFieldsFrom(old));
    if (plan.kind === 'none') return { revision: page.revision, changed: false };
    if (plan.fields.slug !== page.slug && (await slugTaken(tx, page.organizationId, plan.fields.slug, page.id))) throw new DomainError('PAGE_SLUG_TAKEN', plan.fields.slug);
    await tx
      .update(sitePages)
      .set({ ...plan.fields, revision: plan.number, updatedAt: new Date() })
      .where(and(eq(sitePages.id, page.id), eq(sitePages.organizationId, page.organizationId)));
    await insertRevision(tx, actor, page, plan.number, plan.fields, old.number);
    await recordAudit(tx, actor, {
      organizationId: page.organizationId,
      action: 'site.page_restored',
      entityType: 'site_page',
      entityId: page.id,
      before: { revision: page.revision },
      after: { revision: plan.number, restoredFrom: old.number },
    });
    return { revision: plan.number, changed: true };
  });
}
