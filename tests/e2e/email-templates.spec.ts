// Email templates and unsubscribing (ADR 0069). The ABS's admin words the acknowledgment of the
// contact form their own way: a placeholder the message does not offer is refused beside the
// field, the preview shows sample values, and the next acknowledgment a visitor gets says the
// new words (read in the admin outbox); a reset brings the default back. The staff notice of
// that inquiry is non-essential: its unsubscribe link works without signing in (the page's
// button, and the mail client's one-click POST), an altered link is refused, and the admin sees
// and changes the preference on their profile page.
import { DEFAULT_INQUIRY_MIN_FILL_SECONDS } from '../../domain/inquiries/fill-time.server.ts';
import { demoAccount, expect, expectAccessible, readMailAsAdmin, signIn, test, uniqueEmail, waitForHydration } from './support.ts';

const MIN_FILL_MS = Number(process.env.INQUIRY_MIN_FILL_SECONDS ?? DEFAULT_INQUIRY_MIN_FILL_SECONDS) * 1000;

test.describe.configure({ mode: 'serial' });

const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const visitor = { name: `Vera Visitor ${stamp}`, email: uniqueEmail('template') };
const TEMPLATE_PAGE = '/o/abs/admin/email-templates/inquiry.acknowledgment';

test('an admin words the acknowledgment their own way; an unknown placeholder is refused beside the field; the next acknowledgment says the new words', async ({ page, browser, baseURL }) => {
  const admin = demoAccount('abs', 'admin');
  await signIn(page, 'abs', admin.email, admin.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  await page.goto('/o/abs/admin/email-templates');
  await expect(page.getByRole('heading', { level: 1, name: 'Email templates' })).toBeVisible();
  // The demo's own evaluation reminder, non-essential; the acknowledgment is essential and default.
  await expect(page.getByRole('row', { name: /Evaluation reminder .*Non-essential .*Your version 1/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /Inquiry received \(to the requester\) .*Essential .*Default/ })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Inquiry received (to the requester)' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Email template: Inquiry received (to the requester)' })).toBeVisible();
  await waitForHydration(page);
  await expect(page.getByRole('row', { name: /\{\{org\}\} The organization’s name American Balint Society/ })).toBeVisible();
  await expectAccessible(page);

  const subject = page.getByLabel('Subject', { exact: true });
  const body = page.getByLabel('Body', { exact: true });
  await subject.fill('Thank you, {{nickname}}');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert')).toContainText('Please correct the highlighted fields.');
  await expect(subject).toHaveAttribute('aria-invalid', 'true');
  await expect(subject).toHaveAccessibleDescription(/Unknown placeholder: \{\{nickname\}\}. This message offers: \{\{org\}\}, \{\{kind\}\}./);
  await expect(subject).toHaveValue('Thank you, {{nickname}}');
  await expectAccessible(page);

  await subject.fill(`Thanks ${stamp} from {{org}}`);
  await body.fill('We have your {{kind}}.\n\nA person reads every message within a week.');
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByTestId('preview-subject')).toHaveText(`Thanks ${stamp} from American Balint Society`);
  await expect(page.getByTestId('preview-html').getByText('We have your question.')).toBeVisible();
  await expect(page.locator('pre.mail').first()).toContainText('A person reads every message within a week.');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toContainText('Saved as version 1. The next message uses it.');
  await expectAccessible(page);

  // A visitor writes in through the contact form, without signing in.
  const visit = await browser.newContext({ baseURL });
  const form = await visit.newPage();
  await form.goto('/o/abs/contact');
  await expect(form.getByRole('heading', { level: 1, name: 'Contact American Balint Society' })).toBeVisible();
  await waitForHydration(form);
  const shownAt = Date.now();
  await form.getByLabel('Your name').fill(visitor.name);
  await form.getByLabel('Email').fill(visitor.email);
  await form.getByLabel('Message').fill('Do you run groups for nurses?');
  await form.waitForTimeout(Math.max(0, shownAt + MIN_FILL_MS + 500 - Date.now()));
  await form.getByRole('button', { name: 'Send' }).click();
  await expect(form.getByText('Thank you — your request was sent')).toBeVisible();
  await visit.close();

  const mail = await readMailAsAdmin(page, 'abs', visitor.email, new RegExp(`Thanks ${stamp} from American Balint Society`));
  expect(mail).toContain('We have your general contact.\n\nA person reads every message within a week.');

  // Back to the default: the page shows the catalog's words again.
  await page.goto(TEMPLATE_PAGE);
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Reset to the default' }).click();
  await expect(page.getByRole('status')).toContainText('Back to the default wording.');
  await expect(page.getByLabel('Subject', { exact: true })).toHaveValue('We received your request — {{org}}');
});

test('the staff notice’s unsubscribe link works without signing in, by button and one-click; an altered link is refused; the profile page shows and changes it', async ({ page, browser, baseURL, request }) => {
  const admin = demoAccount('abs', 'admin');
  await page.goto('/o/abs');
  const notice = await readMailAsAdmin(page, 'abs', admin.email, new RegExp(`New inquiry: General contact from ${visitor.name}`));
  const link = /https?:\/\/\S+\/o\/abs\/unsubscribe\/\S+/.exec(notice)?.[0];
  expect(link, 'the staff notice carries an unsubscribe link').toBeTruthy();
  const path = new URL(link!).pathname;

  const anonymous = await browser.newContext({ baseURL });
  const visitorPage = await anonymous.newPage();
  await visitorPage.goto(path);
  await expect(visitorPage.getByRole('heading', { level: 1, name: 'Unsubscribe from American Balint Society' })).toBeVisible();
  await expect(visitorPage.getByText(`Stop non-essential email from American Balint Society to ${admin.email}`)).toBeVisible();
  await expectAccessible(visitorPage);
  await visitorPage.getByRole('button', { name: 'Unsubscribe' }).click();
  await expect(visitorPage.getByRole('status')).toContainText(`${admin.email} will get no more non-essential email from American Balint Society.`);
  await expectAccessible(visitorPage);

  // An altered link unsubscribes nobody.
  const altered = path.slice(0, -2) + (path.endsWith('AA') ? 'BB' : 'AA');
  await visitorPage.goto(altered);
  await expect(visitorPage.getByRole('alert')).toContainText('This unsubscribe link is not valid.');
  await expect(visitorPage.getByRole('button', { name: 'Unsubscribe' })).toHaveCount(0);
  await anonymous.close();

  // The mail client's one-click POST (RFC 8058): no session, no page, no Origin header.
  const oneClick = await request.post(path, { form: { 'List-Unsubscribe': 'One-Click' }, maxRedirects: 0 });
  expect(oneClick.status()).toBe(200);
  expect((await request.post(altered, { form: { 'List-Unsubscribe': 'One-Click' }, maxRedirects: 0 })).status()).toBe(400);

  // Signed in, the admin sees it on their profile page and changes it back.
  await signIn(page, 'abs', admin.email, admin.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.goto('/o/abs/profile');
  await expect(page.getByRole('heading', { level: 2, name: 'Email preferences' })).toBeVisible();
  await expect(page.getByRole('row', { name: /American Balint Society Unsubscribed/ })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Receive again from American Balint Society' }).click();
  await expect(page.getByRole('status')).toContainText('Your email preferences are saved.');
  await expect(page.getByRole('row', { name: /American Balint Society Receiving/ })).toBeVisible();
  await expectAccessible(page);
});
