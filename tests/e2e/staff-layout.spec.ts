// Every staff page on a phone (390×844) and a laptop (1280×800): a wide table scrolls inside
// its own wrapper, never the page, and on a laptop no table hides a column; axe on each page.
// The pages are visited with real rows in their tables — a registrant with a long name and
// email address who paid and whose registration the organizer cancelled, so the refund
// tracker, the ledger and the applications list all have a row — as the admin, and as the
// director and the treasurer where their pages differ. Also: what the dashboard and the
// applications CSV show to whom (issue 10).
import { type Browser, type Page } from '@playwright/test';
import { demoAccount, expect, expectAccessible, openApplicationForm, signIn, submitIntensiveApplication, test, uniqueEmail, waitForHydration } from './support.ts';

test.describe.configure({ mode: 'serial' });

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };
const stamp = Date.now().toString(36);
// Long, unbroken words are what push a table past a phone's width.
const registrant = { name: `Maximiliana Wolfeschlegelsteinhausen-Bergerdorff ${stamp}`, email: uniqueEmail('maximiliana.wolfeschlegelsteinhausen') };

let courseBase = ''; // /o/abs/admin/courses/<id> of the upcoming intensive
let applicationUrl = ''; // …/applications/<id> of the registrant

async function staffPage(browser: Browser, baseURL: string, role: string, viewport = PHONE): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport });
  const page = await context.newPage();
  const account = demoAccount('abs', role);
  await signIn(page, 'abs', account.email, account.password);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  return page;
}

/** What overflows: the page's width, and every table wrapper whose table is wider than it. */
async function measure(page: Page) {
  return page.evaluate(() => ({
    pageWidth: document.documentElement.scrollWidth,
    clippedTables: Array.from(document.querySelectorAll('table'))
      .map((table) => {
        const box = (table.closest('.table-wrap') ?? table.parentElement)!;
        const headers = Array.from(table.querySelectorAll('thead th')).map((th) => th.textContent?.trim() ?? '');
        return { table: table.querySelector('caption')?.textContent?.trim() || headers.join(' | '), overflow: box.scrollWidth - box.clientWidth };
      })
      .filter((t) => t.overflow > 1)
      .map((t) => `${t.table} (${t.overflow}px hidden)`),
  }));
}

/** Visits each page at 390 px (no page overflow, axe) and at 1280 px (no page overflow, no clipped column). */
async function checkPages(phone: Page, laptop: Page, paths: string[]) {
  for (const path of paths) {
    const response = await phone.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(phone.getByRole('heading', { level: 1 })).toBeVisible();
    const small = await measure(phone);
    expect(small.pageWidth, `${path} at 390 px: the page scrolls sideways`).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(phone);

    await laptop.goto(path);
    await expect(laptop.getByRole('heading', { level: 1 })).toBeVisible();
    const large = await measure(laptop);
    expect(large.pageWidth, `${path} at 1280 px: the page scrolls sideways`).toBeLessThanOrEqual(LAPTOP.width);
    expect(large.clippedTables, `${path} at 1280 px: columns out of sight`).toEqual([]);
  }
}

