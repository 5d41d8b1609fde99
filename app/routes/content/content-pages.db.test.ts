// The site's admin and public pages called as React Router calls them: only an organization's
// admins manage its site, and only its own pages; uploads are checked from their bytes; what
// the public sees (pages, images, events, the sitemap) is only what was published.
import crypto from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { assignRole, createVerifiedAccount } from '#domain/accounts/create-account.server.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { createPage } from '#domain/content/create-page.server.ts';
import { setPagePublished } from '#domain/content/set-page-published.server.ts';
import { createOrganization } from '../../../tests/helpers/fixtures.ts';
import { routeHarness, thrownStatus } from '../../../tests/helpers/route-harness.ts';
import { useTestDatabase } from '../../../tests/helpers/test-database.ts';
import { action as entryNewAction } from './entry-new.tsx';
import { loader as eventsLoader } from './events.tsx';
import { action as imagesAction, loader as imagesLoader } from './images.tsx';
import { loader as mediaLoader } from './media.ts';
import { action as editAction, loader as editLoader } from './page-edit.tsx';
import { action as newAction } from './page-new.tsx';
import { loader as pageLoader } from './page.tsx';
import { loader as robotsLoader } from './robots.ts';
import { action as settingsAction } from './settings.tsx';
import { loader as siteLoader } from './site.tsx';
import { loader as sitemapLoader } from './sitemap.ts';

const testDb = useTestDatabase();
const BASE = 'http://localhost:3996';
const harness = routeHarness(testDb, { baseUrl: BASE, encryptionKey: crypto.randomBytes(32) });

async function person(organizationId: string, role: 'admin' | 'treasurer') {
  const email = `${role}-${crypto.randomBytes(4).toString('hex')}@example.org`;
  const password = 'site-admin-password-123';
  const { userId } = await createVerifiedAccount(testDb.db, { email, name: `A ${role}`, password }, systemActor);
  await assignRole(testDb.db, { organizationId, userId, role }, systemActor);
  return { email, password };
}

async function post(url: string, who: { email: string; password: string }, fields: Record<string, string | Blob>) {
  const signed = await harness.signedInRequest(url, who);
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return new Request(url, { method: 'POST', body, headers: { cookie: signed.headers.get('cookie')! } });
}

const statusOf = (result: unknown) => (result instanceof Response ? result.status : ((result as { init?: { status?: number } } | undefined)?.init?.status ?? 200));
const dataOf = <T,>(result: unknown) => ((result as { data?: T }).data ?? result) as T;
const context = () => harness.routeContext();
const pageForm = (over: Record<string, string> = {}) => ({ intent: 'save', title: 'Who We Are', slug: 'who-we-are', description: 'About us.', body: 'Hello **world**.', socialTitle: '', socialDescription: '', socialImageUrl: '', twitterCard: 'summary', inNavigation: 'on', ...over });

async function setup() {
  const nwbc = await createOrganization(testDb.db);
  const abs = await createOrganization(testDb.db);
  return { nwbc, abs, nwbcAdmin: await person(nwbc.id, 'admin'), absAdmin: await person(abs.id, 'admin'), treasurer: await person(nwbc.id, 'treasurer') };
}

