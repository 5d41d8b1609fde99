// `npm run dev` as a developer runs it: the app on Vite's dev server (its own data directory,
// demo data), opened in Chromium. The client bundle loads — every module answered, nothing
// "504 Outdated Optimize Dep" — the page hydrates and navigates on the client, and Vite's
// hot-reload channel (its WebSocket) is open.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../helpers/app-process.ts';
import { expect, expectAccessible, test, waitForHydration } from './support.ts';

const root = path.resolve(import.meta.dirname, '../..');
let dev: ChildProcess | undefined;
let url = '';
let dataDir = '';
let output = '';

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'balint-dev-'));
  fs.chmodSync(dataDir, 0o755);
  const port = await freePort();
  dev = spawn(process.execPath, ['server/main.ts', '--dev'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: path.join(dataDir, 'data'), DATABASE_URL: '', LOG_LEVEL: 'warn', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  dev.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  dev.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  await expect.poll(() => /Balint Hub is running at (\S+)/.exec(output)?.[1] ?? '', { timeout: 150_000, message: `dev server did not start:\n${output}` }).not.toBe('');
  url = /Balint Hub is running at (\S+)/.exec(output)![1]!;
});

test.afterAll(async () => {
  if (dev && dev.exitCode === null) {
    const exited = new Promise((resolve) => dev!.once('exit', resolve));
    dev.kill('SIGTERM');
    await exited;
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test('the dev server serves a page that hydrates, navigates on the client and keeps a hot-reload channel', async ({ page }) => {
  test.setTimeout(180_000);
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => failed.push(`failed ${request.url()}`));
  const hotReload = page.waitForEvent('websocket', { timeout: 120_000 });
  // The sign-in page hydrates (the root, an organization's home and course pages ship no script).
  await page.goto(new URL('/o/abs/sign-in', url).toString(), { timeout: 120_000 });
  expect((await hotReload).url()).toMatch(/^ws:\/\/[^/]+\//);
  // Hydrated: React Router's client router runs (its route modules are loaded in the page).
  await expect.poll(() => page.evaluate(() => Boolean((window as unknown as { __reactRouterRouteModules?: object }).__reactRouterRouteModules)), { timeout: 120_000 }).toBe(true);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // React has attached to the page (root.tsx marks <html data-hydrated> after hydration).
  await waitForHydration(page);
  // A link followed on the client: no new document is requested.
  let documents = 0;
  page.on('request', (request) => {
    if (request.resourceType() === 'document') documents++;
  });
  const link = page.getByRole('main').getByRole('link').first();
  const href = await link.getAttribute('href');
  await link.click();
  await page.waitForURL((u) => u.pathname === new URL(href!, url).pathname, { timeout: 60_000 });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // Vite's own log says why if it reloaded the page (e.g. "new dependencies optimized").
  expect(documents, `the dev server's output:\n${output.slice(-3000)}`).toBe(0);
  expect(failed, `the dev server's output:\n${output.slice(-3000)}`).toEqual([]);
  await expectAccessible(page);
});
