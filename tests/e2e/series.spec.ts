// A group series that misses its minimum, in the browser. The NWBC admin creates a paid series
// whose decide-by date is already yesterday (the clock is not touched: the date is set in the
// form), three members sign up — one pays by card on the fake Stripe's hosted page, one by
// invoice that the admin records as paid, one leaves the invoice unpaid — the admin decides:
// the series is cancelled, the two who paid have $120 refunds due in the refund tracker, and all
// three have the cancellation email in the outbox. axe on every page visited.
import { type Browser, type Page } from '@playwright/test';
import { Temporal } from 'temporal-polyfill';
import { createVerifiedAccount } from '../../domain/accounts/create-account.server.ts';
import { systemActor } from '../../domain/audit/record-audit.server.ts';
import { appDatabase } from './support-db.ts';
import { demoAccount, expect, expectAccessible, readMailAsAdmin, signIn, test, uniqueEmail, waitForHydration } from './support.ts';

const ORG = 'nwbc';
const today = Temporal.Now.plainDateISO('America/Los_Angeles');

async function staffPage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const admin = demoAccount(ORG, 'admin');
  await signIn(page, ORG, admin.email, admin.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  return page;
}

/**
 * A new NWBC member with a verified account (made in the app's database: the sign-up pages are
 * tested elsewhere), signed in in their own browser context.
 */
async function member(browser: Browser, baseURL: string, name: string): Promise<{ page: Page; email: string }> {
  const email = uniqueEmail('series');
  const { db, close } = appDatabase();
  try {
    await createVerifiedAccount(db, { email, name, password: 'series-password-1' }, systemActor);
  } finally {
    await close();
  }
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, ORG, email, 'series-password-1');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  return { page, email };
}

test('a paid series that misses its minimum: the paid sign-ups get refunds in the tracker and everyone is told', async ({ page, browser, baseURL }) => {
  test.setTimeout(420_000);
  const title = `Spring series ${Date.now().toString(36)}`;
  const admin = await staffPage(browser, baseURL!);

  // The admin creates the series; a maximum below the minimum is a field error and keeps what was typed.
  await admin.goto(`/o/${ORG}/series/new`);
  await expect(admin.getByRole('heading', { level: 1, name: 'New series' })).toBeVisible();
  await waitForHydration(admin);
  await expectAccessible(admin);
  await admin.getByLabel('Group').selectOption({ label: 'Seattle Monthly Balint Group' });
  await admin.getByLabel('Title').fill(title);
  await admin.getByLabel('First session').fill(today.add({ days: 21 }).toString());
  await admin.getByLabel('Number of sessions').fill('4');
  await admin.getByLabel(/^Price for the whole series/).fill('120');
  await admin.getByLabel('Minimum to run').fill('4');
  await admin.getByLabel('Maximum').fill('3');
  await admin.getByLabel('Sign-ups close after session').fill('1');
  await admin.getByLabel('Decide by').fill(today.subtract({ days: 1 }).toString());
  await admin.getByRole('button', { name: 'Create the series' }).click();
  await expect(admin.getByRole('alert')).toContainText('Please correct the highlighted fields.');
  await expect(admin.getByText('At least the minimum, at most 200.')).toBeVisible();
  await expect(admin.getByLabel('Title')).toHaveValue(title);
  await expectAccessible(admin);
  await admin.getByLabel('Maximum').fill('6');
  await admin.getByRole('button', { name: 'Create the series' }).click();
  await admin.waitForURL(/\/o\/nwbc\/series\/[0-9a-f-]{36}\/manage\?created=1$/);
  const seriesId = /series\/([0-9a-f-]{36})\/manage/.exec(admin.url())![1]!;
  await expect(admin.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(admin.getByText('0 signed up; minimum 4, maximum 6.')).toBeVisible();
  await expectAccessible(admin);

  // Ana pays by card: the fake Stripe's hosted page, then back to her payment.
  const ana = await member(browser, baseURL!, 'Ana Card');
  await ana.page.goto(`/o/${ORG}/series/${seriesId}`);
  await expect(ana.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(ana.page.getByText('Price: $120 for the series')).toBeVisible();
  await expect(ana.page.getByText('6 of 6 places left; it runs with at least 4 people.')).toBeVisible();
  await expectAccessible(ana.page);
  await ana.page.getByRole('radio', { name: 'By card now' }).check();
  await ana.page.getByRole('button', { name: 'Sign up and pay' }).click();
  await ana.page.waitForURL(/\/pay\/cs_test_/);
  await expect(ana.page.getByText('Total: $120.00')).toBeVisible();
  await ana.page.getByRole('button', { name: /^Pay \$120/ }).click();
  await ana.page.waitForURL(/\/o\/nwbc\/checkouts\/[0-9a-f-]+\?session_id=cs_test_/);
  await expectAccessible(ana.page);
  await ana.page.goto(`/o/${ORG}/registrations`);
  await expect(ana.page.getByRole('region', { name: 'Group series' })).toContainText('Paid $120');
  await expectAccessible(ana.page);

  // Ben asks for an invoice; the admin records his check against it.
  const ben = await member(browser, baseURL!, 'Ben Invoice');
  await ben.page.goto(`/o/${ORG}/series/${seriesId}`);
  await ben.page.getByRole('radio', { name: /^By invoice/ }).check();
  await ben.page.getByRole('button', { name: 'Sign up and pay' }).click();
  await ben.page.waitForURL(/\/o\/nwbc\/checkouts\/[0-9a-f-]{36}$/);
  await expect(ben.page.getByRole('heading', { level: 1 })).toHaveText(/^Invoice NWBC-\d+$/);
  const heading = await ben.page.getByRole('heading', { level: 1 }).innerText();
  const invoiceNumber = /NWBC-\d+/.exec(heading)![0];
  await expectAccessible(ben.page);
  await admin.goto(`/o/${ORG}/admin/money/invoices`);
  const record = admin.getByRole('region', { name: `Record payment for invoice ${invoiceNumber}` });
  await record.getByLabel('Method').selectOption('check');
  await record.getByLabel('Reference').fill('check 3310');
  await record.getByRole('button', { name: /^Record/ }).click();
  await expect(admin.getByRole('status').filter({ hasText: /recorded/ })).toBeVisible();

  // Cy asks for an invoice and does not pay it.
  const cy = await member(browser, baseURL!, 'Cy Unpaid');
  await cy.page.goto(`/o/${ORG}/series/${seriesId}`);
  await cy.page.getByRole('radio', { name: /^By invoice/ }).check();
  await cy.page.getByRole('button', { name: 'Sign up and pay' }).click();
  await cy.page.waitForURL(/\/o\/nwbc\/checkouts\/[0-9a-f-]{36}$/);

  // Three of a minimum of four, the decide-by date (yesterday) is over: the admin decides.
  await admin.goto(`/o/${ORG}/series/${seriesId}/manage`);
  await expect(admin.getByText('3 signed up; minimum 4, maximum 6.')).toBeVisible();
  const people = admin.getByRole('table', { name: 'Signed up' });
  await expect(people.getByRole('row', { name: /Ana Card/ })).toContainText('$120');
  await expect(people.getByRole('row', { name: /Cy Unpaid/ })).toContainText('$0');
  await expectAccessible(admin);
  await admin.getByRole('button', { name: 'Decide now' }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'The series is cancelled: 3 people emailed, 2 refunds due in the refund tracker.' })).toBeVisible();
  await expect(admin.getByText('Cancelled: minimum not reached')).toBeVisible();
  await expect(admin.getByRole('button', { name: 'Decide now' })).toHaveCount(0);
  await expectAccessible(admin);

  // The refund tracker: $120 due back to each who paid, nothing for Cy.
  await admin.goto(`/o/${ORG}/admin/refunds`);
  for (const name of ['Ana Card', 'Ben Invoice']) {
    const row = admin.getByRole('row', { name: new RegExp(name) });
    await expect(row).toContainText(title);
    await expect(row).toContainText('Series cancelled (minimum not reached)');
    await expect(row).toContainText('$120');
  }
  await expect(admin.getByRole('row', { name: /Cy Unpaid/ })).toHaveCount(0);
  await expectAccessible(admin);

  // Everyone was told (the outbox), with what comes back.
  expect(await readMailAsAdmin(admin, ORG, ana.email, /^Cancelled: /)).toContain('You paid $120; it will be refunded by');
  expect(await readMailAsAdmin(admin, ORG, ben.email, /^Cancelled: /)).toContain('You paid $120; it will be refunded by');
  expect(await readMailAsAdmin(admin, ORG, cy.email, /^Cancelled: /)).toContain('You had not paid anything, and you owe nothing.');

  // The public page says so and takes no more sign-ups.
  await cy.page.goto(`/o/${ORG}/series/${seriesId}`);
  await expect(cy.page.getByText('This series was cancelled: not enough people signed up.')).toBeVisible();
  await expect(cy.page.getByRole('button', { name: /Sign up/ })).toHaveCount(0);
  await expectAccessible(cy.page);
  for (const p of [admin, ana.page, ben.page, cy.page]) await p.context().close();
});

