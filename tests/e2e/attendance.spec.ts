// A faculty member takes attendance on a phone (390×844) while the venue's network is cut:
// the marks wait on the device, the page says how many, and when the network returns they are
// sent, each stored exactly once. The course, its sessions, groups, faculty account and members
// are made in the app's database (tests/e2e/support-db.ts) with the course-run fixtures, so the
// spec does not depend on the demo's schedule or groups.
import { and, eq } from 'drizzle-orm';
import { organizations } from '../../db/schema/organizations.ts';
import { attendance, attendanceMarks } from '../../db/schema/course-running.ts';
import { assignRole, createVerifiedAccount, randomPassword } from '../../domain/accounts/create-account.server.ts';
import { systemActor } from '../../domain/audit/record-audit.server.ts';
import { createCourseRun, type CourseRun } from '../helpers/course-run-fixtures.ts';
import { appDatabase } from './support-db.ts';
import { demoAccount, expect, expectAccessible, signIn, test, uniqueEmail, waitForHydration } from './support.ts';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

const faculty = { email: uniqueEmail('faculty'), password: randomPassword() };
const participant = { email: uniqueEmail('participant'), password: randomPassword() };
let run: CourseRun;

test.beforeAll(async () => {
  const { db, close } = appDatabase();
  try {
    const [abs] = await db.select().from(organizations).where(eq(organizations.slug, 'abs'));
    const { userId } = await createVerifiedAccount(db, { email: faculty.email, name: 'Frances Faculty', password: faculty.password }, systemActor);
    await assignRole(db, { organizationId: abs!.id, userId, role: 'faculty' }, systemActor);
    const member = await createVerifiedAccount(db, { email: participant.email, name: 'Pat Participant', password: participant.password }, systemActor);
    await assignRole(db, { organizationId: abs!.id, userId: member.userId, role: 'member' }, systemActor);
    run = await createCourseRun(db, {
      organizationId: abs!.id,
      courseOverrides: { status: 'archived', title: 'Attendance journey course' },
      groups: 2,
      membersPerGroup: 5,
      sessions: 2,
      firstSessionAt: new Date(Date.now() - 3600_000),
      facultyUserId: (g) => (g === 0 ? userId : undefined),
      // The first member of group A signs in to read their own record.
      memberUserId: (g, i) => (g === 0 && i === 0 ? member.userId : undefined),
    });
  } finally {
    await close();
  }
});

