// Paying for a registration in the browser: by card through the fake Stripe's hosted page (its
// Pay button completes the session, signs checkout.session.completed to /webhooks/stripe and
// returns to the app), and by invoice (instructions and due date on screen).
import { type Page } from '@playwright/test';
import { FAKE_STRIPE_URL_ENV } from './global-setup.ts';
import { demoAccount, expect, expectAccessible, firstLink, openApplicationForm, readMailAsAdmin, signIn, submitIntensiveApplication, test, uniqueEmail } from './support.ts';

/** A new person: account, confirmed email, signed in, applied at the single rate ($900). */
async function applicantWithRegistration(page: Page, name: string): Promise<string> {
  const email = uniqueEmail('payer');
  await page.goto('/o/abs/sign-up');
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('payer-password-1');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/check-email|sign-in|\/o\/abs/);
  await page.goto(firstLink(await readMailAsAdmin(page, 'abs', email, /Confirm your email/)));
  await signIn(page, 'abs', email, 'payer-password-1');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  await page.goto('/o/abs');
  await page.getByRole('region', { name: 'Upcoming courses' }).getByRole('link').first().click();
  await openApplicationForm(page);
  await submitIntensiveApplication(page);
  await expect(page.getByRole('heading', { name: 'Application received' })).toBeVisible();
  return email;
}

