// The account-takeover path through the outbox is closed: anyone may ask for a reset of any
// account through any organization's page, but no organization's staff can read the link.
// Without SMTP only the deployment's operator can, and every use is in the audit log.
import { demoAccount, expect, expectAccessible, firstLink, readCredentialMail, signIn, test, uniqueEmail } from './support.ts';

test("another organization's admin finds no usable link in a reset asked for through their site", async ({ page, browser }) => {
  const treasurer = demoAccount('abs', 'treasurer');
  // A stranger asks nwbc's site to reset the ABS treasurer's password.
  await page.goto('/o/nwbc/forgot-password');
  await page.getByLabel('Email').fill(treasurer.email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('status')).toContainText('a reset link is on its way');

  const nwbcAdmin = demoAccount('nwbc', 'admin');
  const context = await browser.newContext({ baseURL: new URL(page.url()).origin });
  const admin = await context.newPage();
  await signIn(admin, 'nwbc', nwbcAdmin.email, nwbcAdmin.password);
  await expect(admin.getByRole('link', { name: 'Admin' })).toBeVisible();
  const message = admin.getByRole('link', { name: 'Reset your Northwest Balint Circle password' }).first();
  await expect(async () => {
    await admin.goto(`/o/nwbc/admin/outbox?to=${encodeURIComponent(treasurer.email)}`);
    await expect(message).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(admin.getByRole('row').filter({ has: message })).toContainText('Link withheld');
  await expectAccessible(admin);
  await message.click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Reset your Northwest Balint Circle password' })).toBeVisible();
  await expect(admin.getByText('This message carries a credential')).toBeVisible();
  await expect(admin.locator('pre.mail')).toContainText('[link withheld');
  const html = await admin.content();
  expect(html).not.toContain('/api/auth/reset-password');
  expect(html).not.toMatch(/reset-password\/[A-Za-z0-9_-]{10,}/);
  await expectAccessible(admin);

  // The operator's pages are not theirs.
  expect((await admin.goto('/operator'))?.status()).toBe(403);
  expect((await admin.goto('/operator/audit'))?.status()).toBe(403);
  await context.close();
});

test("the operator passes a reset link on; the reset is in the deployment's audit log", async ({ page, browser }) => {
  const email = uniqueEmail('locked-out');
  await page.goto('/o/abs/sign-up');
  await page.getByLabel('Full name').fill('Lee Locked-Out');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('first-password-123');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await page.goto(firstLink(await readCredentialMail(page, email, /Confirm your email/)));
  await expect(page.getByRole('heading', { name: 'Email confirmed' })).toBeVisible();

  await page.goto('/o/nwbc/forgot-password');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('status')).toContainText('a reset link is on its way');

  // The operator sees the link, on an accessible page.
  const operator = demoAccount('deployment', 'operator');
  const context = await browser.newContext({ baseURL: new URL(page.url()).origin });
  const op = await context.newPage();
  await signIn(op, 'abs', operator.email, operator.password);
  await op.getByRole('link', { name: 'Operator' }).click();
  await expect(op.getByRole('heading', { level: 1, name: 'Credential mail' })).toBeVisible();
  await expectAccessible(op);

  const link = firstLink(await readCredentialMail(page, email, /Reset your Northwest Balint Circle password/));
  expect(link).toMatch(/\/api\/auth\/reset-password\//);
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await page.getByLabel('Password').fill('second-password-456');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByRole('status')).toHaveText('Your password has been changed. Sign in with the new one.');
  await signIn(page, 'abs', email, 'second-password-456');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  await op.goto('/operator/audit');
  await expect(op.getByRole('heading', { level: 1, name: 'Deployment audit log' })).toBeVisible();
  for (const action of ['account.password_reset', 'account.password_reset_requested', 'account.email_verified', 'outbox.credential_viewed']) {
    await expect(op.getByRole('cell', { name: action, exact: true }).first()).toBeVisible();
  }
  await expectAccessible(op);
  await context.close();
});

test('a visitor who opens the operator pages is sent to sign in, then back', async ({ page }) => {
  await page.goto('/operator');
  await expect(page).toHaveURL(/\/o\/[a-z]+\/sign-in\?next=%2Foperator/);
  const operator = demoAccount('deployment', 'operator');
  await page.getByLabel('Email').fill(operator.email);
  await page.getByLabel('Password').fill(operator.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Credential mail' })).toBeVisible();
});

test('after signing in from a data request, the person lands on the page, not on its data', async ({ page }) => {
  const member = demoAccount('abs', 'member');
  await page.goto('/o/abs/sign-in?next=%2Fo%2Fabs%2Fregistrations.data');
  await page.getByLabel('Email').fill(member.email);
  await page.getByLabel('Password').fill(member.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/o\/abs\/registrations$/);
  await expect(page.getByRole('heading', { level: 1, name: 'My registrations' })).toBeVisible();
});

test('a next that would leave the site, or break the header, lands on the organization home', async ({ page }) => {
  const member = demoAccount('abs', 'member');
  for (const next of ['/\t/evil.example', '/\n/x', '//evil.example']) {
    await page.context().clearCookies();
    await page.goto(`/o/abs/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByLabel('Email').fill(member.email);
    await page.getByLabel('Password').fill(member.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/o\/abs$/);
  }
});