test('a faculty member marks their group offline on a phone; every mark is stored once when the network returns', async ({ page, context }) => {
  const group = run.groups[0]!;
  const session = run.sessions[0]!;
  await signIn(page, 'abs', faculty.email, faculty.password);
  await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));

  await page.goto('/o/abs/attendance');
  await expect(page.getByRole('heading', { level: 1, name: 'Attendance' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Small group 1' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Attendance: Small group 1');
  await waitForHydration(page);
  // Their own group only.
  const names = await page.locator('.roster-person legend').allTextContents();
  expect(names).toEqual(group.members.map((m) => m.name).sort());
  await expect(page.getByRole('status')).toHaveText('All marks saved');
  // The service worker keeps the page for when the network fails.
  await expect
    .poll(() => page.evaluate(async () => !!(await caches.match(location.href))), { message: 'the page is kept for offline use' })
    .toBe(true);
  await expectAccessible(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  await context.setOffline(true);
  const card = (name: string) => page.locator('.roster-person', { has: page.locator('legend', { hasText: name }) });
  const [a, b, c, d] = group.members;
  await card(a!.name).getByRole('button', { name: `Present: ${a!.name}` }).click();
  await card(b!.name).getByLabel('Late by (minutes)').fill('15');
  await card(b!.name).getByRole('button', { name: `Present: ${b!.name}` }).click();
  await card(c!.name).getByRole('button', { name: `Absent: ${c!.name}` }).click();
  await card(d!.name).getByLabel('Left early by (minutes)').fill('10');
  await card(d!.name).getByRole('button', { name: `Present: ${d!.name}` }).click();
  await expect(page.getByRole('status')).toContainText('4 marks waiting to be sent');
  await expect(card(b!.name).getByTestId('mark-state')).toHaveText('Present, 15 min late');
  await expect(card(b!.name)).toContainText('Waiting to be sent');
  // A second thought while still offline: the later edit wins.
  await card(a!.name).getByLabel('Late by (minutes)').fill('5');
  await card(a!.name).getByRole('button', { name: `Present: ${a!.name}` }).click();
  await expect(page.getByRole('status')).toContainText('5 marks waiting to be sent');
  await expectAccessible(page);
  if (process.env.ATTEND_SHOT) await page.screenshot({ path: '/tmp/attend-390.png' });
  // Still offline, the page opens again from what the service worker kept, with the marks
  // still waiting on the device.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Attendance: Small group 1');
  await waitForHydration(page);
  await expect(page.getByRole('status')).toContainText('5 marks waiting to be sent');
  await expect(card(b!.name).getByTestId('mark-state')).toHaveText('Present, 15 min late');
  await expect(card(a!.name).getByTestId('mark-state')).toHaveText('Present, 5 min late');

  await context.setOffline(false);
  await expect(page.getByRole('status')).toHaveText(/All marks saved/);
  await expect(card(a!.name)).not.toContainText('Waiting to be sent');

  // Each mark stored exactly once; the later edit is the state.
  const { db, close } = appDatabase();
  try {
    const marks = await db.select().from(attendanceMarks).where(eq(attendanceMarks.sessionId, session.id));
    expect(marks).toHaveLength(5);
    expect(new Set(marks.map((m) => m.id)).size).toBe(5);
    const rows = await db.select().from(attendance).where(and(eq(attendance.sessionId, session.id)));
    const state = (id: string) => rows.find((r) => r.registrationId === id);
    expect(rows).toHaveLength(4);
    expect(state(a!.registrationId)).toMatchObject({ status: 'present', lateMinutes: 5, version: 2 });
    expect(state(b!.registrationId)).toMatchObject({ status: 'present', lateMinutes: 15 });
    expect(state(c!.registrationId)).toMatchObject({ status: 'absent' });
    expect(state(d!.registrationId)).toMatchObject({ status: 'present', leftEarlyMinutes: 10 });
  } finally {
    await close();
  }

  // After a reload, the page shows what the server holds.
  await page.reload();
  await expect(card(a!.name).getByTestId('mark-state')).toHaveText('Present, 5 min late');
  await expect(card(c!.name).getByTestId('mark-state')).toHaveText('Absent');
  await expect(card(d!.name).getByTestId('mark-state')).toHaveText('Present, left 10 min early');
  await expect(card(group.members[4]!.name).getByTestId('mark-state')).toHaveText('Not marked');

  // The participant reads their own record, and cannot open the roster.
  const other = await context.browser()!.newContext({ viewport: { width: 390, height: 844 } });
  const own = await other.newPage();
  try {
    await signIn(own, 'abs', participant.email, participant.password);
    await own.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
    await own.goto('/o/abs/attendance');
    await expect(own.getByText('There are no sessions for you to take attendance at.')).toBeVisible();
    await own.getByRole('link', { name: 'My attendance' }).click();
    await expect(own.getByRole('heading', { level: 1 })).toHaveText('My attendance');
    await expect(own.getByTestId('my-status')).toHaveText(['Attendance: Present, 5 min late', 'Attendance: Not marked']);
    await expectAccessible(own);
    const refused = await own.request.get(`/o/abs/attendance/sessions/${session.id}`, { maxRedirects: 0 });
    expect(refused.status()).toBe(403);
  } finally {
    await other.close();
  }
});

// axe-core needs scripts in the page: the same page with scripts on is checked above.
test('staff mark anyone from the everyone view, with JavaScript off too', async ({ browser }) => {
  const director = demoAccount('abs', 'course_director');
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  try {
    await signIn(page, 'abs', director.email, director.password);
    await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
    const session = run.sessions[1]!;
    await page.goto(`/o/abs/attendance/sessions/${session.id}?group=all`);
    const person = run.groups[1]!.members[2]!;
    // Everyone in the course: both groups.
    await expect(page.locator('.roster-person')).toHaveCount(10);
    const card = page.locator('.roster-person', { has: page.locator('legend', { hasText: person.name }) });
    await card.getByLabel('Late by (minutes)').fill('200');
    await card.getByRole('button', { name: `Present: ${person.name}` }).click();
    await expect(page.getByRole('alert')).toContainText('more than the session');
    await expect(page.locator('#field-lateMinutes')).toHaveAttribute('aria-invalid', 'true');
    const again = page.locator('.roster-person', { has: page.locator('legend', { hasText: person.name }) });
    await again.getByRole('button', { name: `Absent: ${person.name}` }).click();
    await expect(page.getByRole('status')).toHaveText(`Saved: ${person.name}`);
    await page.goto(`/o/abs/attendance/sessions/${session.id}?group=${run.groups[1]!.id}`);
    await expect(page.locator('.roster-person')).toHaveCount(5);
    await expect(page.locator('.roster-person', { has: page.locator('legend', { hasText: person.name }) }).getByTestId('mark-state')).toHaveText('Absent');
  } finally {
    await context.close();
  }
});

test('staff generate the rotation; the group’s faculty change a session; the form has no text field', async ({ page, browser }) => {
  const director = demoAccount('abs', 'course_director');
  await signIn(page, 'abs', director.email, director.password);
  await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
  await page.goto(`/o/abs/admin/courses/${run.courseId}/rotation`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Presenting and leading rotation');
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Generate the rotation' }).click();
  await expect(page.getByRole('status')).toHaveText('Rotation generated for 2 groups.');
  await expectAccessible(page);

  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const phone = await context.newPage();
  try {
    await signIn(phone, 'abs', faculty.email, faculty.password);
    await phone.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
    await phone.goto('/o/abs/attendance');
    await phone.getByRole('link', { name: 'Rotation: Group A' }).click();
    await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Rotation: Group A');
    await waitForHydration(phone);
    await expect(phone.getByText('Do not enter case details or anything that identifies a patient — the plan records only who presents.').first()).toBeVisible();
    // Everyone willing presents in turn: two sessions, two different presenters.
    const cards = phone.locator('.rotation > li');
    await expect(cards).toHaveCount(2);
    const group = run.groups[0]!;
    const first = cards.first();
    await first.getByText('Edit this session').click();
    await first.getByLabel('Presents').selectOption({ label: group.members[3]!.name });
    await first.getByLabel('Practises leading (1)').selectOption({ label: group.members[1]!.name });
    await first.getByLabel('Practises leading (2)').selectOption({ label: '— nobody —' });
    await first.getByLabel('Co-leads').selectOption({ label: group.members[0]!.name });
    await expect(phone.locator('textarea, input[type="text"]')).toHaveCount(0);
    await first.getByRole('button', { name: 'Save the session’s turns' }).click();
    await expect(phone.getByRole('status')).toHaveText('Saved.');
    await expect(cards.first()).toContainText('edited by hand');
    await expect(cards.first().locator('dd').first()).toHaveText(group.members[3]!.name);
    await expectAccessible(phone);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  } finally {
    await context.close();
  }
});
