// The page use cases on a real PostgreSQL: revisions on every save, restore as a new revision,
// publish, order, slugs unique per organization, a stale editor refused, and one organization's
// pages out of reach of another's.
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import type { PageFields } from '#db/schema/content.ts';
import { auditEvents } from '#db/schema/audit.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { createOrganization } from '../../tests/helpers/fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { createPage } from './create-page.server.ts';
import { findHomePages, findNavigationPages, findPageRevisions, findSitePages, getPublishedPage } from './find-pages.server.ts';
import { movePage } from './move-page.server.ts';
import { getSitePage } from './page-records.server.ts';
import { restorePageRevision } from './restore-page-revision.server.ts';
import { savePage } from './save-page.server.ts';
import { setPagePublished } from './set-page-published.server.ts';

const testDb = useTestDatabase();

const fields = (over: Partial<PageFields> = {}): PageFields => ({
  title: 'Who We Are',
  slug: 'who-we-are',
  description: 'The circle.',
  body: 'First text.',
  socialTitle: '',
  socialDescription: '',
  socialImageUrl: '',
  twitterCard: 'summary',
  ...over,
});

async function newPage(organizationId: string, over: Partial<PageFields> = {}, placement = { inNavigation: true, onHome: false }) {
  const created = await createPage(testDb.db, systemActor, { organizationId, fields: fields(over), ...placement });
  if (!created.ok) throw new Error(created.code);
  return created.pageId;
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (e: unknown) => (e instanceof DomainError ? e.code : String(e)),
  );

