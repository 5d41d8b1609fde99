// Issue 10 item 5: a refused form says so where the person is. On a phone, after pressing the
// submit button at the bottom of a form, focus moves to the error summary at the top: it is on
// screen, announced (role=alert), names the problem and links to each field in error. One of
// each kind of form: sign-in (the server refuses), sign-up (the browser refuses), an
// application sent twice, staff course forms, the treasurer's record-a-payment, the aid
// application, cancellations (a course's, a registration's); and one without JavaScript.
import type { Locator, Page } from '@playwright/test';
import { demoAccount, expect, expectAccessible, firstLink, readCredentialMail, signIn, submitIntensiveApplication, test, uniqueEmail } from './support.ts';

test.use({ viewport: { width: 390, height: 844 } });

/** React has attached its handlers to the page's form, so the browser's own checks run. */
async function hydrated(page: Page) {
  await page.waitForFunction(() => {
    const form = document.querySelector('main form');
    return form !== null && Object.keys(form).some((key) => key.startsWith('__reactProps'));
  });
}

/** The text of a control's label. */
async function labelOf(control: Locator): Promise<string> {
  return control.evaluate((element) => ((element as HTMLInputElement).labels?.[0]?.textContent ?? '').trim());
}

interface FieldInError {
  /** The link's text in the summary: the field's label. */
  link: string;
  /** The control the link leads to. */
  control: Locator;
}

/**
 * The summary after a refused submission: the focused element is its problem line, announced
 * (role=alert) and wholly on screen under the title; its links name the fields in error, each
 * described by the field's own message; the page passes axe. Then each link puts the cursor in
 * its field.
 */
async function expectErrorSummary(page: Page, problem: string | RegExp, fields: FieldInError[] = [], { script = true } = {}) {
  const summary = page.locator('[data-error-summary]');
  await expect(summary).toHaveCount(1);
  const alert = summary.getByRole('alert');
  await expect(alert).toHaveText(problem);
  await expect(alert).toBeFocused();
  expect(await page.evaluate(() => document.activeElement?.closest('[data-error-summary]') !== null)).toBe(true);
  await expect(alert).toBeInViewport({ ratio: 1 });
  await expect(summary.getByRole('heading', { name: 'There is a problem' })).toBeInViewport();
  const links = summary.getByRole('link');
  await expect(links).toHaveText(fields.map((f) => f.link));
  // axe runs in the page: not without JavaScript.
  if (script) await expectAccessible(page);
  for (const field of fields) {
    await expect(field.control).toHaveAttribute('aria-invalid', 'true');
    const message = (await page.locator(`#${await field.control.getAttribute('id')}-error`).innerText()).trim();
    expect(message).not.toBe('');
    const link = summary.getByRole('link', { name: field.link, exact: true });
    await expect(link).toHaveAccessibleDescription(message);
    await link.click();
    // With script the link puts the cursor in the field; without, the browser scrolls to it.
    if (script) await expect(field.control).toBeFocused();
    else await expect(field.control).toBeInViewport();
  }
}

test('signing in with a wrong password: the refusal is focused, announced and on screen', async ({ page }) => {
  await page.goto('/o/abs/sign-in');
  await hydrated(page);
  await page.getByLabel('Email').fill(uniqueEmail('wrong-password'));
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectErrorSummary(page, 'Email or password is incorrect.');
});

test('signing up with a short password: the browser refuses, the summary links to the password', async ({ page }) => {
  await page.goto('/o/abs/sign-up');
  await hydrated(page);
  await page.getByLabel('Full name').fill('Sam Short');
  await page.getByLabel('Email').fill(uniqueEmail('short-password'));
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expectErrorSummary(page, 'Please correct the highlighted fields.', [{ link: 'Password', control: page.getByLabel('Password') }]);
  // Sending again with the same mistake moves focus back to the summary.
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('[data-error-summary]').getByRole('alert')).toBeFocused();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the server renders the summary at the top and the browser focuses it', async ({ page }) => {
    await page.goto('/o/abs/sign-up');
    await page.getByLabel('Full name').fill('Nora NoScript');
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expectErrorSummary(page, 'Please correct the highlighted fields.', [
      { link: 'Email', control: page.getByLabel('Email') },
      { link: 'Password', control: page.getByLabel('Password') },
    ], { script: false });
  });
});

