// Issue 12, small groups: the director opens the demo's Spokane 2025 course (forty participants
// in four published groups), runs the optimizer and watches its progress, stops it (the best so
// far is kept), moves a participant with the keyboard alone and sees the scores and rules
// recomputed, and the participant's email about the change appears in the outbox. axe on every
// page visited. The seeded groups are left as they were (the person is moved back), so other
// journeys on the demo course see them unchanged.
import { demoAccount, expect, expectAccessible, signIn, test, waitForHydration } from './support.ts';

test('a director runs the optimizer, sees progress, moves a person by keyboard, and the participant is emailed', async ({ page, browser, baseURL }) => {
  test.setTimeout(240_000);
  const director = demoAccount('abs', 'course_director');
  await signIn(page, 'abs', director.email, director.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  await page.goto('/o/abs/admin/courses');
  await page.getByRole('row').filter({ hasText: '2025' }).getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.getByRole('navigation', { name: /^Pages of / }).getByRole('link', { name: 'Small groups' }).click();
  await page.waitForURL(/\/small-groups$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Small groups:');
  await waitForHydration(page);
  await expect(page.getByText(/40 participants, 4 groups of 8–12/)).toBeVisible();
  await expect(page.getByText(/Published on April 11, 2025/)).toBeVisible();
  const cards = page.locator('li.card');
  await expect(cards).toHaveCount(4);
  await expectAccessible(page);

  // The settings and the participants' facts, as the director would check them first.
  await page.getByRole('link', { name: 'Settings and leaders' }).click();
  await expect(page.getByRole('heading', { name: 'Groups, rooms and leaders' })).toBeVisible();
  await expect(page.getByText('Every rule holds.')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Participants’ facts' }).click();
  await expect(page.getByRole('table', { name: 'Participants’ facts' })).toContainText('Morgan Member');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Groups and optimizer' }).click();
  await expect(cards).toHaveCount(4);
  await waitForHydration(page);

  // Run, watch the best-so-far arrive (the page polls every second), stop: the best is kept.
  const status = page.getByTestId('optimizer-status');
  await page.getByLabel('Time limit (seconds)').fill('120');
  await page.getByRole('button', { name: 'Run optimizer' }).click();
  await expect(status).toContainText(/Running: .* [1-9]\d* iterations, best score \d/, { timeout: 30_000 });
  await expect(status).toHaveAttribute('aria-live', 'polite');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(status).toContainText(/Stopped: the best assignment found so far is kept: .* best score \d/, { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Use this result' })).toBeVisible();

  // Move Morgan Member by keyboard alone: focus the control, choose with the arrow key, Enter.
  const source = cards.filter({ hasText: 'Morgan Member' });
  const sourceName = (await source.getByRole('heading', { level: 3 }).innerText()).trim();
  const sourceScore = Number(await source.getByTestId('group-score').innerText());
  const total = await page.getByRole('heading', { name: /^Diversity score \(all groups\)/ }).innerText();
  const select = page.getByLabel('Move Morgan Member to');
  await select.focus();
  await page.keyboard.press('ArrowDown');
  const targetName = (await select.locator('option:checked').innerText()).trim();
  expect(targetName).not.toBe(sourceName);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Move: Morgan Member' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: `Morgan Member moved to ${targetName} and placed by hand.` })).toBeVisible();
  const target = cards.filter({ has: page.getByRole('heading', { level: 3, name: targetName }) });
  await expect(target).toContainText('Morgan Member (placed by hand)');
  const sourceAfter = cards.filter({ has: page.getByRole('heading', { level: 3, name: sourceName }) });
  await expect(sourceAfter).not.toContainText('Morgan Member');
  // Leaving the group takes Morgan's differences with its members out of its score.
  expect(Number(await sourceAfter.getByTestId('group-score').innerText())).toBeLessThan(sourceScore);
  await expect(page.getByRole('heading', { name: /^Diversity score \(all groups\)/ })).not.toHaveText(total);
  await expect(page.getByTestId('broken-rules')).toBeVisible();
  await expectAccessible(page);

  // The groups are published, so Morgan (and only the people a change affects) is told.
  const adminContext = await browser.newContext({ baseURL });
  const admin = await adminContext.newPage();
  try {
    const account = demoAccount('abs', 'admin');
    await signIn(admin, 'abs', account.email, account.password);
    await expect(admin.getByRole('button', { name: 'Sign out' })).toBeVisible();
    const link = admin.getByRole('link', { name: /^Your small group at .* has changed/ }).first();
    await expect(async () => {
      await admin.goto(`/o/abs/admin/outbox?to=${encodeURIComponent('member@abs.example.org')}`);
      await expect(link).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await expectAccessible(admin);
    await link.click();
    const mail = admin.locator('pre.mail');
    await expect(mail).toContainText(`you are now in ${targetName}`);
    await expect(mail).toContainText('Faculty leaders:');
    await expect(mail).toContainText('Room:');
    await expectAccessible(admin);
  } finally {
    await adminContext.close();
  }

  // Back where the demo had Morgan, so the seeded groups stay as they were.
  await waitForHydration(page);
  await page.getByLabel('Move Morgan Member to').selectOption({ label: sourceName });
  await page.getByRole('button', { name: 'Move: Morgan Member' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Morgan Member moved to ${sourceName} and placed by hand.` })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Diversity score \(all groups\)/ })).toHaveText(total);
});