async function openPayPage(page: Page) {
  await page.goto('/o/abs/registrations');
  await page.getByRole('link', { name: /^Pay for / }).click();
  await page.waitForURL(/\/registrations\/[0-9a-f-]+\/pay$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Pay for');
  await expect(page.getByText('$900 is due for this registration.')).toBeVisible();
}

test('an applicant pays by card with a gift on the hosted page and sees the registration paid', async ({ page }) => {
  const email = await applicantWithRegistration(page, 'Cora Card');
  await openPayPage(page);
  await expectAccessible(page);

  // A gift that is not an amount: a message at the field, nothing charged.
  await page.getByLabel(/Gift amount/).fill('lots');
  await page.getByRole('radio', { name: /^By card/ }).check();
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await expect(page.getByText(/^Enter the amount in USD as digits, .*like 1250\.00/)).toBeVisible();
  await expect(page.getByLabel(/Gift amount/)).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);

  // A comma is refused (never read as $1,250 or as $12.50); a gift above the cap is refused; the typed value stays.
  for (const [typed, message] of [
    ['12,50', /^Enter the amount in USD as digits, .*like 1250\.00 \(no commas/],
    ['250000', /^A gift online can be at most \$100,000/],
  ] as const) {
    await page.getByLabel(/Gift amount/).fill(typed);
    await page.getByRole('radio', { name: /^By card/ }).check();
    await page.getByRole('button', { name: 'Continue to payment' }).click();
    await expect(page.getByText(message)).toBeVisible();
    await expect(page.getByLabel(/Gift amount/)).toHaveValue(typed);
  }

  await page.getByLabel(/Gift amount/).fill('25');
  await page.getByRole('radio', { name: /^By card/ }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/pay\/cs_test_/);
  await expect(page.getByRole('heading', { name: 'Test checkout' })).toBeVisible();
  await expect(page.getByText('Total: $925.00')).toBeVisible();
  await expectAccessible(page);

  // Leaving the card page without paying, then coming back to it.
  await page.getByRole('link', { name: 'Cancel and return' }).click();
  await page.waitForURL(/\/o\/abs\/checkouts\/[0-9a-f-]+\/cancelled$/);
  await expect(page.getByRole('heading', { name: 'Payment not completed' })).toBeVisible();
  await expect(page.getByText('Nothing was charged.')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Continue to the card payment page' }).click();
  await page.waitForURL(/\/pay\/cs_test_/);

  await page.getByRole('button', { name: /^Pay \$925/ }).click();
  await page.waitForURL(/\/o\/abs\/checkouts\/[0-9a-f-]+\?session_id=cs_test_/);
  await expect(page.getByRole('status')).toContainText('Payment received. Thank you!');
  await expect(page.getByText('Paid', { exact: true })).toBeVisible();
  await expectAccessible(page);

  await page.goto('/o/abs/registrations');
  await expect(page.getByText('Paid in full').first()).toBeVisible();
  await expect(page.getByRole('link', { name: /^Pay for / })).toHaveCount(0);
  await expectAccessible(page);

  const receipt = await readMailAsAdmin(page, 'abs', email, /^Receipt .*\$925 received/);
  expect(receipt).toContain('We received your payment of $925');

  // Stripe was asked once, with the key derived from the checkout.
  const log = (await (await fetch(`${process.env[FAKE_STRIPE_URL_ENV]}/__fake/requests`)).json()) as { method: string; path: string; idempotencyKey: string | null }[];
  const creates = log.filter((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions');
  expect(creates.length).toBeGreaterThan(0);
  for (const r of creates) expect(r.idempotencyKey).toMatch(/^checkout:[0-9a-f-]{36}:session$/);
});

test('an applicant chooses an invoice and sees how to pay and the due date', async ({ page }) => {
  const email = await applicantWithRegistration(page, 'Ivo Invoice');
  await openPayPage(page);
  await page.getByRole('radio', { name: /^By check or bank transfer/ }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/o\/abs\/checkouts\/[0-9a-f-]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/Invoice ABS-\d{6}/);
  await expect(page.getByRole('status')).toContainText(/Please pay \$900 by [A-Z][a-z]+ \d{1,2}, \d{4}\./);
  await expect(page.getByRole('heading', { name: 'How to pay' })).toBeVisible();
  await expect(page.getByText('Due by')).toBeVisible();
  await expect(page.getByText('Waiting for your check or transfer')).toBeVisible();
  await expectAccessible(page);

  const firstUrl = page.url();
  const firstNumber = /ABS-\d{6}/.exec(await page.getByRole('heading', { level: 1 }).innerText())![0];

  // The pay page lists the invoice already sent.
  await openPayPage(page);
  await expect(page.getByRole('heading', { name: 'Invoices already sent' })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Invoice ABS-\d{6}: \$900, due by/ })).toBeVisible();

  const invoice = await readMailAsAdmin(page, 'abs', email, /: invoice ABS-\d{6}/);
  expect(invoice).toContain('$900');
  expect(invoice).toContain('The invoice is attached as a PDF');

  // Continuing again replaces the first invoice: one invoice stays payable, the first says it is void.
  await openPayPage(page);
  await expect(page.getByText(/replaces the invoice already sent/)).toBeVisible();
  await page.getByRole('radio', { name: /^By check or bank transfer/ }).check();
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await page.waitForURL((url) => /\/o\/abs\/checkouts\/[0-9a-f-]+$/.test(url.pathname) && url.href !== firstUrl);
  // The URL changes before the new page has rendered: wait for its heading, then read it.
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/Invoice ABS-\d{6}/);
  const secondNumber = /ABS-\d{6}/.exec(await page.getByRole('heading', { level: 1 }).innerText())![0];
  expect(secondNumber).not.toBe(firstNumber);
  await openPayPage(page);
  await expect(page.getByRole('link', { name: /^Invoice ABS-\d{6}: \$900, due by/ })).toHaveCount(1);
  await expect(page.getByRole('link', { name: new RegExp(`^Invoice ${secondNumber}:`) })).toBeVisible();
  await page.goto(firstUrl);
  await expect(page.getByText('Void: nothing to pay')).toBeVisible();
  await expect(page.getByText(/This invoice is void and no longer needs to be paid/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'How to pay' })).toHaveCount(0);
  await expectAccessible(page);

  // The treasurer sees it among open invoices, opens the payer's account (no links to pages a
  // treasurer cannot open), then voids the invoice.
  const staff = await page.context().browser()!.newContext({ baseURL: new URL(page.url()).origin });
  try {
    const treasurer = await staff.newPage();
    await signIn(treasurer, 'abs', demoAccount('abs', 'treasurer').email, demoAccount('abs', 'treasurer').password);
    await treasurer.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
    await treasurer.goto('/o/abs/admin/money/invoices');
    await expect(treasurer.getByRole('heading', { level: 1, name: 'Open invoices' })).toBeVisible();
    await expect(treasurer.getByRole('link', { name: `${firstNumber} (PDF)` })).toHaveCount(0);
    const row = treasurer.getByRole('row').filter({ has: treasurer.getByRole('link', { name: `${secondNumber} (PDF)` }) });
    await row.getByRole('link', { name: 'Ivo Invoice' }).click();
    await treasurer.waitForURL(/\/applications\/[0-9a-f-]{36}\/account$/);
    await expect(treasurer.getByRole('heading', { level: 1 })).toHaveText('Account: Ivo Invoice');
    await expect(treasurer.getByRole('link', { name: 'Back to the application' })).toHaveCount(0);
    await expect(treasurer.getByRole('navigation', { name: /^Pages of / })).toHaveCount(0);
    await expect(treasurer.getByText(/total \$900, still owed \$900, due by [A-Z][a-z]+ \d{1,2}, \d{4}/)).toBeVisible();
    await expectAccessible(treasurer);
    await treasurer.getByRole('link', { name: 'Back to open invoices' }).click();
    await treasurer.waitForURL(/\/admin\/money\/invoices$/);
    await expectAccessible(treasurer);
    await treasurer.getByRole('button', { name: `Void invoice ${secondNumber}` }).click();
    await expect(treasurer.getByRole('status').filter({ hasText: `Invoice ${secondNumber} is void.` })).toBeVisible();
    await expect(treasurer.getByRole('button', { name: `Void invoice ${secondNumber}` })).toHaveCount(0);
  } finally {
    await staff.close();
  }
  await openPayPage(page);
  await expect(page.getByRole('heading', { name: 'Invoices already sent' })).toHaveCount(0);
});