describe('pages', () => {
  test('a new page is a draft at revision 1; saving keeps revisions; a save that changes nothing keeps none', async () => {
    const org = await createOrganization(testDb.db);
    const pageId = await newPage(org.id);
    expect(await getSitePage(testDb.db, org.id, pageId)).toMatchObject({ published: false, revision: 1, position: 0 });
    await expect(codeOf(getPublishedPage(testDb.db, org.id, 'who-we-are'))).resolves.toBe('PAGE_NOT_FOUND');

    const base = { organizationId: org.id, pageId, inNavigation: true, onHome: false };
    expect(await savePage(testDb.db, systemActor, { ...base, baseRevision: 1, fields: fields({ body: 'Second text.' }) })).toEqual({ ok: true, revision: 2, changed: true });
    expect(await savePage(testDb.db, systemActor, { ...base, baseRevision: 2, fields: fields({ body: 'Second text.' }) })).toEqual({ ok: true, revision: 2, changed: false });
    // Moving it onto the home page is a setting, not a new revision of its text.
    expect(await savePage(testDb.db, systemActor, { ...base, onHome: true, baseRevision: 2, fields: fields({ body: 'Second text.' }) })).toEqual({ ok: true, revision: 2, changed: true });
    const revisions = await findPageRevisions(testDb.db, org.id, pageId);
    expect(revisions.map((r) => [r.number, r.body])).toEqual([
      [2, 'Second text.'],
      [1, 'First text.'],
    ]);
    const audit = await testDb.db.select().from(auditEvents).where(eq(auditEvents.entityId, pageId));
    expect(audit.map((a) => a.action).sort()).toEqual(['site.page_created', 'site.page_saved', 'site.page_saved']);
  });

  test('an editor opened at an older revision cannot overwrite a newer save', async () => {
    const org = await createOrganization(testDb.db);
    const pageId = await newPage(org.id);
    const base = { organizationId: org.id, pageId, inNavigation: true, onHome: false };
    await savePage(testDb.db, systemActor, { ...base, baseRevision: 1, fields: fields({ body: 'Alice’s text.' }) });
    await expect(codeOf(savePage(testDb.db, systemActor, { ...base, baseRevision: 1, fields: fields({ body: 'Bob’s text.' }) }))).resolves.toBe('PAGE_CHANGED_SINCE');
    expect((await getSitePage(testDb.db, org.id, pageId)).body).toBe('Alice’s text.');
  });

  test('restoring an earlier revision makes a new revision with its text; the restore can itself be undone', async () => {
    const org = await createOrganization(testDb.db);
    const pageId = await newPage(org.id);
    const base = { organizationId: org.id, pageId, inNavigation: true, onHome: false };
    await savePage(testDb.db, systemActor, { ...base, baseRevision: 1, fields: fields({ title: 'About us', body: 'Second.' }) });
    await savePage(testDb.db, systemActor, { ...base, baseRevision: 2, fields: fields({ title: 'About us', body: 'Third.' }) });

    expect(await restorePageRevision(testDb.db, systemActor, { organizationId: org.id, pageId, revisionNumber: 1 })).toEqual({ revision: 4, changed: true });
    expect(await getSitePage(testDb.db, org.id, pageId)).toMatchObject({ revision: 4, title: 'Who We Are', body: 'First text.' });
    const revisions = await findPageRevisions(testDb.db, org.id, pageId);
    expect(revisions.map((r) => [r.number, r.body, r.restoredFrom])).toEqual([
      [4, 'First text.', 1],
      [3, 'Third.', null],
      [2, 'Second.', null],
      [1, 'First text.', null],
    ]);
    // Restoring what is shown changes nothing; restoring 3 undoes the restore.
    expect(await restorePageRevision(testDb.db, systemActor, { organizationId: org.id, pageId, revisionNumber: 1 })).toEqual({ revision: 4, changed: false });
    expect(await restorePageRevision(testDb.db, systemActor, { organizationId: org.id, pageId, revisionNumber: 3 })).toEqual({ revision: 5, changed: true });
    expect((await getSitePage(testDb.db, org.id, pageId)).body).toBe('Third.');
    await expect(codeOf(restorePageRevision(testDb.db, systemActor, { organizationId: org.id, pageId, revisionNumber: 9 }))).resolves.toBe('PAGE_REVISION_NOT_FOUND');
  });

  test('a restored address must still be free', async () => {
    const org = await createOrganization(testDb.db);
    const pageId = await newPage(org.id, { slug: 'first' });
    await savePage(testDb.db, systemActor, { organizationId: org.id, pageId, inNavigation: true, onHome: false, baseRevision: 1, fields: fields({ slug: 'second' }) });
    await newPage(org.id, { slug: 'first', title: 'Another' });
    await expect(codeOf(restorePageRevision(testDb.db, systemActor, { organizationId: org.id, pageId, revisionNumber: 1 }))).resolves.toBe('PAGE_SLUG_TAKEN');
  });

  test('addresses are unique within an organization, not across organizations', async () => {
    const a = await createOrganization(testDb.db);
    const b = await createOrganization(testDb.db);
    await newPage(a.id);
    expect(await createPage(testDb.db, systemActor, { organizationId: a.id, fields: fields(), inNavigation: true, onHome: false })).toEqual({ ok: false, field: 'slug', code: 'PAGE_SLUG_TAKEN' });
    expect((await createPage(testDb.db, systemActor, { organizationId: b.id, fields: fields(), inNavigation: true, onHome: false })).ok).toBe(true);
    const other = await newPage(a.id, { slug: 'other' });
    expect(await savePage(testDb.db, systemActor, { organizationId: a.id, pageId: other, inNavigation: true, onHome: false, baseRevision: 1, fields: fields() })).toEqual({ ok: false, field: 'slug', code: 'PAGE_SLUG_TAKEN' });
  });

  test('published pages appear at their address, in the navigation and on the home page in the admin’s order', async () => {
    const org = await createOrganization(testDb.db);
    const one = await newPage(org.id, { slug: 'one', title: 'One' }, { inNavigation: true, onHome: true });
    const two = await newPage(org.id, { slug: 'two', title: 'Two' }, { inNavigation: true, onHome: true });
    const three = await newPage(org.id, { slug: 'three', title: 'Three' }, { inNavigation: false, onHome: true });
    expect(await findNavigationPages(testDb.db, org.id)).toEqual([]);
    for (const pageId of [one, two, three]) await setPagePublished(testDb.db, systemActor, { organizationId: org.id, pageId, published: true });
    expect((await findNavigationPages(testDb.db, org.id)).map((p) => p.title)).toEqual(['One', 'Two']);

    await movePage(testDb.db, systemActor, { organizationId: org.id, pageId: three, direction: 'up' });
    await movePage(testDb.db, systemActor, { organizationId: org.id, pageId: three, direction: 'up' });
    await movePage(testDb.db, systemActor, { organizationId: org.id, pageId: three, direction: 'up' }); // already first: nothing
    expect((await findSitePages(testDb.db, org.id)).map((p) => p.title)).toEqual(['Three', 'One', 'Two']);
    expect((await findHomePages(testDb.db, org.id)).map((p) => p.title)).toEqual(['Three', 'One', 'Two']);

    await setPagePublished(testDb.db, systemActor, { organizationId: org.id, pageId: one, published: false });
    expect((await findNavigationPages(testDb.db, org.id)).map((p) => p.title)).toEqual(['Two']);
    await expect(codeOf(getPublishedPage(testDb.db, org.id, 'one'))).resolves.toBe('PAGE_NOT_FOUND');
    expect((await getPublishedPage(testDb.db, org.id, 'two')).title).toBe('Two');
  });

  test('one organization cannot read, edit, publish, move or restore another’s page', async () => {
    const abs = await createOrganization(testDb.db);
    const nwbc = await createOrganization(testDb.db);
    const pageId = await newPage(nwbc.id);
    const as = { organizationId: abs.id, pageId };
    await expect(codeOf(getSitePage(testDb.db, abs.id, pageId))).resolves.toBe('PAGE_NOT_FOUND');
    await expect(codeOf(savePage(testDb.db, systemActor, { ...as, inNavigation: true, onHome: true, baseRevision: 1, fields: fields({ body: 'Taken over.' }) }))).resolves.toBe('PAGE_NOT_FOUND');
    await expect(codeOf(setPagePublished(testDb.db, systemActor, { ...as, published: true }))).resolves.toBe('PAGE_NOT_FOUND');
    await expect(codeOf(movePage(testDb.db, systemActor, { ...as, direction: 'down' }))).resolves.toBe('PAGE_NOT_FOUND');
    await expect(codeOf(restorePageRevision(testDb.db, systemActor, { ...as, revisionNumber: 1 }))).resolves.toBe('PAGE_NOT_FOUND');
    expect(await findPageRevisions(testDb.db, abs.id, pageId)).toEqual([]);
    expect(await getSitePage(testDb.db, nwbc.id, pageId)).toMatchObject({ body: 'First text.', published: false, revision: 1 });
  });
});
