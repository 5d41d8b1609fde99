// An admin saves a page. The form carries the revision it was opened at: if someone else saved
// in between, the save is refused (PAGE_CHANGED_SINCE) rather than silently overwriting their
// text. A save that changes the text keeps a new revision (revision-rules.ts); navigation and
// home-page placement are settings of the page, not of its text, and keep none.
import { and, eq } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { sitePages, type PageFields } from '#db/schema/content.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { getSitePage, insertRevision, lockSite, slugTaken } from './page-records.server.ts';
import { changedFields, pageFieldsFrom, planSave } from './revision-rules.ts';

export interface SavePageInput {
  organizationId: string;
  pageId: string;
  /** The revision the editor was opened at. */
  baseRevision: number;
  fields: PageFields;
  inNavigation: boolean;
  onHome: boolean;
}

export type SavePageResult = { ok: true; revision: number; changed: boolean } | { ok: false; field: 'slug'; code: 'PAGE_SLUG_TAKEN' };

export async function savePage(db: Db, actor: Actor, input: SavePageInput): Promise<SavePageResult> {
  return db.transaction(async (tx) => {
    await lockSite(tx, input.organizationId);
    const page = await getSitePage(tx, input.organizationId, input.pageId);
    if (page.revision !== input.baseRevision) throw new DomainError('PAGE_CHANGED_SINCE', `${page.revision} != ${input.baseRevision}`);
    if (input.fields.slug !== page.slug && (await slugTaken(tx, page.organizationId, input.fields.slug, page.id))) {
      return { ok: false as const, field: 'slug' as const, code: 'PAGE_SLUG_TAKEN' as const };
    }
    const before = pageFieldsFrom(page);
    const plan = planSave(before, page.revision, input.fields);
    const settingsChanged = page.inNavigation !== input.inNavigation || page.onHome !== input.onHome;
    if (plan.kind === 'none' && !settingsChanged) return { ok: true as const, revision: page.revision, changed: false };
    const revision = plan.kind === 'new' ? plan.number : page.revision;
    await tx
      .update(sitePages)
      .set({ ...input.fields, inNavigation: input.inNavigation, onHome: input.onHome, revision, updatedAt: new Date() })
      .where(and(eq(sitePages.id, page.id), eq(sitePages.organizationId, page.organizationId)));
    if (plan.kind === 'new') await insertRevision(tx, actor, page, plan.number, plan.fields, null);
    await recordAudit(tx, actor, {
      organizationId: page.organizationId,
      action: 'site.page_saved',
      entityType: 'site_page',
      entityId: page.id,
      before: { revision: page.revision, inNavigation: page.inNavigation, onHome: page.onHome },
      after: { revision, changed: changedFields(before, input.fields), inNavigation: input.inNavigation, onHome: input.onHome },
    });
    return { ok: true as const, revision, changed: true };
  });
}