test('staff forms: a course with an impossible date, a course cancellation without its reason', async ({ page }) => {
  const director = demoAccount('abs', 'course_director');
  await signIn(page, 'abs', director.email, director.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.goto('/o/abs/admin/courses');
  await page.getByRole('link', { name: /Portland/ }).first().click();
  await page.waitForURL(/\/admin\/courses\/[0-9a-f-]{36}$/);
  const course = new URL(page.url()).pathname;

  await page.goto(`${course}/edit`);
  await hydrated(page);
  await page.getByLabel('Cancellation deadline').fill('2027-02-30');
  await page.getByRole('button', { name: 'Save course' }).click();
  await expectErrorSummary(page, 'Please correct the highlighted fields.', [{ link: 'Cancellation deadline', control: page.getByLabel('Cancellation deadline') }]);

  // Nothing filled in: two fields in error, listed in the form's order. Nothing is cancelled.
  await page.goto(`${course}/cancel-course`);
  await hydrated(page);
  await page.getByRole('button', { name: 'Cancel the course' }).click();
  const confirmCourse = page.getByLabel(/^I cancel .* and refund every registrant\.$/);
  await expectErrorSummary(page, 'Please correct the highlighted fields.', [
    { link: 'Reason (sent to every registrant)', control: page.getByLabel('Reason (sent to every registrant)') },
    { link: await labelOf(confirmCourse), control: confirmCourse },
  ]);
});

test('a registrant: an application sent twice, an aid application without its statement; the treasurer: a bad amount, a cancellation with an impossible date', async ({ page, browser }) => {
  // Several people in turn (registrant, operator reading the confirmation, treasurer).
  test.setTimeout(180_000);
  await page.goto('/o/abs');
  await page.getByRole('region', { name: 'Upcoming courses' }).getByRole('link').first().click();
  await page.waitForURL(/\/o\/abs\/courses\//);
  const coursePage = page.url();
  const name = `Fern Formtester ${Date.now() % 100000}`;
  const email = uniqueEmail('form-errors');
  const password = 'form-errors-password-1';
  await page.getByRole('link', { name: 'Apply now' }).click();
  await page.waitForURL(/\/apply$/);
  await hydrated(page);
  await submitIntensiveApplication(page, { name, email });
  await expect(page.getByRole('heading', { name: 'Application received' })).toBeVisible();
  await page.goto(firstLink(await readCredentialMail(page, email, /^Confirm your application/)));
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Confirm my application and save my password' }).click();
  await expect(page.getByRole('status')).toContainText('Your application is confirmed and your password is saved.');
  await signIn(page, 'abs', email, password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  // The same application again, from the bottom of a long form on a phone.
  await page.goto(coursePage);
  await page.getByRole('link', { name: 'Apply now' }).click();
  await page.waitForURL(/\/apply$/);
  await hydrated(page);
  await submitIntensiveApplication(page);
  await expectErrorSummary(page, 'You have already applied to this course. See your registrations.');

  // The aid application with nothing written: the browser refuses.
  await page.goto('/o/abs/registrations');
  await page.getByRole('link', { name: /^Apply for financial aid for / }).click();
  await page.waitForURL(/\/financial-aid$/);
  await hydrated(page);
  await page.getByRole('button', { name: 'Submit aid application' }).click();
  const statement = page.getByLabel('Why would the tuition be a hardship for you?');
  await expectErrorSummary(page, 'Please correct the highlighted fields.', [{ link: 'Why would the tuition be a hardship for you?', control: statement }]);

  // The treasurer opens this person's account from the money reports and types a bad amount.
  const treasurer = await browser.newContext({ baseURL: new URL(page.url()).origin, viewport: { width: 390, height: 844 } });
  try {
    const staff = await treasurer.newPage();
    const account = demoAccount('abs', 'treasurer');
    await signIn(staff, 'abs', account.email, account.password);
    await expect(staff.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await staff.goto('/o/abs/admin/money');
    await staff.getByRole('link', { name, exact: true }).click();
    await staff.waitForURL(/\/account$/);
    await hydrated(staff);
    await staff.getByLabel('Amount (USD)').fill('twelve dollars');
    await staff.getByRole('button', { name: 'Record payment' }).click();
    await expectErrorSummary(staff, 'Please correct the highlighted fields.', [{ link: 'Amount (USD)', control: staff.getByLabel('Amount (USD)') }]);

    // Recording this person's written cancellation with an impossible date: nothing is recorded.
    await staff.goto(staff.url().replace(/\/account$/, '/cancel'));
    await hydrated(staff);
    await staff.getByLabel('Date received').fill('2025-02-30');
    await staff.getByRole('button', { name: 'Record cancellation' }).click();
    await expectErrorSummary(staff, 'Please correct the highlighted fields.', [{ link: 'Date received', control: staff.getByLabel('Date received') }]);
  } finally {
    await treasurer.close();
  }
});
