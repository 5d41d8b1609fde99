// The member directory and a person's own data (issue 15, ADR 0070), as people use them: the
// demo faculty member chooses to show only their name and city; the demo member then finds
// them in the directory with just those fields (and a city filter that finds them); a member
// of another society is refused; a newcomer signs up, downloads their data (the file parses as
// JSON and holds their account) and deletes the account, after which they cannot sign in. axe on
// every page.
import fs from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { demoAccount, expect, expectAccessible, firstLink, readMailAsAdmin, signIn, test, uniqueEmail, waitForHydration } from './support.ts';

test.describe.configure({ mode: 'serial' });

async function signedIn(browser: Browser, baseURL: string, org: string, role: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const account = demoAccount(org, role);
  await signIn(page, org, account.email, account.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  return page;
}

test('a member chooses what to show; another member sees just that; a non-member is refused', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const faculty = await signedIn(browser, baseURL!, 'abs', 'faculty');
  await faculty.goto('/o/abs/profile');
  await expect(faculty.getByRole('heading', { name: 'The member directory' })).toBeVisible();
  await waitForHydration(faculty);
  const consent = faculty.getByRole('group', { name: 'Show to other members of American Balint Society' });
  for (const label of ['My name', 'My city']) await consent.getByLabel(label).check();
  for (const label of ['My credentials', 'My profession', /My Balint training/, /My leader status/]) await consent.getByLabel(label).uncheck();
  await faculty.getByRole('button', { name: 'Save directory choices' }).click();
  await expect(faculty.getByRole('status')).toHaveText('Your directory choices have been saved.');
  await expectAccessible(faculty);
  await faculty.reload();
  await expect(consent.getByLabel('My city')).toBeChecked();
  await expect(consent.getByLabel('My credentials')).not.toBeChecked();

  const member = await signedIn(browser, baseURL!, 'abs', 'member');
  await member.goto('/o/abs/members');
  await expect(member.getByRole('heading', { level: 1, name: 'Member directory' })).toBeVisible();
  await expectAccessible(member);
  const row = member.getByRole('row', { name: /Farrah Faculty/ });
  await expect(row.getByRole('cell')).toHaveText(['Not shown', 'Spokane', 'Not shown', 'Not shown', 'Not shown'].map((t) => (t === 'Not shown' ? /Not shown/ : t)));
  await expect(row).not.toContainText('PhD');
  // People who did not show their name are not there; the demo's hidden ones.
  await expect(member.getByRole('row', { name: /Hannah Kowalczyk|Adaeze Okafor|Walter Brandt/ })).toHaveCount(0);
  // The city filter (a GET form) finds them.
  await waitForHydration(member);
  await member.getByLabel('City').selectOption('Spokane');
  await member.getByRole('button', { name: 'Search' }).click();
  await expect(member).toHaveURL(/city=Spokane/);
  await expect(member.getByRole('row', { name: /Farrah Faculty/ })).toBeVisible();
  await expect(member.getByRole('row', { name: /Leah Feldman/ })).toHaveCount(0);
  await expectAccessible(member);

  // The circle's administrator is no member of the national society.
  const outsider = await signedIn(browser, baseURL!, 'nwbc', 'admin');
  const response = await outsider.goto('/o/abs/members');
  expect(response!.status()).toBe(403);
  await expect(outsider.getByRole('heading', { level: 1, name: 'For members only' })).toBeVisible();
  await expect(outsider.getByText('Farrah Faculty')).toHaveCount(0);
  await expectAccessible(outsider);
  await Promise.all([faculty.context().close(), member.context().close(), outsider.context().close()]);
});

test('a person downloads their data and deletes the account they created', async ({ page }) => {
  test.setTimeout(180_000);
  const email = uniqueEmail('leaving');
  const password = 'a-long-enough-password';
  await page.goto('/o/abs/sign-up');
  await waitForHydration(page);
  await page.getByLabel('Full name').fill('Quinn Leaving');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await page.goto(firstLink(await readMailAsAdmin(page, 'abs', email, /Confirm your email/)));
  await expect(page.getByRole('heading', { name: 'Email confirmed' })).toBeVisible();
  await signIn(page, 'abs', email, password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  await page.goto('/o/abs/profile');
  await expect(page.getByRole('heading', { name: 'Your data' })).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download my data (JSON)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^balint-hub-my-data-\d{4}-\d{2}-\d{2}\.json$/);
  const document = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
  expect(document.account).toMatchObject({ name: 'Quinn Leaving', email });
  expect(document.format).toBe('balint-hub/personal-data@1');

  await page.getByRole('link', { name: 'Delete my account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Delete my account' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'What is kept, without your name or address, and why' })).toBeVisible();
  await expectAccessible(page);
  await waitForHydration(page);
  // The wrong password: refused beside the field, nothing deleted.
  await page.getByLabel('Your password').fill('not-my-password');
  await page.getByLabel(/Type your email address/).fill(email);
  await page.getByRole('button', { name: 'Delete my account permanently' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByText('That is not your password.').first()).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Your password').fill(password);
  await page.getByRole('button', { name: 'Delete my account permanently' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Account deleted' })).toBeVisible();
  await expectAccessible(page);
  // Signed out, and the address and password no longer sign anyone in.
  await page.goto('/o/abs/profile');
  await expect(page).toHaveURL(/\/o\/abs\/sign-in\?next=/);
  await signIn(page, 'abs', email, password);
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
});
