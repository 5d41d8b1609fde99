// "Join both" in the browser (ADR 0068): the Northwest Balint Circle's partner is the American
// Balint Society (set by the circle's staff). A visitor joins the circle by invoice, is led
// straight to ABS's membership page, step 2 of 2 with ABS's type pre-selected, and joins ABS by
// invoice there: two invoices, each from its own organization.
import { type Page } from '@playwright/test';
import { demoAccount, expect, expectAccessible, firstLink, readMailAsAdmin, signIn, test, uniqueEmail } from './support.ts';

async function newAccount(page: Page, org: string, name: string): Promise<string> {
  const email = uniqueEmail('both');
  await page.goto(`/o/${org}/sign-up`);
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('joiner-password-1');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(new RegExp(`check-email|sign-in|/o/${org}`));
  await page.goto(firstLink(await readMailAsAdmin(page, org, email, /Confirm your email/)));
  await signIn(page, org, email, 'joiner-password-1');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  return email;
}

test('the circle’s staff see ABS as its partner; only national societies, never the circle itself, are offered', async ({ page }) => {
  const admin = demoAccount('nwbc', 'admin');
  await signIn(page, 'nwbc', admin.email, admin.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.goto('/o/nwbc/admin/membership-types');
  await expect(page.getByRole('heading', { name: 'Join both' })).toBeVisible();
  const partner = page.getByLabel('Partner organization');
  await expect(partner.locator('option:checked')).toHaveText('American Balint Society');
  // Only national societies other than the circle itself are offered.
  await expect(partner.locator('option')).toHaveText(['None', 'American Balint Society']);
  await expectAccessible(page);
  // Saving keeps it.
  await page.getByRole('button', { name: 'Save partner' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Partner saved.' })).toBeVisible();
  await expect(partner.locator('option:checked')).toHaveText('American Balint Society');
});

test('a visitor joins both through the circle by invoice: one flow, two invoices, each to its own organization', async ({ page }) => {
  await newAccount(page, 'nwbc', 'Bo Both');
  await page.goto('/o/nwbc/membership');
  await expect(page.getByText('You are not a member today.')).toBeVisible();
  await expect(page.getByText(/^Join both: you pay Northwest Balint Circle’s dues here \(step 1 of 2\)/)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('radio', { name: /^Circle member:/ }).check();
  await page.getByRole('radio', { name: /^By invoice/ }).check();
  await page.getByRole('button', { name: 'Join both: Northwest Balint Circle and American Balint Society' }).click();

  // Step 1 done: the circle's invoice, for the circle's dues only.
  await page.waitForURL(/\/o\/nwbc\/checkouts\/[0-9a-f-]+\?both=1$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/Invoice NWBC-\d{6}/);
  await expect(page.getByText(/^Circle member membership, .* — \$40$/)).toBeVisible();
  const step2 = page.getByRole('region', { name: 'Step 2 of 2: American Balint Society membership' });
  await expect(step2).toBeVisible();
  await expectAccessible(page);
  await step2.getByRole('link', { name: 'Continue to American Balint Society membership' }).click();

  // Step 2: ABS's own page, its regular type chosen for the person.
  await page.waitForURL(/\/o\/abs\/membership\?type=[0-9a-f-]+&step=2$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Step 2 of 2: American Balint Society membership' })).toBeVisible();
  await expect(page.getByRole('radio', { name: /^Regular:/ })).toBeChecked();
  await expectAccessible(page);
  await page.getByRole('radio', { name: /^By invoice/ }).check();
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await page.waitForURL(/\/o\/abs\/checkouts\/[0-9a-f-]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/Invoice ABS-\d{6}/);
  await expect(page.getByText(/Regular membership/)).toBeVisible();
  await expect(page.getByText(/payable to "American Balint Society"/)).toBeVisible();

  // Waiting on ABS's invoice, the circle no longer offers joining both.
  await page.goto('/o/nwbc/membership');
  await expect(page.getByRole('heading', { name: /Your membership terms/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Join both/ })).toHaveCount(0);
});
