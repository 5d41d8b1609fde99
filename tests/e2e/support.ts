import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type BrowserContext, type Page } from '@playwright/test';

/**
 * Every browser test fails on an uncaught error in the page — hydration mismatches included,
 * which would otherwise re-render the page under a person's fingers and lose what they typed.
 */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      // A script or style refused by the Content-Security-Policy is a broken page too.
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) errors.push(message.text());
      });
      await use(errors);
      expect(errors, 'uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };
import { ACCOUNTS_FILE_ENV, type DemoAccount } from './global-setup.ts';

export function demoAccount(organization: string, role: string): DemoAccount {
  const accounts = JSON.parse(fs.readFileSync(process.env[ACCOUNTS_FILE_ENV]!, 'utf8')) as DemoAccount[];
  const account = accounts.find((a) => a.organization === organization && a.role === role);
  if (!account) throw new Error(`no demo account for ${role} of ${organization}`);
  return account;
}

/** axe-core on the current page: no serious or critical violations. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    `accessibility violations on ${page.url()}`,
  ).toEqual([]);
}

/**
 * Resolves once React has hydrated the page in front of the test: app/root.tsx sets
 * <html data-hydrated> in an effect. Until then a click on a submit button is a plain form post
 * and the browser's own checks (instant field messages, focus on the first field in error) do
 * not run, so a test that acts on a form after a full page load waits for this first, and runs
 * the same path every time however slow the machine. Call it once the page's own content is
 * there (a heading, a field), so the marker read is the new page's, not the one being left.
 * With JavaScript off in the context the page never hydrates: there is nothing to wait for.
 */
export async function waitForHydration(page: Page) {
  await page.waitForLoadState('domcontentloaded');
  // The server's inline script sets this global; it does not run when scripts are off.
  const scriptsRun = await page.evaluate(() => '__reactRouterContext' in window);
  if (scriptsRun) await expect(page.locator('html'), `${page.url()} is hydrated`).toHaveAttribute('data-hydrated', 'true');
}

/** From a course page: follows "Apply now" and waits for the application form, hydrated. */
export async function openApplicationForm(page: Page) {
  await page.getByRole('link', { name: 'Apply now' }).click();
  await page.waitForURL(/\/apply$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Apply:');
  await waitForHydration(page);
}

export async function signIn(page: Page, org: string, email: string, password: string) {
  await page.goto(`/o/${org}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
}

/** Sessions of the staff who read mail for the tests, kept per worker (nothing signs them out). */
const mailReaders = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();

/**
 * A separate browser context signed in as `account`: through the sign-in form the first time in
 * a worker, then on the session that sign-in made. Reading a mail is one step of a journey, not
 * a test of signing in (access.spec.ts and accounts.spec.ts are), and each sign-in is a
 * deliberately slow password check that a loaded machine makes slower still.
 */
async function signedInContext(page: Page, org: string, account: DemoAccount) {
  const baseURL = new URL(page.url()).origin;
  const key = `${baseURL} ${account.email}`;
  const context = await page.context().browser()!.newContext({ baseURL, storageState: mailReaders.get(key) });
  const staffPage = await context.newPage();
  if (!mailReaders.has(key)) {
    await signIn(staffPage, org, account.email, account.password);
    await expect(staffPage.getByRole('button', { name: 'Sign out' })).toBeVisible();
    mailReaders.set(key, await context.storageState());
  }
  return { context, staffPage };
}

/**
 * The newest mail to `to` whose subject matches, read as a person would: the organization's
 * admin opens its outbox. A credential-bearing message (reset, confirmation and set-up links)
 * is withheld from every organization's staff, so that one is read as the deployment's
 * operator, who alone may pass such links on while mail cannot be sent.
 */
export async function readMailAsAdmin(page: Page, org: string, to: string, subject: RegExp): Promise<string> {
  const { context, staffPage: adminPage } = await signedInContext(page, org, demoAccount(org, 'admin'));
  try {
    await openNewest(adminPage, `/o/${org}/admin/outbox?to=${encodeURIComponent(to)}`, subject);
    await expect(adminPage.locator('pre.mail')).toBeVisible();
    if (await adminPage.getByText('This message carries a credential').isVisible()) {
      return await readCredentialMail(page, to, subject);
    }
    return await adminPage.locator('pre.mail').innerText();
  } finally {
    await context.close();
  }
}

/** As the deployment's operator, in a separate browser context: the newest credential mail to `to`. */
export async function readCredentialMail(page: Page, to: string, subject: RegExp): Promise<string> {
  const { context, staffPage: operatorPage } = await signedInContext(page, 'abs', demoAccount('deployment', 'operator'));
  try {
    await openNewest(operatorPage, `/operator?to=${encodeURIComponent(to)}`, subject);
    await expect(operatorPage.locator('pre.mail')).toBeVisible();
    return await operatorPage.locator('pre.mail').innerText();
  } finally {
    await context.close();
  }
}

/** Some mail is written by a background job (reset links): reload the list until it is there. */
async function openNewest(page: Page, list: string, subject: RegExp) {
  const link = page.getByRole('link', { name: subject }).first();
  await expect(async () => {
    await page.goto(list);
    await expect(link).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await link.click();
}

export function firstLink(text: string): string {
  const match = /https?:\/\/\S+/.exec(text);
  if (!match) throw new Error(`no link in mail:\n${text}`);
  return match[0];
}

/**
 * Fills the demo intensive's application form (its seed questions) for a Single Registration
 * and submits it; `visitor` gives the name and email a visitor without an account types.
 */
export async function submitIntensiveApplication(page: Page, visitor?: { name: string; email: string }, options: { submit?: boolean } = {}) {
  if (visitor) {
    await page.getByLabel('Full name').fill(visitor.name);
    await page.getByLabel('Email').fill(visitor.email);
  }
  await page.getByLabel('Discipline or profession').fill('Family physician');
  await page.getByRole('radio', { name: /^Single Registration/ }).check();
  await page.getByLabel('I am clinically active').check();
  await page.getByLabel('I commit to attending every session in full').check();
  await page.getByLabel('I understand this course is training, not therapy').check();
  await page.getByLabel(/CDC-recommended number of COVID-19 vaccinations/).check();
  await page.getByLabel('How many Leadership Training Intensives have you attended before?').selectOption('None');
  if (options.submit !== false) await page.getByRole('button', { name: 'Submit application' }).click();
}
