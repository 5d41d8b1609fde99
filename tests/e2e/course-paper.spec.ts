// Issue 18, the paper for a course, in the browser: the director downloads the Spokane 2025
// course's name badges and a sign-in sheet by small group; the badges PDF, read back with a
// real parser, has every accepted or confirmed participant's name. axe on the page.
import fs from 'node:fs';
import { and, eq, inArray } from 'drizzle-orm';
import { courses } from '../../db/schema/courses.ts';
import { registrations } from '../../db/schema/registration.ts';
import { pdfText } from '../../lib/pdf/pdf-text.ts';
import { appDatabase } from './support-db.ts';
import { demoAccount, expect, expectAccessible, signIn, test } from './support.ts';

async function attendingNames(): Promise<string[]> {
  const db = appDatabase();
  try {
    const [course] = await db.db.select().from(courses).where(eq(courses.slug, 'leadership-intensive-2025-spokane'));
    const rows = await db.db
      .select({ name: registrations.name })
      .from(registrations)
      .where(and(eq(registrations.courseId, course!.id), inArray(registrations.status, ['accepted', 'confirmed'])));
    return rows.map((r) => r.name);
  } finally {
    await db.close();
  }
}

test('a director downloads name badges with every accepted participant, and a sign-in sheet by small group', async ({ page }) => {
  const director = demoAccount('abs', 'course_director');
  await signIn(page, 'abs', director.email, director.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.goto('/o/abs/admin/courses');
  await page.getByRole('link', { name: 'Balint Leadership Training Intensive', exact: true }).click();
  await page.getByRole('navigation', { name: /^Pages of / }).getByRole('link', { name: 'Badges and sheets' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Badges, sign-in sheets and lists' })).toBeVisible();
  await expect(page.getByText('for the 40 participants accepted or confirmed today')).toBeVisible();
  await expectAccessible(page);

  const names = await attendingNames();
  expect(names).toHaveLength(40);
  const [badges] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^Download \(PDF\)\s*: Name badges$/ }).click()]);
  expect(badges.suggestedFilename()).toBe('leadership-intensive-2025-spokane-badges.pdf');
  const text = (await pdfText(fs.readFileSync(await badges.path()))).replace(/\s+/g, ' ');
  for (const name of names) expect(text).toContain(name);

  // A sign-in sheet for the first session, a page per small group.
  await page.getByLabel('A page for each small group').check();
  const [sheet] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the sign-in sheet (PDF)' }).click()]);
  expect(sheet.suggestedFilename()).toBe('leadership-intensive-2025-spokane-sign-in.pdf');
  const sheetText = (await pdfText(fs.readFileSync(await sheet.path()))).replace(/\s+/g, ' ');
  for (const group of ['Small group 1', 'Small group 4']) expect(sheetText).toContain(group);
  for (const name of names) expect(sheetText).toContain(name);
});
