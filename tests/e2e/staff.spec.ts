import { type Page } from '@playwright/test';
import { demoAccount, expect, expectAccessible, readMailAsAdmin, signIn, test, uniqueEmail } from './support.ts';
import { applyAsVisitor } from './support-staff.ts';

test.describe.configure({ mode: 'serial' });

const slug = `e2e-${Date.now().toString(36)}`;
const title = `Staff test intensive ${slug}`;
const applicants = [1, 2, 3].map((n) => ({ name: `Staff Applicant ${n} ${slug}`, email: uniqueEmail(`staff-applicant-${n}`) }));
let courseUrl = '';

async function signInAsDirector(page: Page) {
  const director = demoAccount('abs', 'course_director');
  await signIn(page, 'abs', director.email, director.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

test('a director creates a course with a price table and publishes it', async ({ page }) => {
  await signInAsDirector(page);
  await page.goto('/o/abs/admin');
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Courses' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Courses' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'New course' }).click();
  await expectAccessible(page);

  // Nothing filled in: field-level messages, nothing saved.
  await page.getByRole('button', { name: 'Create course' }).click();
  await expect(page.getByText('This field is required.').first()).toBeVisible();

  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Web address name').fill(slug);
  await page.getByLabel('First day').fill('2099-06-01');
  await page.getByLabel('Last day').fill('2099-06-04');
  await page.getByLabel('Time zone').fill('America/Los_Angeles');
  await page.getByLabel('Capacity').fill('2');
  await page.getByLabel('Registration deadline').fill('2099-05-01');
  await page.getByLabel('Early places (first registrants)').fill('1');
  await page.getByLabel('Course overview').fill('Teaches Balint group leadership through experiential groups.');
  await page.getByRole('button', { name: 'Create course' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Price table' })).toBeVisible();
  await expect(page.getByText('Course created as a draft.')).toBeVisible();
  courseUrl = new URL(page.url()).pathname.replace(/\/prices$/, '');
  const amounts = [
    ['900', '975'],
    ['800', '875'],
    ['640', '700'],
    ['560', '620'],
  ];
  for (const [i, [early, regular]] of amounts.entries()) {
    const row = page.getByRole('group', { name: `Category ${i + 1}` });
    await row.getByLabel(/Early rate/).fill(early!);
    await row.getByLabel(/Regular rate/).fill(regular!);
  }
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Save price table' }).click();
  await expect(page.getByText('Price table saved.')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Current price table' }).getByRole('row', { name: /Non-member/ })).toContainText('$975');

  await page.getByRole('navigation', { name: `Pages of ${title}` }).getByRole('link', { name: 'Details and status' }).click();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByText('The course is now Published.')).toBeVisible();

  const response = await page.goto(`/o/abs/courses/${slug}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
});

test('a director filters applications, opens one and accepts it with a message; the acceptance is in the outbox', async ({ page }) => {
  await page.goto('/o/abs');
  for (const a of applicants) await applyAsVisitor(page, 'abs', slug, { ...a, category: /^Non-member/ });

  await signInAsDirector(page);
  await page.goto(courseUrl);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Applications received, cumulative, by day' })).toBeVisible();
  await expectAccessible(page);

  await page.goto(`${courseUrl}/applications`);
  await page.getByLabel('Status').selectOption('waitlisted');
  await page.getByRole('button', { name: 'Show applications' }).click();
  await expect(page.getByText('1 application shown.')).toBeVisible();
  await expect(page.getByRole('link', { name: applicants[2]!.name })).toBeVisible();
  await page.getByLabel('Status').selectOption('submitted');
  await page.getByRole('button', { name: 'Show applications' }).click();
  await expect(page.getByText('2 applications shown.')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: applicants[0]!.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: applicants[0]!.name })).toBeVisible();
  await expect(page.getByText('Family physician')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('radio', { name: 'Accept' }).check();
  await page.getByLabel('Message to the applicant').fill('Welcome aboard — see you in June.');
  await page.getByRole('button', { name: 'Record decision and email the applicant' }).click();
  await expect(page.getByText('Decision recorded: Accepted.')).toBeVisible();
  await expectAccessible(page);

  const mail = await readMailAsAdmin(page, 'abs', applicants[0]!.email, /You are accepted/);
  expect(mail).toContain('Welcome aboard');
});

test('a director declines two applications at once and downloads the CSV', async ({ page }) => {
  await signInAsDirector(page);
  await page.goto(`${courseUrl}/applications`);
  await page.getByRole('checkbox', { name: `Select ${applicants[1]!.name}` }).check();
  await page.getByRole('checkbox', { name: `Select ${applicants[2]!.name}` }).check();
  await page.getByLabel('Decision').selectOption('decline');
  await page.getByRole('button', { name: 'Apply to selected' }).click();
  await expect(page.getByText('2 of 2 changed.')).toBeVisible();
  await expectAccessible(page);

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download these applications as CSV' }).click();
  const file = await download;
  const stream = await file.createReadStream();
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  const [header, ...rows] = text.trim().split('\r\n');
  expect(header).toContain('Submitted at (UTC),Status,Name,Email');
  expect(rows).toHaveLength(3);
  expect(text).toContain(applicants[0]!.email);
});

test('an admin imports memberships from CSV: one bad row is reported and nothing is saved', async ({ page }) => {
  const admin = demoAccount('abs', 'admin');
  await signIn(page, 'abs', admin.email, admin.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.goto('/o/abs/admin');
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Memberships' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Memberships' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Import memberships from CSV' }).click();
  await expectAccessible(page);

  const good = uniqueEmail('member-good');
  const other = uniqueEmail('member-other');
  const header = 'email,name,type,valid_from,valid_to';
  await page.getByLabel('Or paste the CSV here').fill(`${header}\n${good},Good Member,regular,2025-01-01,2099-12-31\nnot-an-email,Bad Row,regular,2025-01-01,2099-12-31\n`);
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByRole('alert')).toContainText('Line 3, email: not an email address');
  await expectAccessible(page);
  await page.goto('/o/abs/admin/memberships');
  await expect(page.getByText(good)).toHaveCount(0);

  await page.goto('/o/abs/admin/memberships/import');
  await page.getByLabel('Or paste the CSV here').fill(`${header}\n${good},Good Member,regular,2025-01-01,2099-12-31\n${other},"Other, Member",life,2025-01-01,2099-12-31\n`);
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByText('2 rows are ready to import.')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Import 2 memberships' }).click();
  await expect(page.getByText('2 memberships imported.')).toBeVisible();
  await page.goto('/o/abs/admin/memberships');
  await expect(page.getByRole('rowheader', { name: good })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(other) })).toContainText('Other, Member');
});

/**
 * axe runs inside the page, so the markup the server sent to a browser without JavaScript is
 * checked in a second page that has it: the same HTML at the same address, its scripts left out.
 */
async function expectAccessibleWithoutScripts(page: Page) {
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
  const url = page.url();
  // A context made in a test takes the test's options: JavaScript is turned back on here.
  const context = await page.context().browser()!.newContext({ javaScriptEnabled: true });
  try {
    const copy = await context.newPage();
    await copy.route((address) => address.href === url, (route) => route.fulfill({ contentType: 'text/html', body: html }));
    await copy.goto(url);
    await expectAccessible(copy);
  } finally {
    await context.close();
  }
}

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('an impossible cancellation deadline is refused on its field, the typed details stay, nothing is saved until it is fixed', async ({ page }) => {
    await signInAsDirector(page);
    await page.goto(`${courseUrl}/edit`);
    const deadline = page.getByLabel('Cancellation deadline');
    await expect(deadline).toHaveValue('');
    await expect(deadline).toHaveAccessibleDescription(/YYYY-MM-DD/);

    await deadline.fill('2027-02-30');
    await page.getByLabel('Tagline').fill('Now with an evening session');
    await page.getByLabel('Kind of course').selectOption('balint_weekend');
    await page.getByLabel('Applications wait for a director’s decision').uncheck();
    await page.getByRole('button', { name: 'Save course' }).click();

    await expect(page.getByRole('alert')).toHaveText('Please correct the highlighted fields.');
    await expect(deadline).toHaveValue('2027-02-30');
    await expect(deadline).toHaveAttribute('aria-invalid', 'true');
    await expect(deadline).toHaveAccessibleDescription(/Enter a real date as YYYY-MM-DD/);
    await expect(page.getByLabel('Tagline')).toHaveValue('Now with an evening session');
    await expect(page.getByLabel('Kind of course')).toHaveValue('balint_weekend');
    await expect(page.getByLabel('Applications wait for a director’s decision')).not.toBeChecked();
    await expect(page.getByLabel('First day')).toHaveValue('2099-06-01');
    await expectAccessibleWithoutScripts(page);

    // Nothing was saved: the stored course is as it was.
    await page.goto(`${courseUrl}/edit`);
    await expect(deadline).toHaveValue('');
    await expect(page.getByLabel('Tagline')).toHaveValue('');
    await expect(page.getByLabel('Kind of course')).toHaveValue('leadership_intensive');
    await expect(page.getByLabel('Applications wait for a director’s decision')).toBeChecked();

    await deadline.fill('2027-02-26');
    await page.getByLabel('Tagline').fill('Now with an evening session');
    await page.getByRole('button', { name: 'Save course' }).click();
    await expect(page.getByText('Course saved.')).toBeVisible();
    await page.goto(`${courseUrl}/edit`);
    await expect(deadline).toHaveValue('2027-02-26');
    await expect(page.getByLabel('Tagline')).toHaveValue('Now with an evening session');
  });

  test('a discount code with an impossible or malformed expiry is refused on its field, keeps every typed value and is not issued', async ({ page }) => {
    await signInAsDirector(page);
    await page.goto(`${courseUrl}/discount-codes`);
    const code = `NOJS-${slug}`.toUpperCase();
    const expiry = page.getByLabel('Valid through');
    const categories = page.getByRole('group', { name: 'Only for these categories' }).getByRole('checkbox');
    await page.getByLabel('Code', { exact: true }).fill(code);
    await page.getByLabel('Kind', { exact: true }).selectOption('percent');
    await page.getByLabel('Amount', { exact: true }).fill('15');
    await page.getByLabel('Maximum uses').fill('5');
    await expiry.fill('2027-02-30');
    await categories.first().check();
    await page.getByLabel('Note for staff').fill('For the Hungarian society');
    await page.getByRole('button', { name: 'Issue code' }).click();

    await expect(page.getByRole('alert')).toHaveText('Please correct the highlighted fields.');
    await expect(expiry).toHaveValue('2027-02-30');
    await expect(expiry).toHaveAttribute('aria-invalid', 'true');
    await expect(expiry).toHaveAccessibleDescription(/This is not a real date: check the month and the day\./);
    await expect(page.getByLabel('Code', { exact: true })).toHaveValue(code);
    await expect(page.getByLabel('Kind', { exact: true })).toHaveValue('percent');
    await expect(page.getByLabel('Amount', { exact: true })).toHaveValue('15');
    await expect(page.getByLabel('Maximum uses')).toHaveValue('5');
    await expect(categories.first()).toBeChecked();
    await expect(categories.nth(1)).not.toBeChecked();
    await expect(page.getByLabel('Note for staff')).toHaveValue('For the Hungarian society');
    await expect(page.getByRole('rowheader', { name: code })).toHaveCount(0);
    await expectAccessibleWithoutScripts(page);

    await expiry.fill('30/02/2027');
    await page.getByRole('button', { name: 'Issue code' }).click();
    await expect(expiry).toHaveValue('30/02/2027');
    await expect(expiry).toHaveAccessibleDescription(/This is not written as a date: use YYYY-MM-DD/);
    await expect(page.getByRole('rowheader', { name: code })).toHaveCount(0);

    await expiry.fill('2027-02-27');
    await page.getByRole('button', { name: 'Issue code' }).click();
    await expect(page.getByText(`Discount code ${code} issued.`)).toBeVisible();
    const row = page.getByRole('row', { name: new RegExp(code) });
    await expect(row).toContainText('15%');
    await expect(row).toContainText('Feb 27, 2027');
    await expect(row).toContainText('For the Hungarian society');
  });

  test('a membership with an impossible or malformed date is refused on that field, keeps what was typed and is not added', async ({ page }) => {
    const admin = demoAccount('abs', 'admin');
    await signIn(page, 'abs', admin.email, admin.password);
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await page.goto('/o/abs/admin/memberships');
    const email = uniqueEmail('member-nojs');
    const from = page.getByLabel('Valid from');
    const to = page.getByLabel('Valid to');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Name').fill('Noa Script');
    await page.getByLabel('Membership type').fill('life');
    await from.fill('2027-02-30');
    await to.fill('2027-12-31');
    await page.getByRole('button', { name: 'Add membership' }).click();

    await expect(page.getByRole('alert')).toHaveText('Please correct the highlighted fields.');
    await expect(from).toHaveValue('2027-02-30');
    await expect(from).toHaveAttribute('aria-invalid', 'true');
    await expect(from).toHaveAccessibleDescription(/This is not a real date: check the month and the day\./);
    await expect(to).not.toHaveAttribute('aria-invalid', 'true');
    await expect(to).toHaveValue('2027-12-31');
    await expect(page.getByLabel('Email')).toHaveValue(email);
    await expect(page.getByLabel('Name')).toHaveValue('Noa Script');
    await expect(page.getByLabel('Membership type')).toHaveValue('life');
    await expect(page.getByText(email)).toHaveCount(0);
    await expectAccessibleWithoutScripts(page);

    await from.fill('2027-02-01');
    await to.fill('31/12/2027');
    await page.getByRole('button', { name: 'Add membership' }).click();
    await expect(to).toHaveAccessibleDescription(/This is not written as a date: use YYYY-MM-DD/);
    await expect(to).toHaveValue('31/12/2027');
    await expect(from).toHaveValue('2027-02-01');
    await expect(page.getByText(email)).toHaveCount(0);

    await to.fill('2027-12-31');
    await page.getByRole('button', { name: 'Add membership' }).click();
    await expect(page.getByText(`Membership added for ${email}.`)).toBeVisible();
    const row = page.getByRole('row', { name: new RegExp(email) });
    await expect(row).toContainText('Noa Script');
    await expect(row).toContainText('Feb 1, 2027');
    await expect(row).toContainText('Dec 31, 2027');
  });
});
