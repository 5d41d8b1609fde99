// Membership in the browser (ADR 0068): a visitor makes an account and joins — by card through
// the fake Stripe's hosted page, or by invoice that the treasurer records as paid — and the
// application form then selects the member rate; the demo member renews from the end of the
// current year; staff see members and types.
import { type Page } from '@playwright/test';
import { demoAccount, expect, expectAccessible, firstLink, openApplicationForm, readMailAsAdmin, signIn, submitIntensiveApplication, test, uniqueEmail } from './support.ts';

async function newAccount(page: Page, name: string): Promise<string> {
  const email = uniqueEmail('joiner');
  await page.goto('/o/abs/sign-up');
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('joiner-password-1');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/check-email|sign-in|\/o\/abs/);
  await page.goto(firstLink(await readMailAsAdmin(page, 'abs', email, /Confirm your email/)));
  await signIn(page, 'abs', email, 'joiner-password-1');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  return email;
}

async function expectMemberRateOffered(page: Page) {
  await page.goto('/o/abs');
  await page.getByRole('region', { name: 'Upcoming courses' }).getByRole('link').first().click();
  await openApplicationForm(page);
  await expect(page.getByRole('radio', { name: /^ABS Member Registration:/ })).toBeChecked();
  await expect(page.getByText(/Your membership of American Balint Society is on record until/)).toBeVisible();
}

