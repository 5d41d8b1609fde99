// Issues 18 and 15, messages to the people of a course, in the browser: the director writes to
// the waitlist of the demo's Spokane course — the count follows the filters, an unknown
// placeholder is refused on its field, the preview is one real waitlisted person's message,
// a test goes to the director — sends it, and sees each recipient's status (queued: the demo
// has no mail server, so the outbox holds it). The filters also work as a plain GET form.
// axe on every page that runs scripts.
import { eq } from 'drizzle-orm';
import { courses } from '../../db/schema/courses.ts';
import { appDatabase } from './support-db.ts';
import { demoAccount, expect, expectAccessible, signIn, test, waitForHydration } from './support.ts';

async function spokaneId(): Promise<string> {
  const db = appDatabase();
  try {
    const [course] = await db.db.select().from(courses).where(eq(courses.slug, 'leadership-intensive-2025-spokane'));
    return course!.id;
  } finally {
    await db.close();
  }
}

test('a director writes to the waitlist of a demo course with a preview and sees each recipient’s status', async ({ page }) => {
  const director = demoAccount('abs', 'course_director');
  await signIn(page, 'abs', director.email, director.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  const base = `/o/abs/admin/courses/${await spokaneId()}`;

  await page.goto(`${base}/messages`);
  await expect(page.getByRole('heading', { level: 1, name: 'Messages to the people of the course' })).toBeVisible();
  // The demo's message to the waitlist, and where replies go.
  await expect(page.getByRole('link', { name: 'Spokane is full: you are on the waitlist' })).toBeVisible();
  await expect(page.getByText('Replies go to intensive@abs.example.org.')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Write a message' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Write a message' })).toBeVisible();
  await waitForHydration(page);
  // Ticking a status updates the count (the GET form submits itself).
  await page.getByRole('checkbox', { name: 'On the waitlist' }).check();
  await expect(page.getByTestId('recipient-count')).toHaveText('3 people match.');
  await expect(page).toHaveURL(/status=waitlisted/);
  await page.getByRole('radio', { name: 'Paid in full' }).check();
  await expect(page.getByTestId('recipient-count')).toHaveText('3 people match.');
  await page.getByRole('radio', { name: 'With a balance due' }).check();
  await expect(page.getByTestId('recipient-count')).toHaveText('Nobody matches: choose other filters.');
  await page.getByRole('radio', { name: 'Anyone' }).first().check();
  await expect(page.getByTestId('recipient-count')).toHaveText('3 people match.');
  await expectAccessible(page);

  await page.getByLabel('Subject').fill('News about your place, {{first_name}}');
  await page.getByLabel('Message', { exact: true }).fill('Dear {{first_name}},\n\nA place may free up at {{course_title}}: {{amout_due}}.');
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByText('Unknown placeholder {{amout_due}}.', { exact: false }).first()).toBeVisible();
  await expect(page.getByLabel('Message', { exact: true })).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Message', { exact: true }).fill('Dear {{first_name}},\n\nA place may free up at {{course_title}}. Your registration: {{registration_link}}');
  await page.getByLabel('Preview as').selectOption({ label: 'Rafael Moreno' });
  await page.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByRole('region', { name: 'Preview for Rafael Moreno' });
  await expect(preview).toContainText('Subject: News about your place, Rafael');
  await expect(preview).toContainText('Dear Rafael,');
  await expect(preview).toContainText('/o/abs/registrations');
  await expectAccessible(page);

  await page.getByRole('button', { name: `Send a test to me (${director.email})` }).click();
  await expect(page.getByText(`A test was sent to ${director.email}, marked as a test.`)).toBeVisible();

  await page.getByRole('button', { name: 'Send to 3 people now' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Message: News about your place, {{first_name}}' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Recipients' });
  await expect(table.getByRole('row')).toHaveCount(4);
  for (const name of ['Signe Halvorsen', 'Rafael Moreno', 'Kenji Mori']) await expect(table.getByRole('row', { name: new RegExp(name) })).toBeVisible();
  // The sending job hands each one to the outbox; without a mail server it is held there: queued.
  await expect(async () => {
    await page.reload();
    await expect(page.getByText('Waiting 0 · queued 3 · sent 0 · failed 0 · bounced 0')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 90_000 });
  await expect(table.getByRole('row', { name: /Kenji Mori.*Queued/ })).toBeVisible();
  await expectAccessible(page);

  // The demo's earlier message shows a bounce; the new one is listed with it.
  await page.getByRole('link', { name: 'All messages of the course' }).click();
  await expect(page.getByRole('link', { name: 'News about your place, {{first_name}}' })).toBeVisible();
  await page.getByRole('link', { name: 'Spokane is full: you are on the waitlist' }).click();
  await expect(page.getByText('Waiting 0 · queued 0 · sent 2 · failed 0 · bounced 1')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Recipients' }).getByRole('row', { name: /Kenji Mori.*Bounced/ })).toBeVisible();
});

test('without JavaScript the filters are a plain form with a button, and the count follows', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const director = demoAccount('abs', 'course_director');
  await signIn(page, 'abs', director.email, director.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.goto(`/o/abs/admin/courses/${await spokaneId()}/messages/new`);
  await page.getByRole('checkbox', { name: 'Accepted' }).check();
  await page.getByRole('radio', { name: 'With a balance due' }).check();
  await page.getByRole('button', { name: 'Update the list' }).click();
  // The seed: all but three of Spokane's forty paid in full; those three are accepted and owe.
  await expect(page.getByTestId('recipient-count')).toHaveText('3 people match.');
  // (axe needs scripts: the same page is checked with them in the test above.)
  await context.close();
});
