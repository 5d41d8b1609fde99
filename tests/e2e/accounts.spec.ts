import { expect, expectAccessible, firstLink, readMailAsAdmin, signIn, test, uniqueEmail, waitForHydration } from './support.ts';

test('sign up, confirm the email from the outbox, sign in and out', async ({ page }) => {
  const email = uniqueEmail('newcomer');
  const password = 'a-long-enough-password';

  await page.goto('/o/abs/sign-up');
  await waitForHydration(page);
  await expectAccessible(page);
  // Instant feedback from the form's schema, before anything is sent.
  await page.getByLabel('Full name').fill('Riley Resident');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Enter a valid email address.')).toBeVisible();
  await expect(page.getByText('Must be at least 10 characters.')).toBeVisible();
  await expect(page.getByRole('alert')).toBeFocused();
  await expectAccessible(page);

  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await expectAccessible(page);

  // Not confirmed yet: signing in is refused with a clear message.
  await signIn(page, 'abs', email, password);
  await expect(page.getByRole('alert')).toContainText('Please confirm your email address first');

  const mail = await readMailAsAdmin(page, 'abs', email, /Confirm your email for American Balint Society/);
  expect(mail).toContain('Hello Riley Resident');
  await page.goto(firstLink(mail));
  await expect(page.getByRole('heading', { name: 'Email confirmed' })).toBeVisible();
  await expectAccessible(page);

  await signIn(page, 'abs', email, password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.getByText('Signed in as Riley Resident')).toBeVisible();
  await page.getByRole('link', { name: 'My profile' }).click();
  await expectAccessible(page);
  await page.getByLabel('Credentials (e.g. MD, LCSW, DVM)').fill('MD');
  await page.getByLabel('Profession', { exact: true }).fill('Family physician');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('status')).toHaveText('Your profile has been saved.');
  await page.reload();
  await expect(page.getByLabel('Profession', { exact: true })).toHaveValue('Family physician');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await page.goto('/o/abs/profile');
  await expect(page).toHaveURL(/\/o\/abs\/sign-in\?next=/);
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('the server checks the sign-up form field by field and keeps what was typed', async ({ page }) => {
    await page.goto('/o/abs/sign-up');
    await page.getByLabel('Full name').fill('Jordan NoScript');
    await page.getByLabel('Email').fill('nope');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByText('Enter a valid email address.')).toBeVisible();
    await expect(page.getByText('Must be at least 10 characters.')).toBeVisible();
    await expect(page.getByLabel('Full name')).toHaveValue('Jordan NoScript');
    await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
    // axe needs JavaScript in the page; the same markup is checked by the JS-on test above.

    const email = uniqueEmail('noscript');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('another-long-password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  });
});

test('a forgotten password is reset through the emailed link', async ({ page }) => {
  const email = uniqueEmail('forgetful');
  await page.goto('/o/nwbc/sign-up');
  await page.getByLabel('Full name').fill('Sam Forgetful');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('first-password-123');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await page.goto(firstLink(await readMailAsAdmin(page, 'nwbc', email, /Confirm your email/)));

  await page.goto('/o/nwbc/forgot-password');
  await expectAccessible(page);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('status')).toContainText('a reset link is on its way');

  const mail = await readMailAsAdmin(page, 'nwbc', email, /Reset your Northwest Balint Circle password/);
  await page.goto(firstLink(mail));
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Password').fill('second-password-456');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByRole('status')).toHaveText('Your password has been changed. Sign in with the new one.');

  await signIn(page, 'nwbc', email, 'first-password-123');
  await expect(page.getByRole('alert')).toHaveText('Email or password is incorrect.');
  await signIn(page, 'nwbc', email, 'second-password-456');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
});