test('a visitor joins by card on the hosted page; the application form then selects the member rate', async ({ page }) => {
  await page.goto('/o/abs/membership');
  await expect(page.getByRole('heading', { level: 1, name: 'Membership' })).toBeVisible();
  await expect(page.getByText(/^Regular: \$150/)).toBeVisible();
  await expectAccessible(page);

  const email = await newAccount(page, 'Jo Joiner');
  await page.goto('/o/abs/membership');
  await expect(page.getByText('You are not a member today.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Join' })).toBeVisible();
  await expectAccessible(page);
  // Nothing chosen is a field error, not a 500.
  await page.getByRole('radio', { name: /^Regular:/ }).check();
  await page.getByRole('radio', { name: 'By card' }).check();
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await page.waitForURL(/\/pay\/cs_test_/);
  await expect(page.getByRole('heading', { name: 'Test checkout' })).toBeVisible();
  await page.getByRole('button', { name: /^Pay \$/ }).click();
  await page.waitForURL(/\/o\/abs\/checkouts\/[0-9a-f-]+\?session_id=cs_test_/);
  await expect(page.getByRole('status')).toContainText('Payment received. Thank you!');

  await page.goto('/o/abs/membership');
  await expect(page.getByText(/^Status today: Active, until /)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your membership terms' })).toBeVisible();
  await expectAccessible(page);
  // A member reaches the member directory from here.
  await page.getByRole('link', { name: 'The member directory' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Member directory' })).toBeVisible();
  const welcome = await readMailAsAdmin(page, 'abs', email, /^Welcome to American Balint Society/);
  expect(welcome).toContain('Your Regular membership of American Balint Society runs from');
  await expectMemberRateOffered(page);
});

test('a visitor joins by invoice; once the treasurer records the check, the member rate is offered', async ({ page }) => {
  await newAccount(page, 'Ines Invoice');
  await page.goto('/o/abs/membership');
  await page.getByRole('radio', { name: /^Trainee:/ }).check();
  await page.getByRole('radio', { name: /^By invoice/ }).check();
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await page.waitForURL(/\/o\/abs\/checkouts\/[0-9a-f-]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/Invoice ABS-\d{6}/);
  await expect(page.getByText(/Trainee membership/)).toBeVisible();
  await expectAccessible(page);
  const number = /ABS-\d{6}/.exec(await page.getByRole('heading', { level: 1 }).innerText())![0];
  // Not a member until it is paid.
  await page.goto('/o/abs/membership');
  await expect(page.getByText('You are not a member today.')).toBeVisible();

  const treasurer = demoAccount('abs', 'treasurer');
  const context = await page.context().browser()!.newContext({ baseURL: new URL(page.url()).origin });
  try {
    const tr = await context.newPage();
    await signIn(tr, 'abs', treasurer.email, treasurer.password);
    await expect(tr.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await tr.goto('/o/abs/admin/money/invoices');
    const section = tr.getByRole('region', { name: `Record payment for invoice ${number}` });
    await section.getByLabel('Reference').fill('check 7001');
    await section.getByRole('button', { name: /^Record payment of \$/ }).click();
    await expect(tr.getByRole('status').filter({ hasText: `recorded against invoice ${number}` })).toBeVisible();
  } finally {
    await context.close();
  }
  await page.goto('/o/abs/membership');
  await expect(page.getByText(/^Status today: Active, until /)).toBeVisible();
  await expectMemberRateOffered(page);
});

test('a non-member who chose the member rate joins on the pay page: one card payment for both', async ({ page }) => {
  await newAccount(page, 'Ruth Register');
  await page.goto('/o/abs');
  await page.getByRole('region', { name: 'Upcoming courses' }).getByRole('link').first().click();
  await openApplicationForm(page);
  await submitIntensiveApplication(page, undefined, { submit: false });
  await page.getByRole('radio', { name: /^ABS Member Registration/ }).check();
  await page.getByRole('button', { name: 'Submit application' }).click();
  await expect(page.getByRole('heading', { name: 'Application received' })).toBeVisible();
  await page.goto('/o/abs/registrations');
  await page.getByRole('link', { name: /^Pay for / }).click();
  await page.waitForURL(/\/registrations\/[0-9a-f-]+\/pay$/);
  const join = page.getByRole('checkbox', { name: /^Join American Balint Society now as a Regular member \(\$150\)/ });
  await expect(join).toBeVisible();
  await expectAccessible(page);
  await join.check();
  await page.getByRole('radio', { name: /^By card/ }).check();
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await page.waitForURL(/\/pay\/cs_test_/);
  await expect(page.getByText('Total: $950.00')).toBeVisible();
  await page.getByRole('button', { name: /^Pay \$950/ }).click();
  await page.waitForURL(/\/o\/abs\/checkouts\/[0-9a-f-]+\?session_id=cs_test_/);
  await expect(page.getByRole('status')).toContainText('Payment received. Thank you!');
  await page.goto('/o/abs/membership');
  await expect(page.getByText(/^Status today: Active, until /)).toBeVisible();
  await page.goto('/o/abs/registrations');
  await expect(page.getByText('Paid in full').first()).toBeVisible();
});

test('the demo member renews by card: the new term starts the day after the current one ends', async ({ page }) => {
  const member = demoAccount('abs', 'member');
  await signIn(page, 'abs', member.email, member.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.goto('/o/abs/membership');
  await expect(page.getByText(/^Status today: Active, until December 31, (\d{4})\./)).toBeVisible();
  const year = Number(/December 31, (\d{4})/.exec(await page.getByText(/^Status today:/).innerText())![1]);
  await expect(page.getByRole('heading', { name: 'Renew' })).toBeVisible();
  await expect(page.getByRole('radio', { name: new RegExp(`^Regular: \\$150 for January 1, ${year + 1} to December 31, ${year + 1}`) })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('radio', { name: /^Regular:/ }).check();
  await page.getByRole('radio', { name: 'By card' }).check();
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await page.waitForURL(/\/pay\/cs_test_/);
  await page.getByRole('button', { name: /^Pay \$150/ }).click();
  await page.waitForURL(/\/o\/abs\/checkouts\/[0-9a-f-]+\?session_id=cs_test_/);
  await page.goto('/o/abs/membership');
  await expect(page.getByText(`Regular: January 1, ${year + 1} – December 31, ${year + 1} (Active, Joined online)`)).toBeVisible();
  await expectAccessible(page);
});

test('staff see members with their status, filter them, download the CSV and edit types', async ({ page }) => {
  const admin = demoAccount('abs', 'admin');
  await signIn(page, 'abs', admin.email, admin.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  // Staff reach the member list from the administration's navigation.
  await page.goto('/o/abs/admin');
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Members', exact: true }).click();
  await page.waitForURL(/\/o\/abs\/admin\/members$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Members' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Grace Harper/ })).toContainText('In grace');
  await expect(page.getByRole('row', { name: /Leo Lapsed/ })).toContainText('Lapsed');
  await expectAccessible(page);
  await page.getByLabel('Status').selectOption('grace');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByRole('row', { name: /Leo Lapsed/ })).toHaveCount(0);
  await expect(page.getByRole('row', { name: /Grace Harper/ })).toBeVisible();
  // A typed number of days that is not one is a field error, not a 500.
  await page.getByLabel('Ending within (days)').fill('soon');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByText('Enter a whole number of days from 0 to 3650.').first()).toBeVisible();
  const csv = await (await page.request.get('/o/abs/admin/members/export?status=grace')).text();
  expect(csv.split('\r\n')[0]).toBe('"Name","Email","Type","Status","From","To","Source","Granted by"');
  expect(csv).toContain('"grace.harper@example.org"');
  expect(csv).not.toContain('leo.lapsed@example.org');

  await page.goto('/o/abs/admin/members?source=complimentary');
  await expect(page.getByRole('row', { name: /Balint Leadership Training Intensive/ })).toBeVisible();

  await page.goto('/o/abs/admin/membership-types');
  await expect(page.getByRole('heading', { level: 1, name: 'Membership types' })).toBeVisible();
  await expectAccessible(page);
  // A new type with dues that are not an amount: a field error; then saved.
  await page.getByLabel('Key').fill('emeritus');
  await page.getByLabel('Name', { exact: true }).fill('Emeritus');
  await page.getByRole('textbox', { name: 'Dues' }).fill('USD lots');
  await page.getByRole('button', { name: 'Save membership type' }).click();
  await expect(page.getByText(/Write each line as a currency code and an amount/).first()).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('textbox', { name: 'Dues' }).fill('USD 60.00');
  await page.getByRole('button', { name: 'Save membership type' }).click();
  await expect(page.getByRole('status')).toContainText('Membership type saved.');
  await expect(page.getByRole('link', { name: 'Emeritus' })).toBeVisible();

  // The courses that grant a complimentary membership: stop one, then grant it again.
  const granting = page.getByRole('button', { name: /^Stop granting with / });
  const before = await granting.count();
  expect(before).toBeGreaterThan(0);
  await granting.first().click();
  await expect(page.getByRole('status')).toContainText('Saved.');
  await expect(page.getByRole('button', { name: /^Stop granting with / })).toHaveCount(before - 1);
  await page.getByRole('button', { name: 'Grant it with this course' }).click();
  await expect(page.getByText('This field is required.').first()).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Course', { exact: true }).selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Grant it with this course' }).click();
  await expect(page.getByRole('status')).toContainText('Saved.');
});
