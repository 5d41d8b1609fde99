import { type Page } from '@playwright/test';
import { demoAccount, expect, expectAccessible, firstLink, readMailAsAdmin, signIn, test, uniqueEmail, submitIntensiveApplication } from './support.ts';

async function openUpcomingCourse(page: Page) {
  await page.goto('/o/abs');
  await page.getByRole('region', { name: 'Upcoming courses' }).getByRole('link').first().click();
}

function fillApplication(page: Page, name: string, email: string) {
  return submitIntensiveApplication(page, { name, email }, { submit: false });
}

test('a visitor applies without an account, chooses a password and sees the application', async ({ page }) => {
  await openUpcomingCourse(page);
  await expect(page.getByText(/\d+ early-rate places left/)).toBeVisible();
  await expect(page.getByText(/\d+ places left/)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Apply now' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Apply:');
  await expect(page.getByRole('radio', { name: 'Single Registration: $900 (early rate)' })).toBeVisible();
  await expectAccessible(page);

  // Nothing filled in: field-level messages, focus on the first, nothing sent.
  await page.getByRole('button', { name: 'Submit application' }).click();
  await expect(page.getByLabel('Full name')).toBeFocused();
  await expect(page.getByText('Choose a registration category.')).toBeVisible();
  await expect(page.getByText('Please confirm this to apply.').first()).toBeVisible();
  await expectAccessible(page);

  const email = uniqueEmail('applicant');
  await fillApplication(page, 'Avery Applicant', email);
  await page.getByRole('button', { name: 'Submit application' }).click();
  await expect(page.getByRole('heading', { name: 'Application received' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Your price: $900 (Single Registration, early rate).');
  await expect(page.getByRole('status')).toContainText(`We created an account for ${email}`);
  await expectAccessible(page);

  const received = await readMailAsAdmin(page, 'abs', email, /Application received/);
  expect(received).toContain('Your price: $900');
  const setup = await readMailAsAdmin(page, 'abs', email, /Choose a password for your American Balint Society account/);
  await page.goto(firstLink(setup));
  await page.getByLabel('Password').fill('applicant-password-1');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByRole('status')).toContainText('Your password has been changed');

  await signIn(page, 'abs', email, 'applicant-password-1');
  await page.getByRole('link', { name: 'My registrations' }).click();
  await expect(page.getByText('Received, awaiting review')).toBeVisible();
  await expect(page.getByText('$900 (Single Registration, early rate)')).toBeVisible();
  await expectAccessible(page);

  // Withdrawing needs a second, explicit step.
  await page.getByText('Withdraw my application', { exact: true }).click();
  await page.getByRole('button', { name: /Yes, withdraw my application/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your application is withdrawn.' })).toBeVisible();
  await expect(page.getByText('Withdrawn', { exact: true })).toBeVisible();
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('the application form checks on the server, keeps answers, and a resubmission creates one registration', async ({ page }) => {
    await openUpcomingCourse(page);
    await page.getByRole('link', { name: 'Apply now' }).click();
    const email = uniqueEmail('noscript-applicant');
    await fillApplication(page, 'Jo NoScript', email);
    await page.getByLabel('I commit to attending every session in full').uncheck();
    await page.getByRole('button', { name: 'Submit application' }).click();
    await expect(page.getByRole('alert')).toHaveText('Please correct the highlighted fields.');
    await expect(page.getByText('Please confirm this to apply.')).toBeVisible();
    await expect(page.getByLabel('Full name')).toHaveValue('Jo NoScript');
    await expect(page.getByLabel('Discipline or profession')).toHaveValue('Family physician');

    await page.getByLabel('I commit to attending every session in full').check();
    await page.getByRole('button', { name: 'Submit application' }).click();
    await expect(page.getByRole('heading', { name: 'Application received' })).toBeVisible();
    // The browser's "resubmit form" (a reload of the POST) is the same submission.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Application received' })).toBeVisible();
    const mails = await readMailAsAdmin(page, 'abs', email, /Application received/);
    expect(mails).toContain('Hello Jo NoScript');
  });
});

test('a signed-in member applies at the member rate, a director accepts, the applicant sees it; a second application is refused', async ({ page }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail('member-applicant');
  await page.goto('/o/abs/sign-up');
  await page.getByLabel('Full name').fill('Mel Member');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('member-password-1');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.goto(firstLink(await readMailAsAdmin(page, 'abs', email, /Confirm your email/)));
  await signIn(page, 'abs', email, 'member-password-1');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  await openUpcomingCourse(page);
  await page.getByRole('link', { name: 'Apply now' }).click();
  await expect(page.getByText('You are applying as Mel Member')).toBeVisible();
  await expect(page.getByLabel('Full name')).toHaveCount(0);
  await page.getByLabel('Discipline or profession').fill('Psychologist');
  await page.getByRole('radio', { name: /^ABS Member Registration: \$800/ }).check();
  await page.getByLabel('I commit to attending every session in full').check();
  await page.getByLabel('I understand this course is training, not therapy').check();
  await page.getByLabel(/CDC-recommended/).check();
  await page.getByLabel('How many Leadership Training Intensives have you attended before?').selectOption('One');
  await page.getByRole('button', { name: 'Submit application' }).click();
  await expect(page.getByRole('status')).toContainText('$800 (ABS Member Registration, early rate)');

  await page.getByRole('link', { name: 'See my registrations' }).click();
  await expect(page.getByText('Staff will verify your membership.')).toBeVisible();

  // A course director verifies the membership and accepts; the applicant sees both.
  const director = demoAccount('abs', 'course_director');
  const staffContext = await page.context().browser()!.newContext({ baseURL: new URL(page.url()).origin });
  const staff = await staffContext.newPage();
  await signIn(staff, 'abs', director.email, director.password);
  await expect(staff.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await staff.goto('/o/abs/admin/courses');
  await staff.getByRole('link', { name: /Portland/ }).first().click();
  await staff.waitForURL(/\/admin\/courses\/[0-9a-f-]{36}$/);
  await staff.goto(`${new URL(staff.url()).pathname}/applications`);
  await staff.getByRole('link', { name: 'Mel Member' }).click();
  await staff.getByRole('button', { name: 'Mark membership verified' }).click();
  await expect(staff.getByText('Membership marked verified.')).toBeVisible();
  await staff.getByRole('radio', { name: 'Accept' }).check();
  await staff.getByLabel('Message to the applicant').fill('Welcome: see you in Portland.');
  await staff.getByRole('button', { name: 'Record decision and email the applicant' }).click();
  await expect(staff.getByText('Decision recorded: Accepted.')).toBeVisible();
  await expectAccessible(staff);
  await staffContext.close();

  await page.reload();
  await expect(page.getByText('Accepted', { exact: true })).toBeVisible();
  await expect(page.getByText('You are accepted. Pay what is due by card or by invoice with the Pay link below.')).toBeVisible();
  await expect(page.getByText('Staff will verify your membership.')).toHaveCount(0);
  await expect(page.getByRole('link', { name: /^Pay for / })).toBeVisible();
  // On a phone the card fits the screen: nothing scrolls sideways.
  await page.setViewportSize({ width: 375, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await expectAccessible(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  const accepted = await readMailAsAdmin(page, 'abs', email, /You are accepted/);
  expect(accepted).toContain('Welcome: see you in Portland.');

  await openUpcomingCourse(page);
  await page.getByRole('link', { name: 'Apply now' }).click();
  await page.getByLabel('Discipline or profession').fill('Psychologist');
  await page.getByRole('radio', { name: /^Single Registration/ }).check();
  await page.getByLabel('I commit to attending every session in full').check();
  await page.getByLabel('I understand this course is training, not therapy').check();
  await page.getByLabel(/CDC-recommended/).check();
  await page.getByLabel('How many Leadership Training Intensives have you attended before?').selectOption('One');
  await page.getByRole('button', { name: 'Submit application' }).click();
  await expect(page.getByRole('alert')).toHaveText('You have already applied to this course. See your registrations.');
});
