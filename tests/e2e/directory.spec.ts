// The Balint groups directory (issue 14), as people use it: a trained leader (the demo member,
// who attended the Spokane 2025 intensive) lists an online group; staff approve it, after
// seeing why another listing cannot be approved; a visitor finds it with the "online" and day
// filters (a GET form), sees its meeting times in the group's zone and, after hydration, in
// their own, and contacts the leader — the message is in the outbox with Reply-To the
// visitor, and the leader's address is on no page the visitor saw. The map has its markers
// (the test machine has no internet: tiles never load, and the map must not break). axe on
// every page.
import { type Browser, type Page } from '@playwright/test';
import { demoAccount, expect, expectAccessible, readMailAsAdmin, signIn, test, waitForHydration } from './support.ts';

test.describe.configure({ mode: 'serial' });

const stamp = Date.now().toString(36);
const title = `Friday Morning Online Group ${stamp}`;
const leader = demoAccount('abs', 'member');

async function signedIn(browser: Browser, baseURL: string, role: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const account = demoAccount('abs', role);
  await signIn(page, 'abs', account.email, account.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  return page;
}

test('a leader lists a group, staff approve it, a visitor finds it and contacts the leader', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  // The leader lists the group.
  const leaderPage = await signedIn(browser, baseURL!, 'member');
  await leaderPage.goto('/o/abs/my-groups');
  await expect(leaderPage.getByRole('heading', { level: 1, name: 'My groups' })).toBeVisible();
  await expectAccessible(leaderPage);
  await leaderPage.getByRole('link', { name: 'List a group' }).click();
  await expect(leaderPage.getByRole('heading', { level: 1, name: 'List a group' })).toBeVisible();
  await waitForHydration(leaderPage);
  // Refused in the browser with each field named; what was typed stays.
  await leaderPage.getByLabel('Name of the group').fill(title);
  await leaderPage.getByLabel('Start time').fill('8am');
  await leaderPage.getByRole('button', { name: 'Create the listing' }).click();
  await expect(leaderPage.getByRole('alert')).toContainText('Please correct');
  await expect(leaderPage.locator('.error-summary-list')).toContainText('Start time');
  await expect(leaderPage.locator('.error-summary-list')).toContainText('How to join');
  await expect(leaderPage.getByLabel('Name of the group')).toHaveValue(title);
  await expectAccessible(leaderPage);
  await leaderPage.getByLabel('Format').selectOption('online');
  await leaderPage.getByLabel('Physicians').check();
  await leaderPage.getByLabel('How often').selectOption('weekly');
  await leaderPage.getByLabel('Day of the week').selectOption('5');
  await leaderPage.getByLabel('Start time').fill('08:00');
  await leaderPage.getByLabel('Time zone').selectOption('Europe/London');
  await leaderPage.getByLabel('First meeting').fill('2026-01-09');
  await leaderPage.getByLabel('How to join').fill('Write to me with the form on this page.');
  await leaderPage.getByRole('button', { name: 'Create the listing' }).click();
  await expect(leaderPage.getByRole('status')).toContainText('Your group is listed');
  const card = leaderPage.locator('li.card', { hasText: title });
  await expect(card).toContainText('Not yet sent for approval');
  await card.getByRole('button', { name: `Send ${title} for approval` }).click();
  await expect(leaderPage.getByRole('status')).toContainText('Sent for approval');
  await expect(card).toContainText('Waiting for staff approval');
  await expectAccessible(leaderPage);
  await leaderPage.context().close();

  // Staff approve it; the listing whose leader has no verified training says why it cannot be.
  const staffPage = await signedIn(browser, baseURL!, 'admin');
  await staffPage.goto('/o/abs/admin/directory');
  await expect(staffPage.getByRole('heading', { level: 1, name: 'Groups directory' })).toBeVisible();
  await expectAccessible(staffPage);
  const untrained = staffPage.getByRole('row', { name: /Thursday Lunchtime Balint Group/ });
  await expect(untrained).toContainText('No leader has verified Balint leadership training');
  await expect(untrained.getByRole('button', { name: /Approve/ })).toHaveCount(0);
  const row = staffPage.getByRole('row', { name: new RegExp(title) });
  await expect(row).toContainText('Morgan Member (trained)');
  await row.getByRole('button', { name: `Approve ${title}` }).click();
  await expect(staffPage.getByRole('status')).toContainText('Approved');
  await staffPage.getByRole('link', { name: 'Leaders’ training' }).click();
  await expect(staffPage.getByRole('heading', { level: 1, name: 'Leaders’ training' })).toBeVisible();
  await expect(staffPage.getByRole('row', { name: /Morgan Member/ })).toContainText('Verified');
  await expectAccessible(staffPage);
  await staffPage.context().close();

  // A visitor finds it by the "online" and day filters.
  const context = await browser.newContext({ baseURL });
  const visitor = await context.newPage();
  const seen: string[] = [];
  visitor.on('response', async (response) => {
    if (response.request().resourceType() === 'document' || response.url().includes('.data')) seen.push(await response.text().catch(() => ''));
  });
  await visitor.goto('/o/abs/groups');
  await expect(visitor.getByRole('heading', { level: 1, name: 'Balint groups' })).toBeVisible();
  // The circle's groups are in the national directory, labelled with the circle.
  await expect(visitor.locator('li.card', { hasText: 'Seattle Monthly Balint Group' })).toContainText('A group of Northwest Balint Circle');
  await waitForHydration(visitor);
  // The map: one marker per group that meets in person (tiles cannot load here; markers still draw).
  // It loads on request (the list says it all; a phone downloads the map only when asked).
  await expect(visitor.locator('.directory-map')).toHaveCount(0);
  await visitor.getByRole('button', { name: 'Show the 3 groups on a map' }).click();
  await expect(visitor.locator('.directory-map path.directory-marker')).toHaveCount(3);
  await expectAccessible(visitor);
  await visitor.getByLabel('Online only').check();
  await visitor.getByLabel('Day of the week').selectOption('5');
  await visitor.getByRole('button', { name: 'Show groups' }).click();
  await expect(visitor).toHaveURL(/online=yes/);
  await expect(visitor).toHaveURL(/day=5/);
  const results = visitor.locator('ul.directory-results > li');
  await expect(results).toHaveCount(1);
  await expect(results.first()).toContainText(title);
  await expect(visitor.getByRole('status')).toHaveText('1 group');
  await expectAccessible(visitor);
  await visitor.getByRole('link', { name: title }).click();
  await expect(visitor.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(visitor.getByText('Every Friday, 8:00 AM – 9:30 AM')).toBeVisible();
  await expect(visitor.getByRole('heading', { name: /In the group’s time zone \(.*Europe\/London\)/ })).toBeVisible();
  await waitForHydration(visitor);
  // Added after hydration, in the browser's zone.
  await expect(visitor.locator('[data-visitor-zone]')).toBeVisible();
  await expectAccessible(visitor);

  // Contact the leader: refused without a message (what was typed stays), then sent.
  await visitor.getByLabel('Your name').fill('Vera Visitor');
  await visitor.getByLabel('Your email').fill('vera.visitor@example.org');
  await visitor.getByRole('button', { name: 'Send the message' }).click();
  await expect(visitor.locator('.error-summary-list')).toContainText('Message');
  await expect(visitor.getByLabel('Your name')).toHaveValue('Vera Visitor');
  await visitor.getByLabel('Message').fill(`Is there room for a family physician? (${stamp})`);
  await visitor.getByRole('button', { name: 'Send the message' }).click();
  await expect(visitor.getByRole('status')).toContainText('Your message was sent to the group’s leader');
  await expectAccessible(visitor);
  // The leader's address is on no page, in no response the visitor received.
  expect(await visitor.content()).not.toContain(leader.email);
  expect(seen.length).toBeGreaterThan(2);
  for (const body of seen) expect(body).not.toContain(leader.email);

  // The message is in the outbox, to the leader, with the visitor's words.
  const mail = await readMailAsAdmin(visitor, 'abs', leader.email, new RegExp(`${title}: a message from Vera Visitor`));
  expect(mail).toContain(`Is there room for a family physician? (${stamp})`);
  expect(mail).toContain('Vera Visitor (vera.visitor@example.org)');
  await context.close();
});

test('the outbox shows the Reply-To of a message to a leader', async ({ browser, baseURL }) => {
  const staffPage = await signedIn(browser, baseURL!, 'admin');
  await staffPage.goto(`/o/abs/admin/outbox?to=${encodeURIComponent(leader.email)}`);
  await staffPage.getByRole('link', { name: new RegExp(`${title}: a message from Vera Visitor`) }).first().click();
  await expect(staffPage.locator('dl.facts')).toContainText('Reply to');
  await expect(staffPage.locator('dl.facts')).toContainText('vera.visitor@example.org');
  await staffPage.context().close();
});

test('a circle’s directory shows its own groups only; a national group’s page is not under the circle', async ({ page }) => {
  await page.goto('/o/nwbc/groups');
  await expect(page.getByRole('heading', { level: 1, name: 'Balint groups' })).toBeVisible();
  await expect(page.locator('ul.directory-results > li')).toHaveCount(2);
  await expect(page.getByText('Tuesday Evening Online Balint Group')).toHaveCount(0);
  await expectAccessible(page);
  const response = await page.goto('/o/nwbc/groups/tuesday-evening-online-balint-group');
  expect(response?.status()).toBe(404);
  // Without JavaScript the filters still work (a GET form).
  const context = await page.context().browser()!.newContext({ baseURL: new URL(page.url()).origin, javaScriptEnabled: false });
  const plain = await context.newPage();
  await plain.goto('/o/abs/groups');
  await plain.getByLabel('Postcode or ZIP code').fill('98101');
  await plain.getByLabel('Within').selectOption('25');
  await plain.getByRole('button', { name: 'Show groups' }).click();
  await expect(plain).toHaveURL(/postcode=98101/);
  await expect(plain.locator('ul.directory-results > li').first()).toContainText('Seattle Monthly Balint Group');
  await expect(plain.locator('ul.directory-results')).not.toContainText('Thursday Lunchtime');
  await context.close();
});