test('setup: a registrant with a long name applies, pays by check, and the organizer cancels', async ({ page, baseURL }) => {
  // A visitor applies to the upcoming intensive.
  await page.goto('/o/abs');
  await page.getByRole('region', { name: 'Upcoming courses' }).getByRole('link').first().click();
  await openApplicationForm(page);
  await submitIntensiveApplication(page, registrant);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/received|check your email|waitlist/i);

  const director = await staffPage(page.context().browser()!, baseURL!, 'course_director', LAPTOP);
  try {
    await director.goto('/o/abs/admin/courses');
    await director.getByRole('link', { name: /Portland/ }).first().click();
    await director.waitForURL(/\/admin\/courses\/[0-9a-f-]{36}$/);
    courseBase = new URL(director.url()).pathname;
    await director.goto(`${courseBase}/applications`);
    await director.getByRole('link', { name: registrant.name }).click();
    await director.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    applicationUrl = new URL(director.url()).pathname;

    // A check for the fee, recorded on the account page.
    await director.goto(`${applicationUrl}/account`);
    await expect(director.getByRole('button', { name: 'Record payment' })).toBeEnabled();
    await waitForHydration(director);
    await director.getByLabel(/^Amount/).fill('900');
    await director.getByLabel('Reference').fill('check 2024');
    await director.getByRole('button', { name: 'Record payment' }).click();
    await expect(director.getByText(/Payment of \$[\d,]+ recorded/)).toBeVisible();

    // The organizer cancels: everything paid is due back, so the tracker has a row.
    await director.goto(`${applicationUrl}/cancel`);
    await expect(director.getByRole('button', { name: 'Cancel this registration' })).toBeEnabled();
    await waitForHydration(director);
    await director.getByLabel('Reason told to the registrant').fill('The course is over capacity for this discipline.');
    await director.getByLabel(/I cancel the registration of/).check();
    await director.getByRole('button', { name: 'Cancel this registration' }).click();
    await expect(director.getByText(/The registration was cancelled/)).toBeVisible();
  } finally {
    await director.context().close();
  }
});

test('every admin page fits a phone and shows every column on a laptop', async ({ browser, baseURL }) => {
  // 31 pages, each at two widths with axe.
  // Up to 205 s under load; the budget is about twice that (playwright.config.ts).
  test.setTimeout(420_000);
  const phone = await staffPage(browser, baseURL!, 'admin', PHONE);
  const laptop = await staffPage(browser, baseURL!, 'admin', LAPTOP);
  try {
    // One outbox message, for its page.
    await laptop.goto('/o/abs/admin/outbox');
    const message = await laptop.locator('a[href*="/admin/outbox/"]').first().getAttribute('href');
    const admin = '/o/abs/admin';
    await checkPages(phone, laptop, [
      admin,
      `${admin}/courses`,
      `${admin}/courses/new`,
      courseBase,
      `${courseBase}/edit`,
      `${courseBase}/prices`,
      `${courseBase}/questions`,
      `${courseBase}/discount-codes`,
      `${courseBase}/applications`,
      `${courseBase}/applications?status=cancelled`,
      applicationUrl,
      `${applicationUrl}/account`,
      `${applicationUrl}/cancel`,
      `${courseBase}/money`,
      `${courseBase}/credit`,
      `${courseBase}/evaluation`,
      `${courseBase}/cancel-course`,
      `${admin}/memberships`,
      `${admin}/memberships/import`,
      `${admin}/refunds`,
      `${admin}/refunds?view=all`,
      `${admin}/financial-aid`,
      `${admin}/financial-aid/report`,
      `${admin}/money`,
      `${admin}/money/invoices`,
      `${admin}/money/settings`,
      `${admin}/money/reconcile`,
      `${admin}/people`,
      `${admin}/outbox`,
      ...(message ? [message] : []),
      `${admin}/audit`,
    ]);
  } finally {
    await phone.context().close();
    await laptop.context().close();
  }
});

test('the director’s and the treasurer’s pages fit a phone too', async ({ browser, baseURL }) => {
  // 13 pages, each at two widths with axe.
  // Up to 120 s under load; the budget is about twice that (playwright.config.ts).
  test.setTimeout(240_000);
  for (const role of ['course_director', 'treasurer']) {
    const phone = await staffPage(browser, baseURL!, role, PHONE);
    const laptop = await staffPage(browser, baseURL!, role, LAPTOP);
    try {
      const admin = '/o/abs/admin';
      await checkPages(
        phone,
        laptop,
        role === 'treasurer'
          ? [admin, `${admin}/refunds?view=all`, `${admin}/money`, `${admin}/money/invoices`, `${admin}/money/reconcile`, `${applicationUrl}/account`]
          : [admin, `${admin}/courses`, courseBase, `${courseBase}/applications`, applicationUrl, `${admin}/refunds?view=all`, `${admin}/financial-aid`],
      );
    } finally {
      await phone.context().close();
      await laptop.context().close();
    }
  }
});