test('a free series: a visitor signs up at once with a confirmation email; a full series says so', async ({ page, browser, baseURL }) => {
  const admin = await staffPage(browser, baseURL!);
  const title = `Free taster ${Date.now().toString(36)}`;
  await admin.goto(`/o/${ORG}/series/new`);
  await admin.getByLabel('Group').selectOption({ label: 'Balint Group for Residents' });
  await admin.getByLabel('Title').fill(title);
  await admin.getByLabel('First session').fill(today.add({ days: 10 }).toString());
  await admin.getByLabel('Number of sessions').fill('2');
  await admin.getByLabel(/^Price for the whole series/).fill('0');
  await admin.getByLabel('Minimum to run').fill('1');
  await admin.getByLabel('Maximum').fill('1');
  await admin.getByLabel('Sign-ups close after session').fill('1');
  await admin.getByLabel('Decide by').fill(today.add({ days: 3 }).toString());
  await admin.getByRole('button', { name: 'Create the series' }).click();
  await admin.waitForURL(/\/series\/[0-9a-f-]{36}\/manage\?created=1$/);
  const seriesId = /series\/([0-9a-f-]{36})\/manage/.exec(admin.url())![1]!;
  await admin.context().close();

  // A visitor, not signed in: name and email, a field error first, then signed up.
  await page.goto(`/o/${ORG}/series/${seriesId}`);
  await expect(page.getByText('Free', { exact: true })).toBeVisible();
  await page.getByLabel('Your name').fill('Vera Visitor');
  await page.getByLabel('Email').fill('not-an-address');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByText('Enter a valid email address.')).toBeVisible();
  await expect(page.getByLabel('Your name')).toHaveValue('Vera Visitor');
  await expectAccessible(page);
  const email = uniqueEmail('visitor');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByRole('status').filter({ hasText: `You are signed up. A confirmation is on its way to ${email}.` })).toBeVisible();
  expect(await readMailAsAdmin(page, ORG, email, /^You are signed up: /)).toContain('The series is free.');

  // The one place is taken: the next visitor is told the series is full.
  await page.goto(`/o/${ORG}/series/${seriesId}`);
  await expect(page.getByText('This series is full.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign up' })).toHaveCount(0);
  await expectAccessible(page);
});
