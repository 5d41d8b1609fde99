// Issue 12, small groups, in the browser. First a course whose groups are still being planned
// (made by tests/e2e/small-groups-course.ts in the running app's database): the director runs
// the optimizer and watches its progress, uses the result, moves a participant with the
// keyboard alone and sees the scores recomputed, publishes, and the participant's email is in the
// outbox. Then the demo's Spokane 2025 course, published: a run is stopped and keeps its best,
// and a late move tells the moved participant. axe on every page visited. The seeded groups are
// left as they were (the person is moved back), so other journeys see them unchanged.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { courses } from '../../db/schema/courses.ts';
import { ACCOUNTS_FILE_ENV } from './global-setup.ts';
import { appDatabase } from './support-db.ts';
import { demoAccount, expect, expectAccessible, signIn, test, waitForHydration } from './support.ts';

async function planningCourse(): Promise<{ courseId: string; title: string; tag: string }> {
  const { stdout } = await promisify(execFile)(process.execPath, ['tests/e2e/small-groups-course.ts'], {
    env: { ...process.env, DATA_DIR: path.dirname(process.env[ACCOUNTS_FILE_ENV]!), DATABASE_URL: '', LOG_LEVEL: 'warn' },
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as { courseId: string; title: string; tag: string };
}

test('a director runs the optimizer, uses the result, moves a person by keyboard, publishes, and the participant is emailed', async ({ page, browser, baseURL }) => {
  test.setTimeout(240_000);
  const course = await planningCourse();
  const director = demoAccount('abs', 'course_director');
  await signIn(page, 'abs', director.email, director.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.goto(`/o/abs/admin/courses/${course.courseId}`);
  await page.getByRole('navigation', { name: /^Pages of / }).getByRole('link', { name: 'Small groups' }).click();
  await page.waitForURL(/\/small-groups$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Small groups: ${course.title}`);
  await expect(page.getByText(/12 participants, 3 groups of 2–6\. Not published yet\./)).toBeVisible();
  await expect(page.getByTestId('broken-rules')).toContainText('12 participants are not in a group yet');
  await expectAccessible(page);

  // The settings and the participants' facts, as the director would check them first.
  await page.getByRole('link', { name: 'Settings and leaders' }).click();
  await expect(page.getByRole('heading', { name: 'Groups, rooms and leaders' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Leaders of Small group 1' }).getByLabel(/^Blair Lead/)).toBeChecked();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Participants’ facts' }).click();
  await expect(page.getByRole('table', { name: 'Participants’ facts' })).toContainText(`Journey Participant 01 ${course.tag}`);
  await expectAccessible(page);
  // A field error in the table: the summary's link takes the keyboard to that very field.
  const first = `Journey Participant 01 ${course.tag}`;
  await waitForHydration(page);
  await page.getByLabel(`Gender of ${first}`).fill('x'.repeat(41));
  await page.getByRole('button', { name: 'Save facts' }).click();
  await expect(page.getByRole('alert')).toContainText('Please correct the highlighted fields.');
  await page.getByRole('link', { name: `Gender of ${first}` }).click();
  await expect(page.getByLabel(`Gender of ${first}`)).toBeFocused();
  await expect(page.getByLabel(`Gender of ${first}`)).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Groups and optimizer' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Small groups:');
  await waitForHydration(page);

  // Run; the page shows the best-so-far while it runs (polled every second) and the end.
  const status = page.getByTestId('optimizer-status');
  await expect(status).toHaveAttribute('aria-live', 'polite');
  await page.getByLabel('Time limit (seconds)').fill('4');
  await page.getByRole('button', { name: 'Run optimizer' }).click();
  await expect(status).toContainText(/Running: [\d.]+ s of 4 s/);
  await expect(status).toContainText(/Finished: [\d.]+ s of 4 s, [1-9]\d* iterations, best score \d/, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Use this result' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The result is applied: 12 participants placed.' })).toBeVisible();
  await expect(page.getByTestId('broken-rules')).toHaveText('Every rule holds.');
  const cards = page.locator('li.card');
  await expect(cards).toHaveCount(3);
  await expectAccessible(page);

  // Move a member of the largest group to the smallest by keyboard alone: focus the control,
  // choose with the arrow keys, Enter. Sizes stay within 2–6 whatever the run found.
  const sizes = await Promise.all([0, 1, 2].map(async (i) => Number(/\((\d+)\)/.exec(await cards.nth(i).getByRole('heading', { level: 4 }).innerText())![1])));
  const from = sizes.indexOf(Math.max(...sizes));
  const to = sizes.lastIndexOf(Math.min(...sizes.filter((_, i) => i !== from)));
  const targetName = `Small group ${to + 1}`;
  const source = cards.nth(from);
  const sourceScore = Number(await source.getByTestId('group-score').innerText());
  const total = await page.getByRole('heading', { name: /^Diversity score \(all groups\)/ }).innerText();
  const mover = (await source.locator('ul.members > li > span').first().innerText()).trim();
  const select = page.getByLabel(`Move ${mover} to`);
  await select.focus();
  const options = (await select.locator('option').allInnerTexts()).map((o) => o.trim());
  for (let k = 0; k < options.indexOf(targetName); k++) await page.keyboard.press('ArrowDown');
  await expect(select.locator('option:checked')).toHaveText(targetName);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: `Move: ${mover}` })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: `${mover} moved to ${targetName} and placed by hand.` })).toBeVisible();
  await expect(cards.nth(to)).toContainText(`${mover} (placed by hand)`);
  // Leaving the group takes the mover's differences with its members out of its score.
  expect(Number(await cards.nth(from).getByTestId('group-score').innerText())).toBeLessThan(sourceScore);
  await expect(page.getByRole('heading', { name: /^Diversity score \(all groups\)/ })).not.toHaveText(total);
  await expect(page.getByTestId('broken-rules')).toHaveText('Every rule holds.');
  await expectAccessible(page);

  // Publish: one email per participant.
  await page.getByLabel('I have checked the groups; email every participant their group').check();
  await page.getByRole('button', { name: 'Publish and email participants' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Published: 12 emails are in the outbox.' })).toBeVisible();
  await expect(page.getByText(/Published on /)).toBeVisible();
  await expectAccessible(page);

  const moverEmail = `journey-${Number(/Participant (\d+)/.exec(mover)![1])}-${course.tag}@example.org`;
  const adminContext = await browser.newContext({ baseURL });
  const admin = await adminContext.newPage();
  try {
    const account = demoAccount('abs', 'admin');
    await signIn(admin, 'abs', account.email, account.password);
    await expect(admin.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await admin.goto(`/o/abs/admin/outbox?to=${encodeURIComponent(moverEmail)}`);
    const link = admin.getByRole('link', { name: `Your small group at ${course.title}` });
    await expect(link).toHaveCount(1);
    await expectAccessible(admin);
    await link.click();
    const mail = admin.locator('pre.mail');
    await expect(mail).toContainText(`You are in ${targetName} at ${course.title}.`);
    const leaders = [['Avery Lead', 'Blair Lead'], ['Casey Lead', 'Devon Lead'], ['Emery Lead', 'Finley Lead']][to]!;
    await expect(mail).toContainText(`Faculty leaders: ${leaders.join(', ')}.`);
    await expect(mail).toContainText(`Room: Journey Room ${to + 1}.`);
    await expectAccessible(admin);
  } finally {
    await adminContext.close();
  }
});

test('on the published demo course a run is stopped and keeps its best, and a late move emails only the person moved', async ({ page, browser, baseURL }) => {
  test.setTimeout(240_000);
  const director = demoAccount('abs', 'course_director');
  await signIn(page, 'abs', director.email, director.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  // The demo's Spokane 2025 course, by its slug: other specs make courses on the same dates.
  const { db, close } = appDatabase();
  const [spokane] = await db.select({ id: courses.id }).from(courses).where(eq(courses.slug, 'leadership-intensive-2025-spokane')).finally(close);
  await page.goto(`/o/abs/admin/courses/${spokane!.id}`);
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
