// Cancellations and refunds in the browser: a registrant who paid by check cancels before the
// deadline and sees the refund due; staff find it in the tracker and record it as paid; a
// director cancels a whole course and every refund appears in the tracker.
import { type Page } from '@playwright/test';
import {
  demoAccount,
  expect,
  expectAccessible,
  firstLink,
  openApplicationForm,
  readMailAsAdmin,
  signIn,
  submitIntensiveApplication,
  test,
  uniqueEmail,
  waitForHydration,
} from './support.ts';
import { applyAsVisitor } from './support-staff.ts';

async function signInAsDirector(page: Page) {
  const director = demoAccount('abs', 'course_director');
  await signIn(page, 'abs', director.email, director.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** As a director in a separate browser context. */
async function asDirector<T>(page: Page, work: (staff: Page) => Promise<T>): Promise<T> {
  const context = await page.context().browser()!.newContext({ baseURL: new URL(page.url()).origin });
  const staff = await context.newPage();
  try {
    await signInAsDirector(staff);
    return await work(staff);
  } finally {
    await context.close();
  }
}

/** Records a check for one applicant through the staff account page. */
async function recordCheck(staff: Page, courseUrl: string, name: string, amount: string) {
  await staff.goto(`${courseUrl}/applications`);
  await staff.getByRole('link', { name }).click();
  await staff.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
  await staff.getByRole('link', { name: 'Account and payments' }).click();
  await staff.waitForURL(/\/account$/);
  await expect(staff.getByRole('heading', { level: 1 })).toHaveText(`Account: ${name}`);
  await waitForHydration(staff);
  await staff.getByLabel(/^Amount/).fill(amount);
  await staff.getByLabel('Reference').fill('check 1234');
  await staff.getByRole('button', { name: 'Record payment' }).click();
  await expect(staff.getByText(/Payment of \$[\d,]+ recorded/)).toBeVisible();
}

/** A new account applies to the upcoming intensive and the director records its fee paid by check. */
async function paidRegistrant(page: Page, prefix: string): Promise<{ email: string; name: string; paid: number }> {
  const email = uniqueEmail(prefix);
  const name = `Casey ${prefix} ${Date.now().toString(36)}`;
  await page.goto('/o/abs/sign-up');
  await waitForHydration(page);
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('canceller-password-1');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.goto(firstLink(await readMailAsAdmin(page, 'abs', email, /Confirm your email/)));
  await signIn(page, 'abs', email, 'canceller-password-1');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  // Apply to the upcoming intensive (its cancellation deadline is weeks away).
  await page.goto('/o/abs');
  await page.getByRole('region', { name: 'Upcoming courses' }).getByRole('link').first().click();
  await openApplicationForm(page);
  await submitIntensiveApplication(page);
  await expect(page.getByRole('status')).toContainText('(Single Registration');
  const price = (await page.getByRole('status').innerText()).match(/(\$[\d,]+) \(Single Registration/)![1]!;
  const paid = Number(price.replace(/[$,]/g, ''));

  // The director records the check on the staff account page.
  await asDirector(page, async (staff) => {
    await staff.goto('/o/abs/admin/courses');
    await staff.getByRole('link', { name: /Portland/ }).first().click();
    await staff.waitForURL(/\/admin\/courses\/[0-9a-f-]{36}$/);
    await recordCheck(staff, new URL(staff.url()).pathname, name, String(paid));
  });

  return { email, name, paid };
}

test('a registrant paid by check cancels before the deadline, sees the refund due; staff record it as paid', async ({ page }) => {
  const { email, name, paid } = await paidRegistrant(page, 'canceller');

  // The registrant cancels in writing from My registrations.
  await page.goto('/o/abs/registrations');
  await page.getByRole('link', { name: /^Cancel registration for/ }).first().click();
  await page.waitForURL(/\/registrations\/[0-9a-f-]{36}\/cancel$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Cancel your registration for');
  await expect(page.getByText('Within 30 days of the acknowledgment')).toBeVisible();
  const refund = `$${(paid - 100).toLocaleString('en-US')}`;
  await expect(page.getByText(refund, { exact: true })).toBeVisible();
  await expectAccessible(page);
  await waitForHydration(page);
  // Without the confirmation nothing happens.
  await page.getByRole('button', { name: 'Cancel my registration' }).click();
  await expect(page.getByText('Tick the box to confirm the cancellation.')).toBeVisible();
  await page.getByLabel(/^I cancel my registration for/).check();
  await page.getByRole('button', { name: 'Cancel my registration' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your cancellation was received' })).toBeVisible();
  const acknowledgment = await page.getByRole('status').innerText();
  const dueOn = acknowledgment.match(new RegExp(`Your refund of \\${refund} will be made by (\\w+ \\d{1,2}, \\d{4})`))![1]!;
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Back to my registrations' }).click();
  await expect(page.getByText(`Refund of ${refund} due by ${dueOn}`)).toBeVisible();
  // The refund line has its own term: every term stays in the first column of the card.
  const card = page.locator('li.card').filter({ hasText: `Refund of ${refund}` }).first();
  const termX = async (term: string) => (await card.locator('dt').filter({ hasText: new RegExp(`^${term}$`) }).boundingBox())!.x;
  expect(Math.abs((await termX('Next steps')) - (await termX('Status')))).toBeLessThan(2);
  await expect(page.getByText('Cancelled', { exact: true }).first()).toBeVisible();
  const mail = await readMailAsAdmin(page, 'abs', email, /Cancellation received/);
  expect(mail).toContain(`refund of ${refund} will be made by ${dueOn}`);

  // Staff find it in the tracker and record the check they sent.
  await asDirector(page, async (staff) => {
    await staff.goto('/o/abs/admin/refunds');
    await expect(staff.getByRole('heading', { level: 1, name: 'Refunds' })).toBeVisible();
    const row = staff.getByRole('row').filter({ hasText: name });
    await expect(row).toContainText(refund);
    await expect(row).toContainText('Cancellation');
    await expectAccessible(staff);
    await waitForHydration(staff);
    // The name leads to the account page, which every money role can open.
    await expect(row.getByRole('link', { name, exact: true })).toHaveAttribute('href', /\/applications\/[0-9a-f-]{36}\/account$/);
    await row.getByText('Record as paid').click();
    // An impossible date is said to be one and stays in the field.
    const today = await row.getByLabel('Date paid').inputValue();
    await row.getByLabel('Date paid').fill('2025-02-30');
    await row.getByRole('button', { name: 'Record refund' }).click();
    await expect(row.getByText('This is not a real date. Enter the date the refund was paid as YYYY-MM-DD, such as 2025-02-25.')).toBeVisible();
    await expect(row.getByLabel('Date paid')).toHaveValue('2025-02-30');
    await row.getByLabel('Date paid').fill(today);
    await row.getByLabel('Reference (check number, transfer id)').fill('check 9001');
    await row.getByRole('button', { name: 'Record refund' }).click();
    await expect(staff.getByText('The refund was recorded as paid.')).toBeVisible();
    await staff.getByRole('link', { name: 'Done', exact: true }).click();
    await staff.waitForURL(/view=done/);
    await expect(staff.getByRole('row').filter({ hasText: name })).toContainText('check 9001');
    await expectAccessible(staff);
    // The change-outcome page shows the cancellation on file.
    await staff.getByRole('row').filter({ hasText: name }).getByRole('link', { name: /^Change outcome/ }).click();
    await expect(staff.getByRole('heading', { name: 'Cancellation on file' })).toBeVisible();
    await expectAccessible(staff);
  });
  await page.goto('/o/abs/registrations');
  await expect(page.getByText(`Refund of ${refund} due by ${dueOn}`)).toHaveCount(0);
});

test('a director cancels a course: every registrant is refunded in full and the refunds appear in the tracker', async ({ page }) => {
  const slug = `e2e-cancel-${Date.now().toString(36)}`;
  const title = `Cancelled intensive ${slug}`;
  const applicants = [1, 2, 3].map((n) => ({ name: `Course Canceller ${n} ${slug}`, email: uniqueEmail(`course-cancel-${n}`) }));
  await signInAsDirector(page);
  await page.goto('/o/abs/admin/courses/new');
  await expect(page.getByLabel('Title')).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Web address name').fill(slug);
  await page.getByLabel('First day').fill('2099-06-01');
  await page.getByLabel('Last day').fill('2099-06-04');
  await page.getByLabel('Time zone').fill('America/Los_Angeles');
  await page.getByLabel('Capacity').fill('2');
  await page.getByLabel('Registration deadline').fill('2099-05-01');
  await page.getByLabel('Course overview').fill('A course that will be cancelled.');
  await page.getByRole('button', { name: 'Create course' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Price table' })).toBeVisible();
  const courseUrl = new URL(page.url()).pathname.replace(/\/prices$/, '');
  for (const [i, [early, regular]] of [['900', '975'], ['800', '875'], ['640', '700'], ['560', '620']].entries()) {
    const row = page.getByRole('group', { name: `Category ${i + 1}` });
    await row.getByLabel(/Early rate/).fill(early!);
    await row.getByLabel(/Regular rate/).fill(regular!);
  }
  await page.getByRole('button', { name: 'Save price table' }).click();
  await expect(page.getByText('Price table saved.')).toBeVisible();
  await page.goto(`${courseUrl}/edit`);
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByText('The course is now Published.')).toBeVisible();

  // Two take the places, the third waits; both place-holders pay part by check.
  for (const a of applicants) await applyAsVisitor(page, 'abs', slug, { ...a, category: /^Non-member/ });
  await recordCheck(page, courseUrl, applicants[0]!.name, '300');
  await recordCheck(page, courseUrl, applicants[1]!.name, '450');

  await page.goto(`${courseUrl}/cancel-course`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Cancel ${title}`);
  await expect(page.getByText('2 registrations hold a place, 1 is on the waitlist; $750 has been paid in total.')).toBeVisible();
  await expectAccessible(page);
  await waitForHydration(page);
  await page.getByLabel('Reason (sent to every registrant)').fill('Too few registrations to run the course.');
  await page.getByLabel(/^I cancel .* and refund every registrant/).check();
  await page.getByRole('button', { name: 'Cancel the course' }).click();
  await expect(page.getByText('The course was cancelled: 2 registrations cancelled, 1 withdrawn from the waitlist, $750 to refund.')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'See the refunds' }).click();
  await page.waitForURL(/\/admin\/refunds\?view=due&course=/);
  await expect(page.getByText('2 refunds, $750')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: applicants[0]!.name })).toContainText('$300');
  await expect(page.getByRole('row').filter({ hasText: applicants[1]!.name })).toContainText('$450');
  for (const row of await page.getByRole('row').filter({ hasText: slug }).all()) await expect(row).toContainText('Course cancelled');
  await expectAccessible(page);
  // The same list as CSV.
  const csvHref = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
  const csv = await page.request.get(csvHref!);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const lines = (await csv.text()).trim().split('\r\n');
  expect(lines[0]).toBe('Name,Email,Course,Reason,Amount,Currency,Due on,Status,Overdue,Method,Paid on,Reference');
  expect(lines).toHaveLength(3);
  for (const [i, a] of [applicants[0]!, applicants[1]!].entries()) {
    expect(lines.some((l) => l.startsWith(`${a.name},${a.email},${title},Course cancelled,${['300.00', '450.00'][i]},USD,`)), lines.join('\n')).toBe(true);
  }

  // The dashboard carries the overdue-refunds panel with a link to the tracker.
  await page.goto('/o/abs/admin');
  await expect(page.getByRole('heading', { name: 'Overdue refunds' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Open the refund tracker' })).toHaveAttribute('href', '/o/abs/admin/refunds?view=overdue');
  await expectAccessible(page);

  const mail = await readMailAsAdmin(page, 'abs', applicants[1]!.email, /Course cancelled/);
  expect(mail).toContain('Too few registrations to run the course.');
  expect(mail).toContain('Everything you paid, $450, will be refunded by');
  const waitlisted = await readMailAsAdmin(page, 'abs', applicants[2]!.email, /Course cancelled/);
  expect(waitlisted).toContain('Your place on the waitlist has ended.');
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('the cancellation form asks for the confirmation on the server, then acknowledges', async ({ page }) => {
    const { paid } = await paidRegistrant(page, 'noscript-canceller');
    await page.goto('/o/abs/registrations');
    await page.getByRole('link', { name: /^Cancel registration for/ }).first().click();
    await page.getByRole('button', { name: 'Cancel my registration' }).click();
    await expect(page.getByRole('alert')).toHaveText('Please correct the highlighted fields.');
    await expect(page.getByText('Tick the box to confirm the cancellation.')).toBeVisible();
    await page.getByLabel(/^I cancel my registration for/).check();
    await page.getByRole('button', { name: 'Cancel my registration' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your cancellation was received' })).toBeVisible();
    await expect(page.getByRole('status')).toContainText(`Your refund of $${(paid - 100).toLocaleString('en-US')} will be made by`);
    // Reloading the acknowledgment changes nothing: one cancellation.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Your cancellation was received' })).toBeVisible();
  });
});

test('a director cancels one paid registration on the organization’s behalf: everything paid is refunded and the reason emailed', async ({ page }) => {
  // The registrant, the director twice, the treasurer, the admin reading the outbox twice.
  // Up to 62 s under load; the budget is about twice that (playwright.config.ts).
  test.setTimeout(150_000);
  const { email, name, paid } = await paidRegistrant(page, 'organizer-cancel');
  const paidText = `$${paid.toLocaleString('en-US')}`;
  const reason = 'The course cannot seat a fourth small group this year.';
  await asDirector(page, async (staff) => {
    await staff.goto('/o/abs/admin/courses');
    await staff.getByRole('link', { name: /Portland/ }).first().click();
    await staff.waitForURL(/\/admin\/courses\/[0-9a-f-]{36}$/);
    await staff.goto(`${new URL(staff.url()).pathname}/applications`);
    await staff.getByRole('link', { name }).click();
    await staff.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    await staff.getByRole('link', { name: 'Cancellation', exact: true }).click();
    await staff.waitForURL(/\/cancel$/);
    // A treasurer records cancellations but does not end registrations for the organization.
    const treasurerContext = await page.context().browser()!.newContext({ baseURL: new URL(staff.url()).origin });
    try {
      const treasurer = await treasurerContext.newPage();
      const account = demoAccount('abs', 'treasurer');
      await signIn(treasurer, 'abs', account.email, account.password);
      await expect(treasurer.getByRole('button', { name: 'Sign out' })).toBeVisible();
      await treasurer.goto(staff.url());
      await expect(treasurer.getByRole('heading', { name: 'Record a written cancellation' })).toBeVisible();
      await expect(treasurer.getByRole('heading', { name: 'Cancel on the organization’s behalf' })).toHaveCount(0);
      const refused = await treasurer.request.post(staff.url(), { form: { intent: 'organizer', reason, confirm: 'yes' }, maxRedirects: 0 });
      expect(refused.status()).toBe(403);
    } finally {
      await treasurerContext.close();
    }
    await staff.reload();
    await expect(staff.getByRole('heading', { name: 'Cancel on the organization’s behalf' })).toBeVisible();
    await waitForHydration(staff);
    await expect(staff.getByText(`everything paid (${paidText}) is refunded whatever the deadline`)).toBeVisible();
    // Without the confirmation: a field error, and the reason typed stays.
    await staff.getByLabel('Reason told to the registrant').fill(reason);
    await staff.getByRole('button', { name: 'Cancel this registration' }).click();
    await expect(staff.getByText('Tick the box to confirm the cancellation.')).toBeVisible();
    await expect(staff.getByLabel('Reason told to the registrant')).toHaveValue(reason);
    await expectAccessible(staff);
    await staff.getByLabel(/^I cancel the registration of/).check();
    await staff.getByRole('button', { name: 'Cancel this registration' }).click();
    await expect(staff.getByText('The registration was cancelled; the registrant was emailed and the refund is in the tracker.')).toBeVisible();
    await expect(staff.getByRole('heading', { name: 'Cancellation on file' })).toBeVisible();
    await expect(staff.getByText(reason)).toBeVisible();
    await expect(staff.getByText('Registration cancelled by the organizer: everything paid is refunded')).toBeVisible();
    await expectAccessible(staff);
    await staff.goto('/o/abs/admin/refunds');
    const row = staff.getByRole('row').filter({ hasText: name });
    await expect(row).toContainText(paidText);
    await expect(row).toContainText('Cancelled by the organizer');
  });
  const mail = await readMailAsAdmin(page, 'abs', email, /Your registration for .* was cancelled/);
  expect(mail).toContain(`Reason: ${reason}`);
  expect(mail).toContain(`Everything you paid, ${paidText}, will be refunded by`);
  await page.goto('/o/abs/registrations');
  await expect(page.getByText(new RegExp(`Refund of \\${paidText} due by`))).toBeVisible();
  // The cancellation page says the organization ended it, with the reason — not "your cancellation was received".
  const statement = await page.getByRole('link', { name: /^Statement and receipts for / }).first().getAttribute('href');
  await page.goto(statement!.replace(/\/statement$/, '/cancel'));
  await expect(page.getByRole('heading', { level: 1, name: 'Your registration was cancelled' })).toBeVisible();
  await expect(page.getByText(`Reason: ${reason}`)).toBeVisible();
  await expectAccessible(page);
});
