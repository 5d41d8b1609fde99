// CE credit and certificates in the browser (issue 13): on a course that was run (its sessions
// and attendance written with SQL, as no page makes them yet), the director sets how each body
// grants credit and uploads a signature; the demo member completes the evaluation (after a
// field error); the director issues certificates; the member downloads theirs; a visitor
// verifies it by its code; the director revokes it and the visitor sees it revoked. axe on
// every page.
import fs from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { pdfText } from '../../lib/pdf/pdf-text.ts';
import { signaturePng } from '../helpers/png.ts';
import { addEvaluationAnswers, createRunCourse, type RunCourse } from './support-data.ts';
import { demoAccount, expect, expectAccessible, signIn, test, waitForHydration } from './support.ts';

test.describe.configure({ mode: 'serial' });

const PNG = signaturePng();

let course: RunCourse;
let code = '';
const member = () => demoAccount('abs', 'member');
const director = () => demoAccount('abs', 'course_director');
const creditPage = () => `/o/abs/admin/courses/${course.courseId}/credit`;

test.beforeAll(async () => {
  course = await createRunCourse(member(), `${Date.now()}`);
});

async function signedIn(browser: Browser, baseURL: string, who: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, 'abs', who.email, who.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  return page;
}

test('the director sets each body\'s credit policy and the signature; credit shows from attendance', async ({ page }) => {
  await signIn(page, 'abs', director().email, director().password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.goto(creditPage());
  await expect(page.getByRole('heading', { level: 1, name: 'Credit & certificates' })).toBeVisible();
  await waitForHydration(page);
  await expectAccessible(page);

  // The seed's statements: AAFP, the AMA/AAFP equivalency (not a body of its own), APA.
  const aafp = page.getByRole('group', { name: 'AAFP', exact: true });
  const equivalency = page.getByRole('group', { name: 'AMA/AAFP', exact: true });
  const apa = page.getByRole('group', { name: 'APA', exact: true });
  await equivalency.getByLabel('AMA/AAFP grants credit for this course').uncheck();
  await aafp.getByLabel('Maximum credit').fill('19.255');
  await apa.getByLabel('Rule').selectOption('full_attendance');
  await page.getByRole('button', { name: 'Save credit policies' }).click();
  const summary = page.locator('[data-error-summary]');
  await expect(summary.getByRole('link', { name: 'AAFP: Maximum credit' })).toBeVisible();
  await expect(aafp.getByText('Enter a number of credits such as 19.25')).toBeVisible();
  await expectAccessible(page);
  await aafp.getByLabel('Maximum credit').fill('19.25');
  await page.getByRole('button', { name: 'Save credit policies' }).click();
  await expect(page.getByText('Credit policies saved.')).toBeVisible();

  // The signature: a file that is not an image is refused on its field; a PNG is kept.
  await page.getByLabel('Signer’s name').fill('Dr. Demo Director');
  await page.getByLabel('Signer’s title').fill('Course Director');
  await page.getByLabel('Signature image').setInputFiles({ name: 'signature.png', mimeType: 'image/png', buffer: Buffer.from('this is not a PNG') });
  await page.getByRole('button', { name: 'Save signature' }).click();
  await expect(page.locator('[data-error-summary]').getByRole('link', { name: 'Signature image' })).toBeVisible();
  await page.getByLabel('Signature image').setInputFiles({ name: 'signature.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: 'Save signature' }).click();
  await expect(page.getByText('Signature saved.')).toBeVisible();
  await expect(page.getByText(/Signed by Dr\. Demo Director/)).toBeVisible();

  // 180 credit minutes attended of 180 (the lunch carries none): 3 credits each, APA waits for the evaluation.
  const credit = page.getByRole('table', { name: 'Each participant’s credit per accrediting body' });
  const apaRow = credit.getByRole('row').filter({ hasText: 'Morgan Member' }).filter({ hasText: 'APA' });
  await expect(apaRow).toContainText('3 credits');
  await expect(apaRow).toContainText('Waiting for the evaluation');
  await expect(credit.getByRole('row').filter({ hasText: 'AMA/AAFP' })).toHaveCount(0);
  await expectAccessible(page);
});

test('the member completes the evaluation: an unanswered question first, then all', async ({ page }) => {
  await signIn(page, 'abs', member().email, member().password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.goto('/o/abs/registrations');
  await page.getByRole('link', { name: `Complete the evaluation of ${course.title}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Course evaluation' })).toBeVisible();
  await waitForHydration(page);
  await expectAccessible(page);

  const groups = page.locator('fieldset.radio-group');
  const count = await groups.count();
  expect(count).toBeGreaterThan(4);
  for (let i = 1; i < count; i++) await groups.nth(i).getByLabel('5 — strongly agree').check();
  await page.getByLabel(/^Other comments/).fill('The panel on co-leading was the most useful part.');
  await page.getByRole('button', { name: 'Send the evaluation' }).click();
  const summary = page.locator('[data-error-summary]');
  await expect(summary).toBeVisible();
  const first = (await groups.nth(0).locator('legend').innerText()).trim();
  await expect(summary.getByRole('link', { name: first })).toBeVisible();
  await expectAccessible(page);
  await summary.getByRole('link', { name: first }).click();
  await groups.nth(0).getByLabel('4', { exact: true }).check();
  await page.getByRole('button', { name: 'Send the evaluation' }).click();
  await expect(page.getByText('Thank you: your evaluation was received.')).toBeVisible();
  await expectAccessible(page);
});

test('the director issues certificates and sees the evaluation results once five answered', async ({ page }) => {
  await signIn(page, 'abs', director().email, director().password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.goto(creditPage());
  await waitForHydration(page);
  await expect(page.getByText('1 of 1 participants completed the evaluation.')).toBeVisible();
  await page.getByRole('button', { name: 'Issue certificates' }).click();
  const outcome = page.getByRole('status').filter({ hasText: 'Certificates issued' });
  await expect(outcome).toContainText('2 certificates issued');
  await expect(outcome).toContainText('0 reissued after a correction');
  const issued = page.getByRole('table', { name: 'Certificates of this course' });
  await expect(issued.getByRole('row').filter({ hasText: 'APA' })).toContainText('Valid');
  await expectAccessible(page);

  // Results stay hidden below five answers; four others answer (anonymously, as stored).
  await page.goto(`/o/abs/admin/courses/${course.courseId}/evaluation`);
  await expect(page.getByText('Results are shown once at least 5 people have answered')).toBeVisible();
  await expectAccessible(page);
  await addEvaluationAnswers(course.courseId, [4, 5, 3, 5].map((n) => ({ met_objectives: n, comments: `Answer ${n}` })));
  await page.reload();
  const distribution = page.getByRole('table', { name: 'Answers to: The activity met its stated objectives.' });
  await expect(distribution.getByRole('row', { name: /^5 — strongly agree/ })).toContainText('3');
  await expect(page.getByText('Answer 3')).toBeVisible();
  await expectAccessible(page);
  const csv = await page.request.get(`/o/abs/admin/courses/${course.courseId}/evaluation.csv`);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(await csv.text()).toContain('The activity met its stated objectives.,scale,5,');
});

test('the member downloads the certificate; a visitor verifies it; revoked, it says so', async ({ page, browser, baseURL }) => {
  await signIn(page, 'abs', member().email, member().password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.getByRole('link', { name: 'Certificates', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your certificates and transcript' })).toBeVisible();
  await expectAccessible(page);
  const row = page.getByRole('row').filter({ hasText: course.title });
  const apaLink = row.getByRole('link', { name: `Download PDF of the certificate APA: 3 credits, ${course.title}` });
  const href = (await apaLink.getAttribute('href'))!;
  const [download] = await Promise.all([page.waitForEvent('download'), apaLink.click()]);
  const text = await pdfText(fs.readFileSync((await download.path())!));
  const response = await page.request.get(href);
  expect(response.headers()['content-type']).toBe('application/pdf');
  expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="certificate-apa-.+\.pdf"$/);
  expect(text).toContain('Morgan Member');
  expect(text).toContain('3 credits (APA)');
  code = /Verify (\S+)/.exec((await row.getByRole('listitem').filter({ hasText: 'APA:' }).getByRole('link', { name: /^Verify / }).innerText()).trim())![1]!;
  expect(text).toContain(code);
  const transcript = await page.request.get('/o/abs/certificates/transcript.pdf');
  expect(transcript.headers()['content-type']).toBe('application/pdf');
  expect(await pdfText(await transcript.body())).toContain(course.title);

  // A visitor, signed out, types the code (a typo first).
  const visitorContext = await browser.newContext({ baseURL });
  const visitor = await visitorContext.newPage();
  await visitor.goto('/verify');
  await expect(visitor.getByRole('heading', { level: 1, name: 'Verify a certificate' })).toBeVisible();
  await expectAccessible(visitor);
  const typo = code.slice(0, -1) + (code.endsWith('0') ? '1' : '0');
  await visitor.getByLabel('Verification code').fill(typo);
  await visitor.getByRole('button', { name: 'Verify' }).click();
  await expect(visitor.getByText('Check the code — a character may be mistyped.')).toBeVisible();
  await expectAccessible(visitor);
  await visitor.getByLabel('Verification code').fill(code.toLowerCase().replaceAll('-', ' '));
  await visitor.getByRole('button', { name: 'Verify' }).click();
  await expect(visitor.getByText('Valid: this certificate was issued and stands.')).toBeVisible();
  await expect(visitor.getByText('Morgan Member')).toBeVisible();
  await expect(visitor.getByText(course.title)).toBeVisible();
  await expectAccessible(visitor);

  // The director revokes it (a reason is required).
  const staff = await signedIn(browser, baseURL!, director());
  await staff.goto(creditPage());
  await waitForHydration(staff);
  const certificateRow = staff.getByRole('table', { name: 'Certificates of this course' }).getByRole('row').filter({ hasText: code });
  await certificateRow.getByText('Revoke the certificate of Morgan Member (APA)').click();
  await certificateRow.getByRole('button', { name: 'Revoke' }).click();
  await expect(staff.locator('[data-error-summary]').getByRole('link', { name: 'Reason for revoking' })).toBeVisible();
  await expectAccessible(staff);
  await staff.getByRole('table', { name: 'Certificates of this course' }).getByRole('row').filter({ hasText: code }).getByLabel('Reason for revoking').fill('Issued in error: attendance under review.');
  await staff.getByRole('table', { name: 'Certificates of this course' }).getByRole('row').filter({ hasText: code }).getByRole('button', { name: 'Revoke' }).click();
  await expect(staff.getByText('Certificate revoked.')).toBeVisible();
  await expect(staff.getByRole('table', { name: 'Certificates of this course' }).getByRole('row').filter({ hasText: code })).toContainText('Revoked');
  await staff.context().close();

  await visitor.reload();
  await expect(visitor.getByText(/^Revoked on .+: this certificate is no longer valid\.$/)).toBeVisible();
  await expect(visitor.getByText('Reason: Issued in error: attendance under review.')).toBeVisible();
  await expectAccessible(visitor);
  await visitorContext.close();
});

test('a correction of attendance reissues the affected certificate; the old code verifies as superseded', async ({ page, browser, baseURL }) => {
  await signIn(page, 'abs', director().email, director().password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.goto(creditPage());
  const issued = page.getByRole('table', { name: 'Certificates of this course' });
  const aafpRow = issued.getByRole('row').filter({ hasText: 'AAFP' }).filter({ hasText: 'Valid' });
  const oldCode = (await aafpRow.locator('code').innerText()).trim();
  await expect(aafpRow).toContainText('3 credits');

  // Thirty minutes late to the first small group after all, corrected on the attendance page
  // as staff would (scripts off: the plain form). AAFP credit falls to 2.5 (commensurate,
  // quarter hours) and the certificate is reissued at once, with no other click.
  const staffContext = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const staff = await staffContext.newPage();
  await signIn(staff, 'abs', director().email, director().password);
  await staff.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
  await staff.goto(`/o/abs/attendance/sessions/${course.sessionIds[0]}?group=all`);
  const name = 'Morgan Member';
  const card = staff.locator('.roster-person', { has: staff.locator('legend', { hasText: name }) });
  await card.getByLabel('Late by (minutes)').fill('30');
  await card.getByRole('button', { name: `Present: ${name}` }).click();
  await expect(staff.getByRole('status')).toHaveText(`Saved: ${name}`);
  await staffContext.close();
  await page.reload();
  await waitForHydration(page);
  await expect(issued.getByRole('row').filter({ hasText: 'AAFP' }).filter({ hasText: 'Valid' })).toContainText('2.5 credits');
  await expect(issued.getByRole('row').filter({ hasText: oldCode })).toContainText('Superseded');
  await expectAccessible(page);

  const visitorContext = await browser.newContext({ baseURL });
  const visitor = await visitorContext.newPage();
  await visitor.goto(`/verify/${oldCode}`);
  await expect(visitor.getByText(/^Superseded on .+: a corrected certificate replaced this one\.$/)).toBeVisible();
  await expectAccessible(visitor);
  await visitorContext.close();
});

test('the course’s faculty read its evaluation results (totals only); a member is refused', async ({ page, browser, baseURL }) => {
  // The demo faculty account leads a small group of the past Spokane course, whose evaluation most completed.
  const faculty = demoAccount('abs', 'faculty');
  await signIn(page, 'abs', faculty.email, faculty.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.goto('/o/abs/attendance');
  await page.getByRole('link', { name: 'Evaluation results' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Evaluation results');
  await expect(page.getByText(/answers are anonymous/)).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'The activity met its stated objectives.' })).toBeVisible();
  await expect(page.getByRole('table', { name: /The activity met its stated objectives/ })).toBeVisible();
  await expectAccessible(page);
  const resultsPath = new URL(page.url()).pathname;

  const memberContext = await browser.newContext({ baseURL });
  const memberPage = await memberContext.newPage();
  await signIn(memberPage, 'abs', member().email, member().password);
  await expect(memberPage.getByRole('button', { name: 'Sign out' })).toBeVisible();
  const refused = await memberPage.request.get(resultsPath);
  expect(refused.status()).toBe(403);
  await memberContext.close();
});
