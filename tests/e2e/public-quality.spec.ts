// The quality bar of the public pages (issue 14, ADR 0061): on every page anyone can open
// without signing in, the HTML the server sends is valid (W3C Nu Html Checker, no errors), it
// has a meta description, it comes compressed, the browser reports no error while it loads and
// hydrates, axe finds nothing serious, and the page loads only the catalog messages it uses.
// Static files are cached: fingerprinted /assets/ for a year, the rest for an hour.
import { scriptsOf } from '../helpers/page-scripts.ts';
import { publicPages, type PublicPage } from '../helpers/public-pages.ts';
import { validateHtml } from '../helpers/html-validator.ts';
import { expect, expectAccessible, test, waitForHydration } from './support.ts';

const BASE = process.env.E2E_BASE_URL ?? 'http://localhost:3210';

let pages: PublicPage[] = [];
test.beforeAll(async () => {
  pages = await publicPages(BASE);
});

async function fetchPage(path: string, acceptEncoding = 'gzip, deflate, br, zstd') {
  return fetch(new URL(path, BASE), { headers: { 'accept-encoding': acceptEncoding } });
}

test('the HTML of every public page passes the W3C Nu Html Checker', async () => {
  // One Java start for all pages: 60 s at load 20 on 2 cores.
  test.setTimeout(180_000);
  const documents: Record<string, string> = {};
  for (const page of pages) {
    const response = await fetchPage(page.path);
    expect(response.status, `${page.path} answers`).toBe(200);
    documents[page.path] = await response.text();
  }
  // A page that does not exist is public too.
  const missing = await fetchPage('/o/abs/no-such-page');
  expect(missing.status).toBe(404);
  documents['/o/abs/no-such-page (404)'] = await missing.text();

  const problems = validateHtml(documents);
  expect(problems.map((p) => `${p.document}:${p.line ?? '?'}: ${p.message}${p.extract ? ` — ${p.extract.trim()}` : ''}`)).toEqual([]);
});

test('the checker catches an error (negative control)', () => {
  const problems = validateHtml({ broken: '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p><div></p></body></html>' });
  expect(problems.length).toBeGreaterThan(0);
});

test('every public page has one meta description, comes compressed, and loads without a console error', async ({ page }) => {
  // Fourteen pages, each loaded, hydrated and checked by axe: 3.4 minutes at load 20 on 2 cores.
  test.setTimeout(420_000);
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
  for (const target of pages) {
    const brotli = await fetchPage(target.path);
    expect(brotli.headers.get('content-encoding'), `${target.path} in Brotli`).toBe('br');
    expect(brotli.headers.get('vary') ?? '', `${target.path} varies by encoding`).toMatch(/accept-encoding/i);
    const gzip = await fetchPage(target.path, 'gzip');
    expect(gzip.headers.get('content-encoding'), `${target.path} gzipped for a client without Brotli`).toBe('gzip');
    expect(await gzip.text()).toContain('</html>');

    await page.goto(target.path);
    await waitForHydration(page);
    const descriptions = page.locator('head meta[name="description"]');
    await expect(descriptions, `${target.path} has one meta description`).toHaveCount(1);
    expect((await descriptions.getAttribute('content'))?.length ?? 0, `${target.path}'s description says something`).toBeGreaterThan(30);
    await expectAccessible(page);
  }
  expect(consoleErrors).toEqual([]);
});

test('static files are cached: fingerprinted assets for a year, compressed (but the tiniest); other files for an hour', async () => {
  // The sign-in page hydrates (its form checks what is typed at once), so it has scripts.
  const html = await (await fetchPage('/o/abs/sign-in')).text();
  const scripts = scriptsOf(html);
  expect(scripts.length).toBeGreaterThan(0);
  for (const src of scripts) {
    const response = await fetchPage(src);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control'), src).toBe('public, max-age=31536000, immutable');
    const body = await response.arrayBuffer();
    // Files under 512 bytes gain nothing from compression and are sent as they are.
    if (response.headers.get('content-encoding') !== 'br') expect(body.byteLength, `${src} is sent uncompressed`).toBeLessThan(512);
  }
  const stylesheet = /href="(\/assets\/[^"]+\.css)"/.exec(html)?.[1];
  expect(stylesheet).toBeDefined();
  const css = await fetchPage(stylesheet!);
  expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(css.headers.get('content-encoding')).toBe('br');
  const icon = await fetchPage('/favicon.svg');
  expect(icon.status).toBe(200);
  expect(icon.headers.get('cache-control')).toBe('public, max-age=3600');
});

test('pages complete from the server load no script at all', async () => {
  for (const path of ['/', '/o/abs', '/o/nwbc', '/o/nwbc/pages/who-we-are']) {
    const html = await (await fetchPage(path)).text();
    expect(html, path).toContain('<main');
    expect(scriptsOf(html), path).toEqual([]);
    expect(html, path).not.toContain('<script');
  }
});

test('a public page loads the messages it shows, not the whole catalog', async () => {
  // Words of the staff workspace and of refunds are nowhere in the sign-in page's scripts.
  const scripts = scriptsOf(await (await fetchPage('/o/abs/sign-in')).text());
  const code = (await Promise.all(scripts.map(async (src) => (await fetchPage(src)).text()))).join('\n');
  expect(code).toContain('Skip to main content');
  expect(code).not.toContain('Refund tracker');
  expect(code).not.toContain('Credential mail');
});
