// The public site's rows the sweep puts in URLs (issue 14), made through the admin pages as an
// organization's admin would: a published page, a published event and an uploaded image.
import sharp from 'sharp';
import type { APIRequestContext } from '@playwright/test';
import { send } from './http.ts';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

function find(text: string, pattern: RegExp, what: string): string {
  const match = pattern.exec(text);
  if (!match) throw new Error(`setup: no ${what} found`);
  return match[1]!;
}

async function expectStatus(response: Awaited<ReturnType<APIRequestContext['post']>>, ok: (s: number) => boolean, what: string) {
  if (!ok(response.status())) throw new Error(`setup: ${what} answered ${response.status()}: ${(await response.text()).slice(0, 300)}`);
  return response;
}

export async function createSiteRows(request: APIRequestContext, baseURL: string, org: string, stamp: string): Promise<{ slug: string; pageId: string; entryId: string; image: string }> {
  const headers = { origin: baseURL };
  const slug = `authorization-sweep-${org}-${stamp}`;
  const created = await expectStatus(
    await send(() =>
      request.post(`/o/${org}/admin/site/pages/new`, {
        form: { intent: 'save', title: `Sweep ${stamp}`, slug, description: '', body: 'A throwaway page.', socialTitle: '', socialDescription: '', socialImageUrl: '', twitterCard: 'summary' },
        headers,
        maxRedirects: 0,
      }),
    ),
    (s) => s === 302,
    'creating a page',
  );
  const pageId = find(created.headers()['location'] ?? '', new RegExp(`/site/pages/(${UUID})`), 'new page id');
  await expectStatus(await send(() => request.post(`/o/${org}/admin/site/pages/${pageId}`, { form: { intent: 'publish' }, headers, maxRedirects: 0 })), (s) => s === 200, 'publishing the page');

  await expectStatus(
    await send(() =>
      request.post(`/o/${org}/admin/site/entries/new`, {
        form: { kind: 'event', title: `Sweep event ${stamp}`, startsOn: '2099-06-01', endsOn: '', place: '', summary: '', body: '', published: 'on' },
        headers,
        maxRedirects: 0,
      }),
    ),
    (s) => s === 302,
    'adding an event',
  );
  const entries = await (await send(() => request.get(`/o/${org}/admin/site/entries`))).text();
  const entryId = find(entries, new RegExp(`/site/entries/(${UUID})"[^>]*>Sweep event ${stamp}<`), 'new event id');

  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#1f4e79' } }).png().toBuffer();
  await expectStatus(
    await send(() =>
      request.post(`/o/${org}/admin/site/images`, {
        multipart: { image: { name: 'sweep.png', mimeType: 'image/png', buffer: png }, alt: `Sweep ${stamp}` },
        headers,
        maxRedirects: 0,
      }),
    ),
    (s) => s === 200,
    'uploading an image',
  );
  const images = await (await send(() => request.get(`/o/${org}/admin/site/images`))).text();
  const image = find(images, new RegExp(`/o/${org}/media/(${UUID}\\.png)" alt="Sweep ${stamp}"`), 'uploaded image');
  return { slug, pageId, entryId, image };
}