async function giveByInvoice(page: Page, options: { axe: boolean }) {
  const member = demoAccount('abs', 'member');
  await signIn(page, 'abs', member.email, member.password);
  await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
  await page.goto('/o/abs/donate');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Give to');
  if (options.axe) await expectAccessible(page);
  await page.getByLabel(/^Amount/).fill('0.50');
  await page.getByRole('radio', { name: /^By check or bank transfer/ }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('A gift must be at least 1.00.')).toBeVisible();
  await expect(page.getByLabel(/^Amount/)).toHaveValue('0.50');
  if (options.axe) await expectAccessible(page);
  await page.getByLabel(/^Amount/).fill('50');
  await page.getByRole('radio', { name: /^By check or bank transfer/ }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/Invoice ABS-\d{6}/);
  await expect(page.getByText('Gift to the financial aid fund — $50')).toBeVisible();
  if (options.axe) await expectAccessible(page);
}

test('a member gives to the financial aid fund by invoice from the donate page', async ({ page }) => {
  await giveByInvoice(page, { axe: true });
});

// Issue 10, money item 3: giving needs no account. A visitor names themselves, gets an invoice
// that says how to pay (the demo payment details), and once the treasurer records the check, a
// receipt and gift receipt by email; a card gift comes back to the visitor's own page. The
// signed link is the only way in without an account.
test('a visitor gives without an account, by invoice and by card', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const email = uniqueEmail('visitor-gift');
  try {
    await page.goto('/o/abs/donate');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Give to American Balint Society');
    await expectAccessible(page);
    await page.getByLabel('Your name').fill('Vic Visitor');
    await page.getByLabel('Your email').fill('not-an-email');
    await page.getByLabel(/^Amount/).fill('40');
    await page.getByRole('radio', { name: /^By check or bank transfer/ }).check();
    await page.getByRole('button', { name: 'Continue to payment' }).click();
    await expect(page.getByLabel('Your email')).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('Your email').fill(email);
    await page.getByRole('radio', { name: /^By check or bank transfer/ }).check();
    await page.getByRole('button', { name: 'Continue to payment' }).click();
    await page.waitForURL(/\/o\/abs\/checkouts\/[0-9a-f-]{36}\?key=/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(/Invoice ABS-\d{6}/);
    await expect(page.getByRole('status')).toContainText(`We emailed this invoice to ${email}. Please pay $40`);
    await expect(page.getByText('Gift to the financial aid fund — $40')).toBeVisible();
    await expect(page.getByText(/DEMO PAYMENT DETAILS/)).toBeVisible();
    await expect(page.getByRole('link', { name: 'Back to American Balint Society' })).toBeVisible();
    await expectAccessible(page);
    const checkoutId = /checkouts\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const number = /ABS-\d{6}/.exec(await page.getByRole('heading', { level: 1 }).innerText())![0];

    // The email carries the same signed link; a wrong key is no way in.
    const invoiceMail = await readMailAsAdmin(page, 'abs', email, new RegExp(`invoice ${number}`));
    expect(invoiceMail).toContain(`/o/abs/checkouts/${checkoutId}?key=`);
    const wrong = await context.request.get(`/o/abs/checkouts/${checkoutId}?key=AAAA`, { maxRedirects: 0 });
    expect(wrong.status()).toBe(302);
    expect(wrong.headers()['location']).toMatch(/\/o\/abs\/sign-in\?next=/);

    // The treasurer records the check; the visitor is sent a receipt with the gift receipt.
    const staff = await browser.newContext({ baseURL });
    try {
      const treasurer = await staff.newPage();
      await signIn(treasurer, 'abs', demoAccount('abs', 'treasurer').email, demoAccount('abs', 'treasurer').password);
      await treasurer.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
      await treasurer.goto('/o/abs/admin/money/invoices');
      const section = treasurer.getByRole('region', { name: `Record payment for invoice ${number}` });
      await section.getByLabel('Reference').fill('check 77');
      await section.getByRole('button', { name: 'Record payment of $40' }).click();
      await expect(treasurer.getByRole('status').filter({ hasText: `Payment of $40 recorded against invoice ${number}. A receipt was emailed to ${email}.` })).toBeVisible();
      const gift = await treasurer.request.get(`/o/abs/documents/gift-receipts/${checkoutId}.pdf`);
      expect(gift.status()).toBe(200);
    } finally {
      await staff.close();
    }
    const receipt = await readMailAsAdmin(page, 'abs', email, /receipt/);
    expect(receipt).toContain('We received your payment of $40');

    // By card: Stripe's page, then back to the visitor's own page.
    await page.goto('/o/abs/donate');
    await page.getByLabel('Your name').fill('Vic Visitor');
    await page.getByLabel('Your email').fill(email);
    await page.getByLabel(/^Amount/).fill('15');
    await page.getByRole('radio', { name: /^By card/ }).check();
    await page.getByRole('button', { name: 'Continue to payment' }).click();
    await page.waitForURL(/\/pay\/cs_test_/);
    await page.getByRole('button', { name: /^Pay \$15/ }).click();
    await page.waitForURL(/\/o\/abs\/checkouts\/[0-9a-f-]+\?key=[^&]+&session_id=cs_test_/);
    await expect(page.getByRole('status')).toContainText(`Payment received. Thank you! A receipt is on its way to ${email}.`);
    await expectAccessible(page);
  } finally {
    await context.close();
  }
});

