// Issue 14, "Pages": an admin edits a page of the circle's site in Markdown, sees the change in
// the live preview, saves and publishes, and the public page changes — while script, event
// handlers and javascript: links typed into the source never run and never reach the page.
// Without JavaScript the Preview button renders on the server. Revisions restore an earlier text.
import type { Page } from '@playwright/test';
import { demoAccount, expect, expectAccessible, signIn, test, waitForHydration } from './support.ts';

const HOSTILE = [
  'A new paragraph, written by the browser test.',
  '',
  '<script>window.__pwned = "script"; alert("script")</script>',
  '',
  '<img src="x" alt="" onerror="window.__pwned = \'onerror\'; alert(\'onerror\')">',
  '',
  '[Click for details](javascript:window.__pwned=\'link\';alert(\'link\'))',
  '',
  '<svg onload="alert(\'svg\')"><circle r="5"/></svg>',
].join('\n');

/** Fails the test on any dialog; returns the list the page's dialogs go to. */
function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

/** Nothing the editor typed as code is in the element's DOM, and nothing ran. */
async function expectInert(page: Page, selector: string) {
  const region = page.locator(selector);
  await expect(region.locator('script')).toHaveCount(0);
  await expect(region.locator('svg')).toHaveCount(0);
  await expect(region.locator('[onerror], [onload]')).toHaveCount(0);
  await expect(region.locator('a[href^="javascript"]')).toHaveCount(0);
  expect(await region.innerHTML()).not.toMatch(/alert|__pwned|javascript:/i);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
}

async function openAdminPage(page: Page, title: string) {
  await page.goto('/o/nwbc/admin');
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Public site' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Public site: pages' })).toBeVisible();
  await page.getByRole('table').getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
  await waitForHydration(page);
}

test('an admin edits a page in Markdown: the live preview and then the public page change, and no script runs', async ({ page }) => {
  // Seven pages checked by axe, each taking up to half a minute on a loaded machine.
  test.setTimeout(420_000);
  const dialogs = watchDialogs(page);
  const admin = demoAccount('nwbc', 'admin');
  await signIn(page, 'nwbc', admin.email, admin.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  await openAdminPage(page, 'Open Enrollment Balint Groups');
  await expectAccessible(page);
  await page.goto('/o/nwbc/admin/site');
  await expectAccessible(page);
  await page.goBack();
  await waitForHydration(page);
  const source = page.getByLabel('Text (Markdown)');
  const original = await source.inputValue();
  expect(original).toContain('We will list them here as information becomes available.');

  // The live preview follows what is typed, rendered by the page's own renderer in the browser.
  await source.fill(`${original}\n\n${HOSTILE}`);
  const preview = page.locator('[data-page-preview]');
  await expect(preview.getByText('A new paragraph, written by the browser test.')).toBeVisible();
  await expect(preview.getByText('Click for details')).toBeVisible();
  await expectInert(page, '[data-page-preview]');

  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved as revision 2.');
  await expect(page.getByText('Published · Revision 2')).toBeVisible();
  await expectAccessible(page);

  // The public page shows the new text, and only the text.
  await page.getByRole('link', { name: 'View the page' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Open Enrollment Balint Groups' })).toBeVisible();
  await expect(page.getByText('A new paragraph, written by the browser test.')).toBeVisible();
  await waitForHydration(page);
  await expectInert(page, 'main');
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', /\/o\/nwbc\/pages\/open-enrollment-groups$/);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /trained leaders/);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', 'Open Enrollment Balint Groups');
  await expectAccessible(page);
  // The home page shows it too, in its place.
  await page.goto('/o/nwbc');
  await expect(page.getByText('A new paragraph, written by the browser test.')).toBeVisible();
  await waitForHydration(page);
  await expectInert(page, 'main');
  await expectAccessible(page);

  // Unpublished, it is gone from the site; published again, it is back.
  await openAdminPage(page, 'Open Enrollment Balint Groups');
  await page.getByRole('button', { name: 'Unpublish' }).click();
  await expect(page.getByRole('status')).toHaveText('The page is no longer published.');
  expect((await page.request.get('/o/nwbc/pages/open-enrollment-groups')).status()).toBe(404);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Open Enrollment Balint Groups' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('status')).toHaveText('The page is published.');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Open Enrollment Balint Groups' })).toBeVisible();

  // Restoring revision 1 brings the seeded text back as revision 3.
  await page.getByRole('link', { name: 'Earlier revisions' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Revisions of');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Restore revision 1' }).click();
  await expect(page.getByRole('status')).toHaveText('Revision 1 was restored as revision 3.');
  await expect(page.getByRole('row', { name: /^3 \(restored from 1\)/ })).toBeVisible();
  await page.goto('/o/nwbc/pages/open-enrollment-groups');
  await expect(page.getByText('We will list them here as information becomes available.')).toBeVisible();
  await expect(page.getByText('A new paragraph, written by the browser test.')).toHaveCount(0);

  // The new-page form, with its preview, is accessible too.
  await page.goto('/o/nwbc/admin/site/pages/new');
  await waitForHydration(page);
  await page.getByLabel('Text (Markdown)').fill('## A heading\n\nSome *text*.');
  await expect(page.locator('[data-page-preview]').getByRole('heading', { name: 'A heading' })).toBeVisible();
  await expectAccessible(page);

  expect(dialogs, 'no script ran').toEqual([]);
});

