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