test('the dashboard shows waiting and undelivered mail only to those who can open the outbox, as links to its views', async ({ browser, baseURL }) => {
  const director = await staffPage(browser, baseURL!, 'course_director', LAPTOP);
  try {
    await director.goto('/o/abs/admin');
    await expect(director.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(director.getByText('Messages waiting')).toHaveCount(0);
    expect((await director.goto('/o/abs/admin/outbox'))?.status()).toBe(403);
  } finally {
    await director.context().close();
  }
  const admin = await staffPage(browser, baseURL!, 'admin', LAPTOP);
  try {
    await admin.goto('/o/abs/admin');
    await expect(admin.getByRole('link', { name: 'Not delivered in the last 30 days' })).toBeVisible();
    await admin.getByRole('link', { name: 'Messages waiting' }).click();
    await expect(admin).toHaveURL(/\/o\/abs\/admin\/outbox\?view=waiting$/);
    await expect(admin.getByLabel('Status')).toHaveValue('waiting');
    await expect(admin.getByRole('row')).not.toHaveCount(0);
    // Every listed message is waiting (so the demo's bounced message is not among them).
    const statuses = await admin.getByRole('row').locator('td:nth-child(4)').allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    for (const cell of statuses) expect(cell).toMatch(/^(Pending|Held \(no SMTP\))$/);
    // The director's waitlist message to Kenji Mori bounced (demo): the undelivered view finds
    // it, and the message shows the mail server's reply.
    await admin.getByLabel('Status').selectOption({ label: 'Not delivered (bounced or failed)' });
    await admin.getByRole('button', { name: 'Filter' }).click();
    await expect(admin).toHaveURL(/view=undelivered/);
    // Other tests may queue more mail to him; the bounced one is the demo's.
    const bounced = admin.getByRole('row').filter({ hasText: 'k.mori@mail.invalid' }).filter({ has: admin.getByRole('cell', { name: /^Bounced/ }) }).first();
    await expect(bounced).toBeVisible();
    await bounced.getByRole('link').click();
    await expect(admin.getByText('550 5.1.1 recipient address rejected')).toBeVisible();
    await expectAccessible(admin);
  } finally {
    await admin.context().close();
  }
});

test('the applications CSV has words for statuses and the ledger’s paid and balance', async ({ browser, baseURL }) => {
  const director = await staffPage(browser, baseURL!, 'course_director', LAPTOP);
  try {
    const response = await director.request.get(`${courseBase}/applications.csv?status=cancelled`);
    expect(response.status()).toBe(200);
    const csv = await response.text();
    const [header, ...rows] = parseCsv(csv);
    expect(header).toEqual(expect.arrayContaining(['Status', 'Paid', 'Balance due', 'Membership check', 'Training program'])); // the intensive has trainee rates
    const row = Object.fromEntries(header!.map((h, i) => [h, rows.find((r) => r.includes(registrant.email))?.[i]]));
    expect(row).toMatchObject({ Name: registrant.name, Status: 'Cancelled', 'Membership check': 'Not needed', 'Training program': '', Paid: '900.00', Currency: 'USD' });
    // Everything paid is due back, so the ledger's balance is negative (owed to the registrant) until refunded.
    expect(Number(row['Balance due'])).toBeLessThan(0);
    for (const r of rows) expect(r.slice(1, 2)).not.toEqual([expect.stringMatching(/^(submitted|accepted|waitlisted|cancelled|withdrawn)$/)]);
  } finally {
    await director.context().close();
  }
});

/** RFC 4180, enough for the export: quoted cells with doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    } else cell += c;
  }
  return rows;
}
