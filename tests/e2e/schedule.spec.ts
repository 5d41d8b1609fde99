// The schedule in a browser (issue 12): a director builds a course's schedule (a field error
// first, then the session), publishes it; the public course page shows it; a participant with
// a place opens their agenda, makes a private feed address and a calendar client (a plain
// request, no cookie) reads text/calendar with the session; after "stop", the address is 404.
import crypto from 'node:crypto';
import ICAL from 'ical.js';
import type { APIRequestContext, Page } from '@playwright/test';
import { parseCalendar } from '../helpers/ics.ts';
import { demoAccount, expect, expectAccessible, signIn, test, waitForHydration } from './support.ts';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

async function signedIn(page: Page, role: string) {
  const account = demoAccount('abs', role);
  await signIn(page, 'abs', account.email, account.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  return account;
}

async function post(request: APIRequestContext, baseURL: string, url: string, form: Record<string, string>, status: number) {
  const response = await request.post(url, { form, headers: { origin: baseURL }, maxRedirects: 0 });
  expect(response.status(), `POST ${url}`).toBe(status);
  return response;
}

/** A published two-day course with one price and AAFP/APA statements, made through the staff forms as the director. */
async function newCourse(page: Page, baseURL: string, dates = { startsOn: '2099-06-05', endsOn: '2099-06-06' }) {
  const stamp = crypto.randomBytes(3).toString('hex');
  const slug = `schedule-e2e-${stamp}`;
  const created = await post(
    page.request,
    baseURL,
    '/o/abs/admin/courses/new',
    {
      title: `Balint weekend ${stamp}`,
      slug,
      kind: 'balint_weekend',
      ...dates,
      timeZone: 'America/Los_Angeles',
      capacity: '20',
      registrationDeadline: '2099-05-01',
      currency: 'USD',
      section_overview: 'A weekend of Balint groups.',
      requiresApproval: 'on',
    },
    302,
  );
  const courseId = new RegExp(`/admin/courses/(${UUID})/prices`).exec(created.headers()['location'] ?? '')![1]!;
  const base = `/o/abs/admin/courses/${courseId}`;
  await post(page.request, baseURL, `${base}/prices`, { rowCount: '1', 'rows.0.key': 'standard', 'rows.0.label': 'Standard', 'rows.0.regular': '300' }, 200);
  await post(page.request, baseURL, `${base}/edit`, { intent: 'status', status: 'published' }, 200);
  return { courseId, slug, base, title: `Balint weekend ${stamp}` };
}

test('a director schedules a session (after a field error) and publishes; the course page shows it; a participant subscribes to their agenda', async ({ page, browser, baseURL, request }) => {
  await signedIn(page, 'course_director');
  const course = await newCourse(page, baseURL!);

  // The schedule page, from the course's navigation.
  await page.goto(course.base);
  await page.getByRole('navigation', { name: new RegExp(course.title) }).getByRole('link', { name: 'Schedule' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Schedule' })).toBeVisible();
  await expect(page.getByText('Not published: only staff see this schedule.')).toBeVisible();
  await waitForHydration(page);
  await expectAccessible(page);

  const form = page.getByRole('form', { name: 'Add a session' });
  await form.getByLabel('Kind').selectOption({ label: 'Small group' });
  await form.getByLabel('Title').fill('Experiential small group 1');
  await form.getByLabel('Day').fill('2099-06-05');
  await form.getByLabel('Starts at').fill('10:30');
  await form.getByLabel('Ends at').fill('09:00');
  await form.getByLabel('Room').fill('Cedar Room');
  await form.getByRole('button', { name: 'Add the session' }).click();
  await expect(page.getByRole('alert')).toContainText('Please correct the highlighted fields.');
  await expect(form.getByLabel('Ends at')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('The end must be after the start.')).toBeVisible();
  await expectAccessible(page);

  await form.getByLabel('Ends at').fill('12:00');
  await form.getByRole('button', { name: 'Add the session' }).click();
  await expect(page.getByRole('status').filter({ hasText: '"Experiential small group 1" was added.' })).toBeVisible();
  const day = page.getByRole('table', { name: 'Friday, June 5, 2099' });
  await expect(day.getByRole('row', { name: /Experiential small group 1/ })).toContainText('10:30–12:00');

  // A second session overlapping the first is refused, naming it.
  await form.getByLabel('Kind').selectOption({ label: 'Break' });
  await form.getByLabel('Title').fill('Coffee');
  await form.getByLabel('Day').fill('2099-06-05');
  await form.getByLabel('Starts at').fill('11:45');
  await form.getByLabel('Ends at').fill('12:15');
  await form.getByRole('button', { name: 'Add the session' }).click();
  await expect(form.getByText('This time overlaps "Experiential small group 1" (10:30–12:00).')).toBeVisible();

  await page.getByRole('button', { name: 'Publish the schedule' }).click();
  await expect(page.getByText('Published: the course page and the calendar feeds show the public sessions.')).toBeVisible();
  await expectAccessible(page);

  // The public course page, signed out.
  const visitor = await browser.newContext({ baseURL });
  const publicPage = await visitor.newPage();
  await publicPage.goto(`/o/abs/courses/${course.slug}`);
  const schedule = publicPage.getByRole('region', { name: 'Schedule' });
  await expect(schedule.getByRole('heading', { level: 3, name: 'Friday, June 5, 2099' })).toBeVisible();
  await expect(schedule.getByRole('row', { name: /Experiential small group 1/ })).toContainText('10:30–12:00');
  await expect(schedule.getByRole('row', { name: /Experiential small group 1/ })).toContainText('Cedar Room');
  await expect(schedule).toContainText('Times are in America/Los_Angeles.');
  await expectAccessible(publicPage);
  const courseFeed = await publicPage.request.get(`/o/abs/courses/${course.slug}/schedule.ics`);
  expect(courseFeed.status()).toBe(200);
  expect(courseFeed.headers()['content-type']).toContain('text/calendar');
  await visitor.close();

  // The demo member applies (the JSON API, signed in) and the director accepts.
  const participant = await browser.newContext({ baseURL });
  const memberPage = await participant.newPage();
  const member = await signedIn(memberPage, 'member');
  const applied = await memberPage.request.post(`/api/v1/organizations/abs/courses/${course.slug}/applications`, {
    headers: { 'idempotency-key': crypto.randomUUID() },
    data: { name: 'Demo Member', email: member.email, categoryKey: 'standard', answers: { discipline: 'Family physician', clinicallyActive: true, commitsToAttendAll: true, understandsNotTherapy: true } },
  });
  expect(applied.status()).toBe(201);
  const { id: registrationId, status } = (await applied.json()) as { id: string; status: string };
  expect(status).toBe('submitted');
  await post(page.request, baseURL!, `${course.base}/applications/${registrationId}`, { intent: 'decide', decision: 'accept', message: '' }, 200);

  // "My registrations" links to the agenda.
  await memberPage.goto('/o/abs/registrations');
  await memberPage.getByRole('link', { name: `My agenda for ${course.title}` }).click();
  await expect(memberPage.getByRole('heading', { level: 1, name: `My agenda: ${course.title}` })).toBeVisible();
  const agendaDay = memberPage.getByRole('table', { name: 'Friday, June 5, 2099' });
  await expect(agendaDay.getByRole('row', { name: /Experiential small group 1/ })).toContainText('Small group to be announced.');
  await waitForHydration(memberPage);
  await expectAccessible(memberPage);

  await memberPage.getByRole('button', { name: 'Make a feed address' }).click();
  await expect(memberPage.getByRole('status').filter({ hasText: 'Your feed address is ready.' })).toBeVisible();
  const feedUrl = await memberPage.getByLabel('Feed address (copy it into your calendar)').inputValue();
  expect(feedUrl).toMatch(new RegExp(`^${baseURL}/o/abs/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
  await expect(memberPage.getByRole('link', { name: 'Subscribe in my calendar app' })).toHaveAttribute('href', feedUrl.replace(/^https?:/, 'webcal:'));
  await expect(memberPage.getByRole('button', { name: 'Copy the address' })).toBeVisible();
  await expectAccessible(memberPage);

  // A calendar client: no cookie, only the address.
  const feed = await request.get(feedUrl);
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toContain('text/calendar');
  const calendar = parseCalendar(await feed.text());
  ICAL.TimezoneService.reset();
  expect(calendar.method).toBe('PUBLISH');
  expect(calendar.zones).toEqual(['America/Los_Angeles']);
  expect(calendar.events).toHaveLength(1);
  expect(calendar.events[0]).toMatchObject({ summary: 'Experiential small group 1', tzid: 'America/Los_Angeles', sequence: 0 });
  expect(calendar.events[0]!.start.toISOString()).toBe('2099-06-05T17:30:00.000Z');
  expect(calendar.events[0]!.description).toContain('Small group to be announced.');

  // The one-off download while signed in.
  const download = await memberPage.request.get(`/o/abs/courses/${course.slug}/agenda.ics`);
  expect(download.headers()['content-type']).toContain('text/calendar');
  expect(await download.text()).toContain('SUMMARY:Experiential small group 1');

  // Stopping the address: the same URL is now a plain 404.
  await memberPage.getByRole('button', { name: 'Stop my feed address' }).click();
  await expect(memberPage.getByRole('status').filter({ hasText: 'Your feed address no longer works.' })).toBeVisible();
  const gone = await request.get(feedUrl);
  expect(gone.status()).toBe(404);
  expect(await gone.text()).not.toContain('Experiential');
  await participant.close();
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('a time the clocks skip on the daylight-saving night is refused on its field by the server; what was typed stays; nothing is saved', async ({ page, baseURL }) => {
    await signedIn(page, 'course_director');
    // 2099-03-08 is the second Sunday of March: Pacific clocks go from 02:00 to 03:00.
    const course = await newCourse(page, baseURL!, { startsOn: '2099-03-07', endsOn: '2099-03-08' });
    await page.goto(`${course.base}/schedule`);
    const form = page.getByRole('form', { name: 'Add a session' });
    await form.getByLabel('Kind').selectOption({ label: 'Faculty panel' });
    await form.getByLabel('Title').fill('Night panel');
    await form.getByLabel('Day').fill('2099-03-08');
    await form.getByLabel('Starts at').fill('02:30');
    await form.getByLabel('Ends at').fill('04:00');
    await form.getByRole('button', { name: 'Add the session' }).click();
    await expect(page.getByRole('alert')).toContainText('Please correct the highlighted fields.');
    await expect(page.getByRole('link', { name: 'Starts at' })).toBeVisible();
    await expect(form.getByText('The clocks skip this time that day (daylight saving time): choose another.')).toBeVisible();
    await expect(form.getByLabel('Title')).toHaveValue('Night panel');
    await expect(form.getByLabel('Ends at')).toHaveValue('04:00');
    await expect(page.getByText('No sessions yet.')).toBeVisible();
    // (axe runs in the page's JavaScript, so it checks this page in the test above, scripts on.)

    // 03:30 exists: saved, shown in local time.
    await form.getByLabel('Starts at').fill('03:30');
    await form.getByRole('button', { name: 'Add the session' }).click();
    await expect(page.getByRole('table', { name: 'Sunday, March 8, 2099' }).getByRole('row', { name: /Night panel/ })).toContainText('03:30–04:00');
  });
});
