// Issue 18, one search for people, in the browser: the treasurer finds a participant of the
// Spokane course by typing the name without its accent, opens the person's record with the
// registration and the payment; the operator searches every organization. axe on every page.
import { demoAccount, expect, expectAccessible, signIn, test } from './support.ts';

test('staff find a person without typing the accent and open their record; the operator searches every organization', async ({ page }) => {
  const treasurer = demoAccount('abs', 'treasurer');
  await signIn(page, 'abs', treasurer.email, treasurer.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.goto('/o/abs/admin');
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Find people' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Find people' })).toBeVisible();

  // One character is not enough, and the field says so.
  await page.getByLabel('Name or email').fill('a');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText('Type at least 2 characters.')).toBeVisible();
  await expect(page.getByLabel('Name or email')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Name or email').fill('ALVAREZ');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('status')).toHaveText('1 person matches.');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Diego Álvarez' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Diego Álvarez' })).toBeVisible();
  const registrations = page.getByRole('table', { name: 'Registrations' });
  await expect(registrations.getByRole('row', { name: /Balint Leadership Training Intensive/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Payments and refunds' })).toContainText('Payment');
  await expectAccessible(page);

  // The operator, above every organization.
  await page.context().clearCookies();
  const operator = demoAccount('deployment', 'operator');
  await signIn(page, 'abs', operator.email, operator.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.goto('/operator/people?q=alvarez');
  await expect(page.getByRole('heading', { level: 1, name: 'Find people in every organization' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Diego Álvarez/ })).toContainText('abs');
  await expectAccessible(page);
});