describe('the site’s admin pages', () => {
  test('an admin creates a page; the public sees it only once published, with its meta tags and canonical address', async () => {
    const { nwbc, nwbcAdmin } = await setup();
    const url = `${BASE}/o/${nwbc.slug}/admin/site/pages/new`;
    const created = await newAction({ request: await post(url, nwbcAdmin, pageForm({ description: 'About the circle.' })), context: context(), params: { org: nwbc.slug } } as never);
    expect(created).toBeInstanceOf(Response);
    const location = (created as Response).headers.get('location')!;
    const pageId = /pages\/([0-9a-f-]{36})/.exec(location)![1]!;
    const params = { org: nwbc.slug, slug: 'who-we-are' };
    expect(await thrownStatus(() => pageLoader({ request: new Request(`${BASE}/o/${nwbc.slug}/pages/who-we-are`), context: context(), params } as never))).toBe(404);

    const editUrl = `${BASE}/o/${nwbc.slug}/admin/site/pages/${pageId}`;
    await editAction({ request: await post(editUrl, nwbcAdmin, { intent: 'publish' }), context: context(), params: { org: nwbc.slug, pageId } } as never);
    const shown = await pageLoader({ request: new Request(`${BASE}/o/${nwbc.slug}/pages/who-we-are`), context: context(), params } as never);
    expect(shown).toMatchObject({ title: 'Who We Are', html: '<p>Hello <strong>world</strong>.</p>\n', description: 'About the circle.', canonical: `${BASE}/o/${nwbc.slug}/pages/who-we-are`, social: { title: 'Who We Are', card: 'summary', image: null } });
  });

  test('a refused form keeps what was typed and says why, field by field; Preview renders without saving', async () => {
    const { nwbc, nwbcAdmin } = await setup();
    const url = `${BASE}/o/${nwbc.slug}/admin/site/pages/new`;
    const refused = await newAction({ request: await post(url, nwbcAdmin, pageForm({ slug: 'Who We Are', body: 'Kept <script>alert(1)</script>' })), context: context(), params: { org: nwbc.slug } } as never);
    expect(statusOf(refused)).toBe(400);
    const body = dataOf<{ values: Record<string, string>; errors: Record<string, string>; previewHtml: string }>(refused);
    expect(body.values.body).toBe('Kept <script>alert(1)</script>');
    expect(body.errors.slug).toContain('lowercase');
    expect(body.previewHtml).toBe('<p>Kept </p>\n');

    const preview = await newAction({ request: await post(url, nwbcAdmin, pageForm({ intent: 'preview', body: '## Soon\n\n<img src=x onerror=alert(1)>' })), context: context(), params: { org: nwbc.slug } } as never);
    expect(dataOf<{ previewHtml: string }>(preview).previewHtml).toBe('<h2>Soon</h2>\n<img src="x" />');
    expect(dataOf<{ values: Record<string, string> }>(preview).values.slug).toBe('who-we-are');
  });

  test('another organization’s admin gets a 404 for the page; a treasurer of the same organization gets a 403', async () => {
    const { nwbc, abs, nwbcAdmin, absAdmin, treasurer } = await setup();
    const created = await createPage(testDb.db, systemActor, { organizationId: nwbc.id, fields: { title: 'T', slug: 't', description: '', body: 'Ours.', socialTitle: '', socialDescription: '', socialImageUrl: '', twitterCard: 'summary' }, inNavigation: true, onHome: false });
    const pageId = created.ok ? created.pageId : '';
    // Through the other organization's address, with the other organization's admin.
    const absUrl = `${BASE}/o/${abs.slug}/admin/site/pages/${pageId}`;
    expect(await thrownStatus(async () => editLoader({ request: await harness.signedInRequest(absUrl, absAdmin), context: context(), params: { org: abs.slug, pageId } } as never))).toBe(404);
    expect(await thrownStatus(async () => editAction({ request: await post(absUrl, absAdmin, pageForm({ baseRevision: '1', body: 'Taken over.' })), context: context(), params: { org: abs.slug, pageId } } as never))).toBe(404);
    expect(await thrownStatus(async () => editAction({ request: await post(absUrl, absAdmin, { intent: 'publish' }), context: context(), params: { org: abs.slug, pageId } } as never))).toBe(404);
    // Even a form that would be refused is answered "not found" first (it says nothing about the form).
    expect(await thrownStatus(async () => editAction({ request: await post(absUrl, absAdmin, {}), context: context(), params: { org: abs.slug, pageId } } as never))).toBe(404);
    const { action: revisionsAction } = await import('./page-revisions.tsx');
    expect(await thrownStatus(async () => revisionsAction({ request: await post(`${absUrl}/revisions`, absAdmin, {}), context: context(), params: { org: abs.slug, pageId } } as never))).toBe(404);
    // Through this organization's address, with the other organization's admin.
    const nwbcUrl = `${BASE}/o/${nwbc.slug}/admin/site/pages/${pageId}`;
    expect(await thrownStatus(async () => editLoader({ request: await harness.signedInRequest(nwbcUrl, absAdmin), context: context(), params: { org: nwbc.slug, pageId } } as never))).toBe(403);
    expect(await thrownStatus(async () => siteLoader({ request: await harness.signedInRequest(`${BASE}/o/${nwbc.slug}/admin/site`, treasurer), context: context(), params: { org: nwbc.slug } } as never))).toBe(403);
    const ours = await editLoader({ request: await harness.signedInRequest(nwbcUrl, nwbcAdmin), context: context(), params: { org: nwbc.slug, pageId } } as never);
    expect(ours.values.body).toBe('Ours.');
  });
});

