import { demoAccount, expect, expectAccessible, signIn, test, uniqueEmail } from './support.ts';

test('an admin reaches the admin area, its outbox, people and audit pages', async ({ page }) => {
  const admin = demoAccount('abs', 'admin');
  await signIn(page, 'abs', admin.email, admin.password);
  await page.getByRole('link', { name: 'Admin' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Administration: American Balint Society' })).toBeVisible();
  await expectAccessible(page);
  const adminNav = page.getByRole('navigation', { name: 'Administration' });
  for (const [link, heading] of [
    ['Outbox', 'Outbox'],
    ['People and roles', 'People and roles'],
    ['Audit log', 'Audit log'],
  ] as const) {
    await adminNav.getByRole('link', { name: link }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expectAccessible(page);
  }
});

test('a member is refused the admin area', async ({ page }) => {
  const member = demoAccount('abs', 'member');
  await signIn(page, 'abs', member.email, member.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Admin' })).toHaveCount(0);
  const response = await page.goto('/o/abs/admin');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  await expectAccessible(page);
  expect((await page.goto('/o/abs/admin/outbox'))?.status()).toBe(403);
});

test("one organization's admin cannot open another organization's admin area", async ({ page }) => {
  const nwbcAdmin = demoAccount('nwbc', 'admin');
  await signIn(page, 'nwbc', nwbcAdmin.email, nwbcAdmin.password);
  await expect(page.getByRole('link', { name: 'Admin' })).toBeVisible();
  expect((await page.goto('/o/nwbc/admin'))?.status()).toBe(200);
  expect((await page.goto('/o/abs/admin'))?.status()).toBe(403);
  expect((await page.goto('/o/abs/admin/outbox'))?.status()).toBe(403);
});

test('a visitor who is not signed in is sent to sign in, then back', async ({ page }) => {
  await page.goto('/o/abs/admin/people');
  await expect(page).toHaveURL(/\/o\/abs\/sign-in\?next=%2Fo%2Fabs%2Fadmin%2Fpeople/);
  await expectAccessible(page);
  const admin = demoAccount('abs', 'admin');
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'People and roles' })).toBeVisible();
});

test('an admin grants a role by email and the grant is audited', async ({ page }) => {
  const admin = demoAccount('abs', 'admin');
  const director = demoAccount('abs', 'course_director');
  await signIn(page, 'abs', admin.email, admin.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.goto('/o/abs/admin/people');
  await page.getByLabel('Email').fill(uniqueEmail('nobody'));
  await page.getByRole('button', { name: 'Grant role' }).click();
  await expect(page.getByRole('alert')).toHaveText('No account with that email exists yet.');
  await page.getByLabel('Email').fill(director.email);
  await page.getByLabel('Grant role').selectOption('faculty');
  await page.getByRole('button', { name: 'Grant role' }).click();
  await expect(page.getByRole('status')).toHaveText('Role granted.');
  await expect(page.getByRole('row', { name: /Dana Director.*Faculty/ })).toBeVisible();
  await page.goto('/o/abs/admin/audit');
  await expect(page.getByRole('cell', { name: 'role.granted' }).first()).toBeVisible();
});

test('repeated wrong passwords are throttled', async ({ page }) => {
  const email = uniqueEmail('throttle');
  for (let i = 0; i < 5; i++) {
    await signIn(page, 'abs', email, `wrong-password-${i}`);
    await expect(page.getByRole('alert')).toHaveText('Email or password is incorrect.');
  }
  await signIn(page, 'abs', email, 'wrong-password-6');
  await expect(page.getByRole('alert')).toContainText('Too many sign-in attempts');
});