// axe needs scripts in the page: these pages are checked with JavaScript on in the first test.
test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the Preview button renders on the server and keeps what was typed; a new page is published into the navigation', async ({ page }) => {
    const admin = demoAccount('nwbc', 'admin');
    await signIn(page, 'nwbc', admin.email, admin.password);
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await page.goto('/o/nwbc/admin/site/pages/new');
    const slug = `balint-weekend-${Date.now().toString(36)}`;
    await page.getByLabel('Title', { exact: true }).fill('Balint Weekend');
    await page.getByLabel('Address').fill(slug);
    await page.getByLabel('Description', { exact: true }).fill('The circle’s Balint weekend.');
    await page.getByLabel('Text (Markdown)').fill('## Where\n\nA **retreat** by the sea.\n\n<script>alert(1)</script>');
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.locator('[data-page-preview]');
    await expect(preview.getByRole('heading', { level: 2, name: 'Where' })).toBeVisible();
    await expect(preview.locator('strong')).toHaveText('retreat');
    await expect(preview.locator('script')).toHaveCount(0);
    await expect(page.getByLabel('Address')).toHaveValue(slug);
    await expect(page.getByLabel('Text (Markdown)')).toHaveValue(/A \*\*retreat\*\* by the sea\./);

    // A refused address keeps everything typed.
    await page.getByLabel('Address').fill('Balint Weekend');
    await page.getByRole('button', { name: 'Create the page' }).click();
    await expect(page.getByRole('alert')).toContainText('Please correct');
    await expect(page.getByText('Use only lowercase letters').first()).toBeVisible();
    await expect(page.getByLabel('Text (Markdown)')).toHaveValue(/A \*\*retreat\*\* by the sea\./);

    await page.getByLabel('Address').fill(slug);
    await page.getByRole('button', { name: 'Create the page' }).click();
    await expect(page.getByRole('status')).toContainText('created as a draft');
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect(page.getByRole('status')).toHaveText('The page is published.');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Balint Weekend' }).click();
    await expect(page).toHaveURL(new RegExp(`/o/nwbc/pages/${slug}$`));
    await expect(page.getByRole('heading', { level: 2, name: 'Where' })).toBeVisible();
  });
});

test('the circle’s site: its pages in the navigation, its event on the home page, a sitemap, robots.txt and a favicon', async ({ page, request }) => {
  await page.goto('/o/nwbc');
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const title of ['Who We Are', 'What is A Balint group?', 'Our Activities']) await expect(nav.getByRole('link', { name: title })).toBeVisible();
  await expect(page.getByRole('region', { name: 'What’s happening?' }).getByText('Leadership Training')).toBeVisible();
  await expect(page.getByText('Spokane, WA')).toBeVisible();
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', '#2f6b3a');
  const favicon = await page.locator('link[rel="icon"][href^="/o/nwbc/media/"]').getAttribute('href');
  const served = await request.get(favicon!);
  expect(served.headers()['content-type']).toBe('image/png');
  expect(served.headers()['cache-control']).toContain('immutable');
  await nav.getByRole('link', { name: 'Our Activities' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Rotating Leader Groups' })).toBeVisible();
  await expectAccessible(page);
  await nav.getByRole('link', { name: 'Events' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Events' })).toBeVisible();
  await expectAccessible(page);

  const sitemap = await request.get('/sitemap.xml');
  expect(sitemap.headers()['content-type']).toContain('application/xml');
  const xml = await sitemap.text();
  for (const path of ['/o/nwbc', '/o/nwbc/pages/who-we-are', '/o/nwbc/events', '/o/nwbc/groups', '/o/abs/pages/balint-groups', '/o/abs/courses/']) expect(xml).toContain(path);
  const robots = await request.get('/robots.txt');
  expect(await robots.text()).toMatch(/^Sitemap: http.*\/sitemap\.xml$/m);
  const icon = await request.get('/favicon.ico');
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toBe('image/x-icon');
  expect((await icon.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
});