describe('images', () => {
  const png = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#1f4e79' } }).png().toBuffer();

  test('an upload is checked from its bytes, needs alt text, is resized, and is served with a year’s cache', async () => {
    const { nwbc, abs, nwbcAdmin } = await setup();
    const url = `${BASE}/o/${nwbc.slug}/admin/site/images`;
    const upload = async (fields: Record<string, string | Blob>) => imagesAction({ request: await post(url, nwbcAdmin, fields), context: context(), params: { org: nwbc.slug } } as never);

    const svg = new Blob(['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'], { type: 'image/png' });
    const refused = await upload({ image: new File([svg], 'innocent.png', { type: 'image/png' }), alt: 'A picture' });
    expect(statusOf(refused)).toBe(400);
    expect(dataOf<{ errors: Record<string, string> }>(refused).errors.image).toContain('not a PNG');

    const noAlt = await upload({ image: new File([new Uint8Array(await png(10, 10))], 'a.png'), alt: '  ' });
    expect(dataOf<{ errors: Record<string, string> }>(noAlt).errors.alt).toBeTruthy();

    const tooLarge = await upload({ image: new File([new Uint8Array(5 * 1024 * 1024 + 1)], 'big.png'), alt: 'Big' });
    expect(dataOf<{ errors: Record<string, string> }>(tooLarge).errors.image).toContain('5 MB');

    const done = await upload({ image: new File([new Uint8Array(await png(2400, 1200))], 'wide.png'), alt: 'The circle at work' });
    expect(statusOf(done)).toBe(200);
    const list = await imagesLoader({ request: await harness.signedInRequest(url, nwbcAdmin), context: context(), params: { org: nwbc.slug } } as never);
    expect(list.images).toHaveLength(1);
    expect(list.images[0]).toMatchObject({ alt: 'The circle at work', width: 1600, height: 800 });
    const file = list.images[0]!.path.split('/').pop()!;

    const served = (await mediaLoader({ request: new Request(`${BASE}${list.images[0]!.path}`), context: context(), params: { org: nwbc.slug, image: file } } as never)) as Response;
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).width).toBe(1600);
    // Not under another organization's address, nor under another extension.
    expect(await thrownStatus(() => mediaLoader({ request: new Request(`${BASE}/o/${abs.slug}/media/${file}`), context: context(), params: { org: abs.slug, image: file } } as never))).toBe(404);
    expect(await thrownStatus(() => mediaLoader({ request: new Request(`${BASE}/`), context: context(), params: { org: nwbc.slug, image: file.replace('.png', '.gif') } } as never))).toBe(404);
  });

  test('a favicon is cut to 64×64; a colour that is not #rrggbb is refused', async () => {
    const { nwbc, nwbcAdmin } = await setup();
    const url = `${BASE}/o/${nwbc.slug}/admin/site/settings`;
    const refused = await settingsAction({ request: await post(url, nwbcAdmin, { themeColor: 'red' }), context: context(), params: { org: nwbc.slug } } as never);
    expect(dataOf<{ errors: Record<string, string> }>(refused).errors.themeColor).toBeTruthy();
    const saved = await settingsAction({ request: await post(url, nwbcAdmin, { themeColor: '#7A2E1F', favicon: new File([new Uint8Array(await png(300, 200))], 'logo.png') }), context: context(), params: { org: nwbc.slug } } as never);
    expect(statusOf(saved)).toBe(200);
    const { findSiteLook } = await import('#domain/content/site-settings.server.ts');
    const look = await findSiteLook(testDb.db, nwbc);
    expect(look.themeColor).toBe('#7a2e1f');
    const served = (await mediaLoader({ request: new Request(`${BASE}${look.faviconPath}`), context: context(), params: { org: nwbc.slug, image: look.faviconPath!.split('/').pop()! } } as never)) as Response;
    expect(await sharp(Buffer.from(await served.arrayBuffer())).metadata()).toMatchObject({ format: 'png', width: 64, height: 64 });
  });
});

