// Issue 18, "Copy this course", in the browser: the director copies the demo's Spokane 2025
// course (which was run, with forty participants) to April 2028, reads the summary of what
// moved, publishes the copy, and the public page shows it with its prices and none of the old
// course's people. axe on every page visited.
import { demoAccount, expect, expectAccessible, signIn, test, waitForHydration } from './support.ts';

test('a director copies the Spokane course to 2028, checks the moved dates, publishes, and the public page shows the copy', async ({ page }) => {
  const director = demoAccount('abs', 'course_director');
  await signIn(page, 'abs', director.email, director.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.goto('/o/abs/admin/courses');
  await page.getByRole('link', { name: 'Balint Leadership Training Intensive', exact: true }).click();
  await page.getByRole('navigation', { name: /^Pages of / }).getByRole('link', { name: 'Copy this course' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Copy this course' })).toBeVisible();
  await expectAccessible(page);
  await waitForHydration(page);

  // The suggestion is the same weekday a year on; the director chooses 2028 instead.
  await expect(page.getByLabel('New start date')).toHaveValue('2026-04-22');
  await page.getByLabel('New start date').fill('2028-04-31');
  await page.getByLabel('Web address name').fill('e2e-intensive-2028-spokane');
  await page.getByRole('button', { name: 'Make the copy' }).click();
  // An impossible date is refused on the spot and what was typed stays.
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByLabel('New start date')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Web address name')).toHaveValue('e2e-intensive-2028-spokane');
  await page.getByLabel('New start date').fill('2028-04-19');
  await page.getByLabel('Title').fill('Leadership Training Intensive — Spokane 2028 (copy test)');
  await page.getByRole('button', { name: 'Make the copy' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'The copy, to check' })).toBeVisible();
  await expect(page.getByText('Every date is 1092 days later.')).toBeVisible();
  await expect(page.getByText('8 prices', { exact: true })).toBeVisible();
  const moved = page.getByRole('table', { name: 'Dates that moved' });
  await expect(moved.getByRole('row', { name: /Registration deadline/ })).toContainText('March 12, 2025');
  await expect(moved.getByRole('row', { name: /Registration deadline/ })).toContainText('March 8, 2028');
  await expect(moved.getByRole('row', { name: /Hotel reservation deadline/ })).toContainText('March 19, 2028');
  await expect(moved.getByRole('row', { name: /Schedule/ })).toContainText(/sessions moved/);
  await expect(page.getByText(/“Welcome to Spokane!” mentions the old year/)).toBeVisible();
  await expectAccessible(page);

  // Publish from the details page.
  await page.getByRole('link', { name: 'Edit the details' }).click();
  await expect(page.getByText('This course is Draft.')).toBeVisible();
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('status')).toContainText('The course is now Published.');

  // The copy's dashboard: no applications came along.
  await page.getByRole('navigation', { name: /^Pages of / }).getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('row', { name: /^All applications/ }).getByRole('cell')).toHaveText('0');

  // The public page, as a visitor.
  await page.context().clearCookies();
  await page.goto('/o/abs/courses/e2e-intensive-2028-spokane');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Spokane 2028 (copy test)');
  await expect(page.getByText(/April 19.{1,3}22, 2028/)).toBeVisible();
  await expectAccessible(page);
});
