// The financial-aid program in a browser: a registrant applies for aid; a committee member
// reads the application, reviews it and awards an amount; the registrant's balance drops by
// the award; an admin cannot open the application and sees only the totals.
import type { Browser, Page } from '@playwright/test';
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

const PASSWORD = 'aid-applicant-password-1';
const STATEMENT = 'I work in a community clinic and the tuition is more than a month of my take-home pay.';

async function signedIn(page: Page, who: { email: string; password: string }) {
  await signIn(page, 'abs', who.email, who.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** Applies to the demo intensive as a visitor (the form as registration.spec.ts fills it). */
async function applyToUpcomingCourse(page: Page, name: string, email: string) {
  await openApplicationForm(page);
  await submitIntensiveApplication(page, { name, email });
  await expect(page.getByRole('heading', { name: 'Application received' })).toBeVisible();
}

/** A new registrant applies to the upcoming intensive, sets a password and signs in. */
async function newRegistrant(page: Page, namePrefix: string) {
  await page.goto('/o/abs');
  await page.getByRole('region', { name: 'Upcoming courses' }).getByRole('link').first().click();
  await page.waitForURL(/\/o\/abs\/courses\//);
  const name = `${namePrefix} ${Date.now() % 100000}`;
  const email = uniqueEmail('aid-applicant');
  await applyToUpcomingCourse(page, name, email);
  // One mail confirms the application and lets a new account choose its password (ADR 0047).
  await page.goto(firstLink(await readCredentialMail(page, email, /^Confirm your application/)));
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Confirm my application and save my password' }).click();
  await expect(page.getByRole('status')).toContainText('Your application is confirmed and your password is saved.');
  await signedIn(page, { email, password: PASSWORD });
  return { name, email };
}

/**
 * A new person with an account (signed up, email confirmed, signed in) who applies to the
 * upcoming intensive at the single rate ($900).
 */
async function signedUpApplicant(page: Page, namePrefix: string) {
  const name = `${namePrefix} ${Date.now() % 100000}`;
  const email = uniqueEmail('aid-invoice');
  await page.goto('/o/abs/sign-up');
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/check-email|sign-in|\/o\/abs/);
  await page.goto(firstLink(await readMailAsAdmin(page, 'abs', email, /Confirm your email/)));
  await signedIn(page, { email, password: PASSWORD });
  await page.goto('/o/abs');
  await page.getByRole('region', { name: 'Upcoming courses' }).getByRole('link').first().click();
  await openApplicationForm(page);
  await submitIntensiveApplication(page);
  await expect(page.getByRole('heading', { name: 'Application received' })).toBeVisible();
  return { name, email };
}

/** A second person in their own browser context. */
async function asAnotherPerson(browser: Browser, origin: string, who: { email: string; password: string }) {
  const context = await browser.newContext({ baseURL: origin });
  const page = await context.newPage();
  await signedIn(page, who);
  return { page, close: () => context.close() };
}

/** The "… due" amount on the course's card in My registrations, in dollars. */
async function balanceDue(page: Page, courseTitle: string): Promise<number> {
  await page.goto('/o/abs/registrations');
  const card = page.locator('li.card', { has: page.getByRole('heading', { name: courseTitle }) });
  const text = await card.getByText(/\$[\d,.]+ due/).innerText();
  return Number(/\$([\d,.]+) due/.exec(text)![1]!.replace(/,/g, ''));
}

test('a registrant applies for aid, the committee reviews and awards it, the balance drops; an admin cannot read it', async ({ page, browser }) => {
  // Three people in turn, a dozen pages: 84 s alone at load 4–6 (2026-12-06), and over the
  // 120 s default at load 15 beside a fuzz run. The budget is about three times that.
  test.setTimeout(240_000);
  const { name, email } = await newRegistrant(page, 'Aida Applicant');

  // From My registrations to the aid form.
  await page.goto('/o/abs/registrations');
  await page.getByRole('link', { name: /^Apply for financial aid for / }).click();
  await page.waitForURL(/\/financial-aid$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Financial aid: /);
  const courseTitle = (await page.getByRole('heading', { level: 1 }).innerText()).replace(/^Financial aid: /, '');
  const before = await (async () => {
    const url = page.url();
    const due = await balanceDue(page, courseTitle);
    await page.goto(url);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Financial aid: /);
    await waitForHydration(page);
    return due;
  })();
  // The seed's eligibility statement is shown above the form.
  await expect(page.getByText(/provides up to \$500 tuition support for up to four individuals/)).toBeVisible();
  await expectAccessible(page);

  // Nothing written: a field message, nothing sent.
  await page.getByRole('button', { name: 'Submit aid application' }).click();
  await expect(page.getByText('This field is required.')).toBeVisible();
  await page.getByLabel('Why would the tuition be a hardship for you?').fill(STATEMENT);
  await page.getByLabel('Socioeconomic background').check();
  await page.getByLabel('Amount requested').fill('400');
  await page.getByRole('button', { name: 'Submit aid application' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your financial-aid application has been received.' })).toBeVisible();
  await expect(page.getByText('Received, awaiting the committee’s decision')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Submit aid application' })).toHaveCount(0);
  await expectAccessible(page);
  const aidPageUrl = page.url();

  // The committee member finds the application, reads it, reviews and awards $400.
  const committee = await asAnotherPerson(browser, new URL(page.url()).origin, demoAccount('abs', 'financial_aid_committee'));
  let applicationUrl: string;
  try {
    const c = committee.page;
    await c.goto('/o/abs/admin/financial-aid');
    await expect(c.getByRole('heading', { level: 1, name: 'Financial aid' })).toBeVisible();
    await expectAccessible(c);
    await c.getByRole('link', { name: `Applications for ${courseTitle}` }).click();
    await c.waitForURL(/\/admin\/financial-aid\/[^/]+$/);
    await expect(c.getByRole('row', { name })).toContainText('$400');
    await expectAccessible(c);
    await c.getByRole('link', { name }).click();
    await c.waitForURL(/\/applications\//);
    applicationUrl = new URL(c.url()).pathname;
    await expect(c.getByRole('heading', { level: 1, name: `Aid application: ${name}` })).toBeVisible();
    await waitForHydration(c);
    await expect(c.getByText(STATEMENT)).toBeVisible();
    await expect(c.getByText('Socioeconomic background')).toBeVisible();
    await expectAccessible(c);

    // No score or no decision chosen: a plain message on the radio group, not zod's text.
    await c.getByRole('button', { name: 'Save review' }).click();
    await expect(c.getByRole('group', { name: 'Score' })).toContainText('Choose a score from 1 to 5.');
    await expect(c.getByRole('radio', { name: '4', exact: true })).toHaveAttribute('aria-invalid', 'true');
    await c.getByRole('button', { name: 'Record decision' }).click();
    await expect(c.getByRole('group', { name: 'Decision' })).toContainText('Choose whether to award aid or decline the application.');
    await c.getByRole('radio', { name: 'Award' }).check();
    await c.getByLabel('Amount to award').fill('-5');
    await c.getByRole('button', { name: 'Record decision' }).click();
    await expect(c.getByText('The award must be a positive amount, such as 250.')).toBeVisible();
    await expect(c.getByText(/Invalid option/)).toHaveCount(0);

    await c.getByRole('radio', { name: '4', exact: true }).check();
    await c.getByLabel('Comment (seen only by the committee)').fill('Clear hardship; recommend an award.');
    await c.getByRole('button', { name: 'Save review' }).click();
    await expect(c.getByRole('status').filter({ hasText: 'Your review is saved.' })).toBeVisible();
    await expect(c.getByText('Average score: 4.0')).toBeVisible();

    await c.getByRole('radio', { name: 'Award' }).check();
    await c.getByLabel('Amount to award').fill('400');
    await c.getByRole('button', { name: 'Record decision' }).click();
    await expect(c.getByRole('status').filter({ hasText: 'Awarded $400. The applicant has been emailed.' })).toBeVisible();
    await expect(c.getByRole('button', { name: 'Record decision' })).toHaveCount(0);
    await expectAccessible(c);
  } finally {
    await committee.close();
  }

  // The registrant sees the award and a balance $400 lower; the email names no content.
  await page.goto(aidPageUrl);
  await expect(page.getByText('Awarded: $400')).toBeVisible();
  await expectAccessible(page);
  expect(await balanceDue(page, courseTitle)).toBe(before - 400);
  await expectAccessible(page);
  const awardMail = await readMailAsAdmin(page, 'abs', email, /Financial aid awarded/);
  expect(awardMail).toContain('$400');
  expect(awardMail).not.toContain('community clinic');

  // An admin is refused the application and sees only totals.
  const admin = await asAnotherPerson(browser, new URL(page.url()).origin, demoAccount('abs', 'admin'));
  try {
    const a = admin.page;
    expect((await a.goto(applicationUrl))?.status()).toBe(403);
    await expect(a.getByText(STATEMENT)).toHaveCount(0);
    await expectAccessible(a);
    // The overview has its own heading and leads to the report (no applicant named on either).
    await a.goto('/o/abs/admin/financial-aid');
    await expect(a.getByRole('heading', { level: 1, name: 'Financial aid', exact: true })).toBeVisible();
    await expect(a.getByText(name)).toHaveCount(0);
    await expectAccessible(a);
    await a.getByRole('link', { name: 'Financial-aid report' }).click();
    await a.waitForURL(/\/financial-aid\/report$/);
    await expect(a.getByRole('heading', { level: 1, name: 'Financial-aid report' })).toBeVisible();
    await expect(a.getByRole('row', { name: courseTitle })).toContainText('$400');
    await expect(a.getByText(name)).toHaveCount(0);
    await expectAccessible(a);

    // Admins (course:manage) set the program up from the report.
    await a.getByRole('link', { name: `Financial-aid settings for ${courseTitle}` }).click();
    await a.waitForURL(/\/settings$/);
    await expect(a.getByLabel('Maximum per award')).toHaveValue('500.00');
    await expect(a.getByLabel('Number of awards')).toHaveValue('4');
    await expect(a.getByLabel('Eligibility statement')).toHaveValue(/provides up to \$500 tuition support/);
    await expectAccessible(a);
    await waitForHydration(a);
    // "12,50" is not $1,250 and an impossible deadline is not "no deadline": both are field errors
    // and the typed deadline stays in the field.
    const deadline = await a.getByLabel('Application deadline').inputValue();
    await a.getByLabel('Maximum per award').fill('12,50');
    await a.getByLabel('Application deadline').fill('2025-02-30');
    await a.getByRole('button', { name: 'Save settings' }).click();
    await expect(a.getByText(/^Enter the amount in USD as digits, .*like 1250\.00 \(no commas/)).toBeVisible();
    await expect(a.getByText(/^This is not a real date\./)).toBeVisible();
    await expect(a.getByLabel('Application deadline')).toHaveValue('2025-02-30');
    await expect(a.getByLabel('Application deadline')).toHaveAttribute('aria-invalid', 'true');
    await a.getByLabel('Application deadline').fill(deadline);
    await a.getByLabel('Maximum per award').fill('500');
    await a.getByLabel('Number of awards').fill('0');
    await a.getByRole('button', { name: 'Save settings' }).click();
    // One award is given: the program cannot shrink below it.
    await expect(a.getByText('The number of awards cannot be less than the awards already given.')).toBeVisible();
    await a.getByLabel('Number of awards').fill('4');
    await a.getByRole('button', { name: 'Save settings' }).click();
    await expect(a.getByRole('status').filter({ hasText: 'The financial-aid settings are saved.' })).toBeVisible();
    await expectAccessible(a);
  } finally {
    await admin.close();
  }
});

// Issue 10, money items 1 and 2: with the demo data, a registrant asks for an invoice (which says
// how to pay: the demo payee, address and bank details), then receives a $400 award. The open
// invoice does not keep asking for $900: the payer is sent a $500 invoice that replaces it, the
// aid email says what is owed, and the treasurer records $500 — no "overpayment" refund.
test('an open invoice follows an aid award: the payer is told the new amount, the treasurer records what is due now', async ({ page, browser }) => {
  const { name, email } = await signedUpApplicant(page, 'Ines Invoice');
  const origin = new URL(page.url()).origin;

  // An invoice for $900 that says how to pay, on the page and in its PDF.
  await page.goto('/o/abs/registrations');
  await page.getByRole('link', { name: /^Pay for / }).click();
  await page.waitForURL(/\/pay$/);
  await page.getByRole('radio', { name: /^By check or bank transfer/ }).check();
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await page.waitForURL(/\/o\/abs\/checkouts\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/Invoice ABS-\d{6}/);
  await expect(page.getByRole('status')).toContainText('Please pay $900');
  await expect(page.getByText(/By check: payable to "American Balint Society"/)).toBeVisible();
  await expect(page.getByText(/PO Box 0000/)).toBeVisible();
  await expect(page.getByText('Please contact the society for payment details.')).toHaveCount(0);
  const firstUrl = page.url();
  const firstId = /checkouts\/([0-9a-f-]{36})$/.exec(firstUrl)![1]!;
  const firstNumber = /ABS-\d{6}/.exec(await page.getByRole('heading', { level: 1 }).innerText())![0];
  const pdf = (await pdfText(await (await page.request.get(`/o/abs/documents/invoices/${firstId}.pdf`)).body())).replace(/\s+/g, ' ');
  expect(pdf).toContain('By bank transfer: to "American Balint Society", Demo Bank');
  expect(pdf).not.toContain('contact the society');

  // Aid requested and awarded: $400.
  await page.goto('/o/abs/registrations');
  await page.getByRole('link', { name: /^Apply for financial aid for / }).click();
  await page.waitForURL(/\/financial-aid$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Financial aid: /);
  const courseTitle = (await page.getByRole('heading', { level: 1 }).innerText()).replace(/^Financial aid: /, '');
  await page.getByLabel('Why would the tuition be a hardship for you?').fill(STATEMENT);
  await page.getByLabel('Socioeconomic background').check();
  await page.getByLabel('Amount requested').fill('400');
  await page.getByRole('button', { name: 'Submit aid application' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your financial-aid application has been received.' })).toBeVisible();
  const committee = await asAnotherPerson(browser, origin, demoAccount('abs', 'financial_aid_committee'));
  try {
    const c = committee.page;
    await c.goto('/o/abs/admin/financial-aid');
    await c.getByRole('link', { name: `Applications for ${courseTitle}` }).click();
    await c.getByRole('link', { name }).click();
    await expect(c.getByRole('heading', { level: 1, name: `Aid application: ${name}` })).toBeVisible();
    await c.getByRole('radio', { name: 'Award' }).check();
    await c.getByLabel('Amount to award').fill('400');
    await c.getByRole('button', { name: 'Record decision' }).click();
    await expect(c.getByRole('status').filter({ hasText: 'Awarded $400.' })).toBeVisible();
  } finally {
    await committee.close();
  }

  // The payer: the $900 invoice is void and leads to the $500 one; the emails say so.
  await page.goto(firstUrl);
  await expect(page.getByText('Void: nothing to pay')).toBeVisible();
  await expect(page.getByText('Please pay $900')).toHaveCount(0);
  await page.getByRole('link', { name: /^See invoice ABS-\d{6}, which replaces it$/ }).click();
  await page.waitForURL((url) => /\/checkouts\/[0-9a-f-]{36}$/.test(url.pathname) && !url.href.includes(firstId));
  await expect(page.getByRole('status')).toContainText('Please pay $500');
  const secondNumber = /ABS-\d{6}/.exec(await page.getByRole('heading', { level: 1 }).innerText())![0];
  await expectAccessible(page);
  const awardMail = await readMailAsAdmin(page, 'abs', email, /Financial aid awarded/);
  expect(awardMail).toContain('you now owe $500');
  expect(awardMail).toContain(`Your invoice ${firstNumber} is void; invoice ${secondNumber} for $500 replaces it`);
  const invoiceMail = await readMailAsAdmin(page, 'abs', email, new RegExp(`invoice ${secondNumber}`));
  expect(invoiceMail).toContain(`please do not pay ${firstNumber}`);
  expect(invoiceMail).toContain('Here is invoice');
  expect(invoiceMail).toContain('$500');

  // The statement names the award once, with the course.
  await page.goto('/o/abs/registrations');
  await page.getByRole('link', { name: /^Statement and receipts for / }).first().click();
  const ledger = page.getByRole('table', { name: /Every entry on your account/ });
  await expect(ledger).toContainText(`Financial aid award: ${courseTitle}`);
  await expect(ledger).not.toContainText(/financial aid award: financial aid award/i);

  // The treasurer records the invoice for what is due now: $500, and no refund appears.
  const treasurer = await asAnotherPerson(browser, origin, demoAccount('abs', 'treasurer'));
  try {
    const tr = treasurer.page;
    await tr.goto('/o/abs/admin/money/invoices');
    await expect(tr.getByRole('heading', { level: 1, name: 'Open invoices' })).toBeVisible();
    await expect(tr.getByRole('region', { name: `Record payment for invoice ${firstNumber}` })).toHaveCount(0);
    const section = tr.getByRole('region', { name: `Record payment for invoice ${secondNumber}` });
    await section.getByLabel('Reference').fill('check 5150');
    await section.getByRole('button', { name: 'Record payment of $500' }).click();
    await expect(tr.getByRole('status').filter({ hasText: `Payment of $500 recorded against invoice ${secondNumber}` })).toBeVisible();
    await expectAccessible(tr);
    await tr.goto('/o/abs/admin/refunds?view=all');
    await expect(tr.getByText(name)).toHaveCount(0);
  } finally {
    await treasurer.close();
  }
  await page.goto('/o/abs/registrations');
  const card = page.locator('li.card', { has: page.getByRole('heading', { name: courseTitle }) });
  await expect(card).toContainText('Paid in full');
});

test.describe('with JavaScript off', () => {
  // axe needs scripts in the page: the same pages are checked in the test above.
  test.use({ javaScriptEnabled: false });

  test('the aid form checks on the server: more than the maximum is a field error, then the application goes in', async ({ page }) => {
    await newRegistrant(page, 'Noscript Aid');
    await page.goto('/o/abs/registrations');
    await page.getByRole('link', { name: /^Apply for financial aid for / }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Financial aid: /);
    await page.getByLabel('Why would the tuition be a hardship for you?').fill('Locum work only this year.');
    await page.getByLabel('I prefer not to say').check();
    await page.getByLabel('Amount requested').fill('600');
    await page.getByRole('button', { name: 'Submit aid application' }).click();
    await expect(page.getByRole('alert')).toHaveText('Please correct the highlighted fields.');
    await expect(page.getByText('The most this program awards is $500.')).toBeVisible();
    await expect(page.getByLabel('Amount requested')).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('Why would the tuition be a hardship for you?').fill('Locum work only this year.');
    await page.getByLabel('Amount requested').fill('250');
    await page.getByRole('button', { name: 'Submit aid application' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Your financial-aid application has been received.' })).toBeVisible();
    await expect(page.getByText('$250', { exact: true })).toBeVisible();
  });
});