describe('events, the sitemap and robots.txt', () => {
  test('a published event is listed; a draft is not; the sitemap lists published pages, lists, courses and the directory', async () => {
    const { nwbc, nwbcAdmin } = await setup();
    const url = `${BASE}/o/${nwbc.slug}/admin/site/entries/new`;
    const add = async (fields: Record<string, string>) => entryNewAction({ request: await post(url, nwbcAdmin, fields), context: context(), params: { org: nwbc.slug } } as never);
    const bad = await add({ kind: 'event', title: 'Weekend', startsOn: '2099-05-03', endsOn: '2099-05-01', place: 'Seattle', summary: '', body: '' });
    expect(dataOf<{ errors: Record<string, string> }>(bad).errors.endsOn).toContain('on or after');
    await add({ kind: 'event', title: 'Balint Weekend', startsOn: '2099-05-01', endsOn: '2099-05-03', place: 'Seattle, WA', summary: 'Two days.', body: '', published: 'on' });
    await add({ kind: 'event', title: 'Draft event', startsOn: '2099-06-01', endsOn: '', place: '', summary: '', body: '' });
    const events = await eventsLoader({ request: new Request(`${BASE}/o/${nwbc.slug}/events`), context: context(), params: { org: nwbc.slug } } as never);
    expect(events.upcoming.map((e) => [e.title, e.startsOn, e.endsOn, e.place])).toEqual([['Balint Weekend', '2099-05-01', '2099-05-03', 'Seattle, WA']]);

    const page = await createPage(testDb.db, systemActor, { organizationId: nwbc.id, fields: { title: 'Draft', slug: 'draft-page', description: '', body: '', socialTitle: '', socialDescription: '', socialImageUrl: '', twitterCard: 'summary' }, inNavigation: true, onHome: false });
    const published = await createPage(testDb.db, systemActor, { organizationId: nwbc.id, fields: { title: 'Shown', slug: 'shown-page', description: '', body: '', socialTitle: '', socialDescription: '', socialImageUrl: '', twitterCard: 'summary' }, inNavigation: true, onHome: false });
    if (!page.ok || !published.ok) throw new Error('pages');
    await setPagePublished(testDb.db, systemActor, { organizationId: nwbc.id, pageId: published.pageId, published: true });
    const sitemap = (await sitemapLoader({ request: new Request(`${BASE}/sitemap.xml`), context: context(), params: {} } as never)) as Response;
    expect(sitemap.headers.get('content-type')).toContain('application/xml');
    const xml = await sitemap.text();
    for (const path of ['', '/pages/shown-page', '/events', '/groups']) expect(xml).toContain(`<loc>${BASE}/o/${nwbc.slug}${path}</loc>`);
    expect(xml).not.toContain('draft-page');
    expect(xml).not.toContain(`/o/${nwbc.slug}/news`);

    const robots = await ((await robotsLoader({ request: new Request(`${BASE}/robots.txt`), context: context(), params: {} } as never)) as Response).text();
    expect(robots).toContain(`Sitemap: ${BASE}/sitemap.xml`);
    expect(robots).toContain('Disallow: /o/*/admin');
  });
});
