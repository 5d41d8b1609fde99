import { expect, expectAccessible, test, waitForHydration } from './support.ts';

test('the root lists both organizations and leads to their homes', async ({ page }) => {
  await page.goto('/');
  await expectAccessible(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Balint Hub' })).toBeVisible();
  await page.getByRole('link', { name: 'Northwest Balint Circle' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Northwest Balint Circle' })).toBeVisible();
  await expect(page.getByText(/training up to twelve leaders in your own organization/)).toBeVisible();
  await expectAccessible(page);
});

test('the Spokane intensive shows the published prices, limits and deadlines', async ({ page }) => {
  await page.goto('/o/abs');
  await expectAccessible(page);
  await page.getByRole('region', { name: 'Past courses' }).getByRole('listitem').filter({ hasText: 'Spokane' }).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Leadership Training Intensive');
  await expectAccessible(page);
  const fees = page.getByRole('table');
  for (const [category, early, regular] of [
    ['Single Registration', '$900', '$975'],
    ['ABS Member Registration', '$800', '$875'],
    ['Residents, students, fellows', '$640', '$700'],
    ['ABS Member Residents, students & fellows', '$560', '$620'],
  ]) {
    const row = fees.getByRole('row', { name: new RegExp(`^${category!.replace(/[&]/g, '\\$&')}`) });
    await expect(row.getByRole('cell').nth(0)).toHaveText(early!);
    await expect(row.getByRole('cell').nth(1)).toHaveText(regular!);
  }
  await expect(page.getByText('Early rates are limited to the first 30 registrants.')).toBeVisible();
  await expect(page.getByText('April 23–26, 2025')).toBeVisible();
  await expect(page.getByText('This course has taken place.')).toBeVisible();
  await expect(page.getByText(/AMERI250422-163208/)).toBeVisible();
  await expect(page.getByText(/approved for 19.25 CE credits/)).toBeVisible();
});

test('the upcoming intensive is open for registration', async ({ page }) => {
  await page.goto('/o/abs');
  await page.getByRole('region', { name: 'Upcoming courses' }).getByRole('link').first().click();
  await expect(page.getByRole('status').filter({ hasText: 'Registration is open until' })).toBeVisible();
  await expectAccessible(page);
});

test('the keyboard reaches the skip link first and it moves focus to the content', async ({ page }) => {
  await page.goto('/o/abs');
  // Keys go to the page as it stays: React Router restores the scroll position when it hydrates.
  await waitForHydration(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
  // The next Tab continues from the main content, past the header's navigation.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('main')?.id)).toBe('main');
});

test('an unknown page says so, with a 404', async ({ page }) => {
  const response = await page.goto('/o/abs/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expectAccessible(page);
  // Addresses a person can type never produce a server error.
  for (const path of ['/o/abs/courses/%00', '/o/%ZZ', '/o/abs/courses/..%2f..%2fetc', '/assets/..%2f..%2fpackage.json', '/o/abs/admin/outbox/not-a-uuid']) {
    expect((await page.request.get(path, { maxRedirects: 0 })).status(), path).toBeLessThan(500);
  }
});
