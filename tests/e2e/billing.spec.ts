// Money documents in the browser: a director records a check for an application; the
// registrant sees it on their statement and downloads the receipt PDF; nobody else can.
import fs from 'node:fs';
import { type Page } from '@playwright/test';
import { pdfText } from '../../lib/pdf/pdf-text.ts';
import {
  demoAccount,
  expect,
  expectAccessible,
  firstLink,
  openApplicationForm,
  readCredentialMail,
  readMailAsAdmin,
  signIn,
  submitIntensiveApplication,
  test,
  uniqueEmail,
  waitForHydration,
} from './support.ts';

test.describe.configure({ mode: 'serial' });

const name = 'Zoë Łukasiewicz';
const email = uniqueEmail('billing-registrant');
const password = 'billing-registrant-1';
let courseTitle = '';
let registrationId = '';
let courseId = '';

async function signInAs(page: Page, who: { email: string; password: string }) {
  await signIn(page, 'abs', who.email, who.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

test('a visitor applies to the upcoming intensive and sees an empty statement', async ({ page }) => {
  await page.goto('/o/abs');
  await page.getByRole('region', { name: 'Upcoming courses' }).getByRole('link').first().click();
  await openApplicationForm(page);
  await submitIntensiveApplication(page, { name, email });
  await expect(page.getByRole('heading', { name: 'Application received' })).toBeVisible();

  // One mail confirms the application and lets a new account choose its password (ADR 0047).
  await page.goto(firstLink(await readCredentialMail(page, email, /^Confirm your application/)));
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Confirm my application and save my password' }).click();
  await expect(page.getByRole('status')).toContainText('Your application is confirmed and your password is saved.');

  await signInAs(page, { email, password });
  await page.goto('/o/abs/registrations');
  await page.getByRole('link', { name: /^Statement and receipts for / }).first().click();
  await page.waitForURL(/\/registrations\/[0-9a-f-]{36}\/statement$/);
  registrationId = /registrations\/([0-9a-f-]{36})\/statement/.exec(page.url())![1]!;
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Statement: /);
  const heading = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
  courseTitle = heading.replace(/^Statement: /, '');
  await expect(page.getByRole('table', { name: /Every entry on your account/ })).toContainText('Registration fee: Single Registration');
  await expect(page.getByRole('table', { name: /Every entry on your account/ })).not.toContainText(`${courseTitle}:`);
  await expect(page.getByText('$900 due')).toBeVisible();
  await expectAccessible(page);
});

test('a director records a check for the registration; bad amounts are field errors', async ({ page }) => {
  const director = demoAccount('abs', 'course_director');
  await signInAs(page, director);
  await page.goto('/o/abs/admin/courses');
  await page.getByRole('link', { name: courseTitle }).first().click();
  await page.waitForURL(/\/admin\/courses\/[0-9a-f-]{36}$/);
  courseId = /courses\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
  await page.goto(`/o/abs/admin/courses/${courseId}/applications/${registrationId}`);
  await page.getByRole('link', { name: 'Account and payments' }).click();
  await page.waitForURL(/\/account$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Account: ${name}`);
  await waitForHydration(page);
  await expectAccessible(page);

  for (const [typed, message] of [
    ['12,50', /^Enter the amount in USD as digits, .*like 1250\.00 \(no commas/],
    ['-5', /^Enter an amount greater than zero\.$/],
    ['1e9', /^Enter the amount in USD as digits, .*like 1250\.00 \(no commas/],
    ['975.505', /^USD has 2 decimals: enter an amount like 1250\.00\.$/],
    ['', /This field is required/],
  ] as const) {
    await page.getByLabel('Amount (USD)').fill(typed);
    await page.getByRole('button', { name: 'Record payment' }).click();
    await expect(page.getByRole('alert')).toHaveText('Please correct the highlighted fields.');
    await expect(page.getByText(message)).toBeVisible();
  }
  await expect(page.getByLabel('Amount (USD)')).toHaveAccessibleDescription(/Digits, like 1250\.00, without commas or currency signs|This field is required/);
  await expectAccessible(page);

  // A date received that is not a real date says so and keeps what was typed.
  const receivedOn = page.getByLabel('Date received');
  const today = await receivedOn.inputValue();
  await page.getByLabel('Amount (USD)').fill('900');
  await receivedOn.fill('2025-02-30');
  await page.getByRole('button', { name: 'Record payment' }).click();
  await expect(page.getByText('That is not a real date (check the month and the day). Enter a date as YYYY-MM-DD.')).toBeVisible();
  await expect(page.getByText('This field is required.')).toHaveCount(0);
  await expect(receivedOn).toHaveValue('2025-02-30');
  await expectAccessible(page);
  await receivedOn.fill(today);

  await page.getByLabel('Amount (USD)').fill('900');
  await page.getByLabel('Method').selectOption('check');
  await page.getByLabel('Reference').fill('#1042');
  await page.getByRole('button', { name: 'Record payment' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Payment of $900 recorded' })).toContainText(`A receipt was emailed to ${email}`);
  await expect(page.getByRole('table', { name: /Ledger of/ })).toContainText('Payment: #1042');
  await expect(page.getByText('Nothing due')).toBeVisible();
  await expectAccessible(page);

  const receiptMail = await readMailAsAdmin(page, 'abs', email, /receipt/);
  expect(receiptMail).toContain('We received your payment of $900');

  await page.goto('/o/abs/admin/money/reconcile');
  await expect(page.getByRole('heading', { level: 1, name: 'Reconcile report' })).toBeVisible();
  await expectAccessible(page);
  await page.goto('/o/abs/admin/money');
  await expect(page.getByRole('heading', { level: 1, name: 'Money reports' })).toBeVisible();
  // The wide revenue table scrolls inside its own keyboard-reachable region at 1280 px; the page does not.
  await page.setViewportSize({ width: 1280, height: 800 });
  const revenue = page.getByRole('region', { name: 'Revenue by price category and tier' });
  await expect(revenue).toBeVisible();
  await expect(revenue).toHaveAttribute('tabindex', '0');
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await expectAccessible(page);
});

test('the registrant downloads the receipt PDF from the statement page; another member cannot', async ({ page, browser }) => {
  await signInAs(page, { email, password });
  await page.goto(`/o/abs/registrations/${registrationId}/statement`);
  await expect(page.getByRole('table', { name: /Every entry on your account/ })).toContainText('Payment: #1042');
  await expect(page.getByText('Nothing due')).toBeVisible();
  await expectAccessible(page);

  const receiptLink = page.getByRole('link', { name: /^Receipt for \$900 received/ });
  const [download] = await Promise.all([page.waitForEvent('download'), receiptLink.click()]);
  expect(download.suggestedFilename()).toMatch(/^receipt-ABS-.+\.pdf$/);
  const bytes = fs.readFileSync((await download.path())!);
  const text = (await pdfText(bytes)).replace(/\s+/g, ' ');
  expect(text).toContain(name);
  expect(text).toContain('$900');
  expect(text).toContain('Check (#1042)');
  expect(text).toContain('American Balint Society');

  const href = (await receiptLink.getAttribute('href'))!;
  const response = await page.request.get(href);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="receipt-[A-Za-z0-9._-]+\.pdf"$/);
  const statement = await page.request.get(`/o/abs/registrations/${registrationId}/statement.pdf`);
  expect(statement.headers()['content-type']).toBe('application/pdf');

  // A member and the financial-aid committee (no money:read) get 404; the treasurer gets the PDF.
  for (const [role, status] of [
    ['member', 404],
    ['financial_aid_committee', 404],
    ['treasurer', 200],
  ] as const) {
    const other = await browser.newContext({ baseURL: new URL(page.url()).origin });
    try {
      const otherPage = await other.newPage();
      await signInAs(otherPage, demoAccount('abs', role));
      expect((await otherPage.request.get(href)).status(), `${role}: receipt`).toBe(status);
      expect((await otherPage.request.get(`/o/abs/registrations/${registrationId}/statement.pdf`)).status(), `${role}: statement PDF`).toBe(status);
      expect((await otherPage.request.get(`/o/abs/registrations/${registrationId}/statement`)).status(), `${role}: statement`).toBe(status);
    } finally {
      await other.close();
    }
  }
  // Signed out: sent to sign in, never the document.
  const anonymous = await browser.newContext({ baseURL: new URL(page.url()).origin });
  try {
    const response = await anonymous.request.get(href, { maxRedirects: 0 });
    expect(response.status()).toBe(302);
    expect(response.headers()['location']).toMatch(/\/o\/abs\/sign-in\?next=/);
  } finally {
    await anonymous.close();
  }
});

// Issue 10, money item 2: the treasurer's money pages link to the money settings, and the
// treasurer may open and save them; the demo carries payment details that are plainly demo
// values. A course director (no money:settings) gets no link and a 403.
test('the treasurer opens the money settings from the money reports: demo payment details, saved', async ({ page, browser }) => {
  await signInAs(page, demoAccount('abs', 'treasurer'));
  await page.goto('/o/abs/admin/money');
  await page.getByRole('link', { name: 'Money settings' }).click();
  await page.waitForURL(/\/admin\/money\/settings$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Money settings' })).toBeVisible();
  await expect(page.getByLabel('Payment instructions')).toHaveValue(/^DEMO PAYMENT DETAILS: sample data only, do not send money\./);
  await expect(page.getByLabel('Payment instructions')).toHaveValue(/payable to "American Balint Society"/);
  await expect(page.getByLabel('Postal address')).toHaveValue(/American Balint Society \(DEMO ADDRESS\)/);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Money settings saved.' })).toBeVisible();

  const other = await browser.newContext({ baseURL: new URL(page.url()).origin });
  try {
    const director = await other.newPage();
    await signInAs(director, demoAccount('abs', 'course_director'));
    await director.goto('/o/abs/admin/money');
    await expect(director.getByRole('heading', { level: 1, name: 'Money reports' })).toBeVisible();
    await expect(director.getByRole('link', { name: 'Money settings' })).toHaveCount(0);
    expect((await director.goto('/o/abs/admin/money/settings'))?.status()).toBe(403);
  } finally {
    await other.close();
  }
});

test('money settings and the course payment policy: field errors, then saved unchanged; open invoices page', async ({ page }) => {
  await signInAs(page, demoAccount('abs', 'admin'));
  await page.goto('/o/abs/admin/money/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Money settings' })).toBeVisible();
  await waitForHydration(page);
  await expectAccessible(page);
  const days = page.getByLabel('Days to pay an invoice');
  const originalDays = await days.inputValue();
  await days.fill('1e3');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('alert')).toHaveText('Please correct the highlighted fields.');
  await expect(page.getByText('Enter a whole number from 0 to 365.')).toBeVisible();
  await expectAccessible(page);
  await days.fill(originalDays);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Money settings saved.' })).toBeVisible();

  await page.goto(`/o/abs/admin/courses/${courseId}/money`);
  await expect(page.getByText('Each registration keeps the policy it was submitted under.')).toBeVisible();
  await waitForHydration(page);
  await expectAccessible(page);
  const fee = page.getByLabel('Cancellation fee (USD)');
  const originalFee = await fee.inputValue();
  await fee.fill('12,50');
  await page.getByRole('button', { name: 'Save payment and cancellation policy' }).click();
  await expect(page.getByText(/^Enter the amount in USD as digits, .*like 1250\.00/)).toBeVisible();
  await expectAccessible(page);
  await fee.fill(originalFee);
  // An impossible deadline is a field error that keeps the typed value, never saved as "no deadline".
  const deadline = page.getByLabel('Cancellation deadline');
  const originalDeadline = await deadline.inputValue();
  for (const typed of ['2025-02-30', '2027-13-01']) {
    await deadline.fill(typed);
    await page.getByRole('button', { name: 'Save payment and cancellation policy' }).click();
    await expect(page.getByText(/^That is not a real date/)).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'existing ones keep theirs' })).toHaveCount(0);
    await expect(deadline).toHaveValue(typed);
  }
  await expectAccessible(page);
  await deadline.fill(originalDeadline);
  await page.getByRole('button', { name: 'Save payment and cancellation policy' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'existing ones keep theirs' })).toBeVisible();

  await page.goto('/o/abs/admin/money/invoices');
  await expect(page.getByRole('heading', { level: 1, name: 'Open invoices' })).toBeVisible();
  await expectAccessible(page);
});