// Issue 10, money item 3: a withdrawn application that was never paid owes nothing and was not
// "paid"; the next steps of an application name no payment method the society may not offer.
test('a withdrawn, never-paid registration says nothing is due, not "Paid in full"', async ({ page }) => {
  await applicantWithRegistration(page, 'Wanda Withdrawn');
  await page.goto('/o/abs/registrations');
  const card = page.locator('li.card').first();
  await expect(card).toContainText('$900 due');
  await card.locator('summary', { hasText: 'Withdraw my application' }).click();
  await card.getByRole('button', { name: /^Yes, withdraw my application to / }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your application is withdrawn.' })).toBeVisible();
  await expect(card).toContainText('Withdrawn');
  await expect(card).toContainText('Nothing due');
  await expect(card).not.toContainText('Paid in full');
  await expect(card).not.toContainText(/by card or by invoice/);
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('the donate form checks on the server and makes the invoice', async ({ page }) => {
    await giveByInvoice(page, { axe: false });
  });

  test('an applicant pays by card: plain form posts and redirects all the way', async ({ page }) => {
    await applicantWithRegistration(page, 'Nora NoScript');
    await openPayPage(page);
    await page.getByRole('radio', { name: /^By card/ }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/\/pay\/cs_test_/);
    await page.getByRole('button', { name: /^Pay \$900/ }).click();
    await page.waitForURL(/\/o\/abs\/checkouts\/[0-9a-f-]+\?session_id=cs_test_/);
    await expect(page.getByRole('status')).toContainText('Payment received. Thank you!');
    await page.goto('/o/abs/registrations');
    await expect(page.getByText('Paid in full').first()).toBeVisible();
  });
});
