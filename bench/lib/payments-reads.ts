// Part 2 of bench/payments.ts: the refund tracker's overdue view and the money report of an
// organization with R registrations over several courses (paid, unpaid, cancelled with refunds
// due, overdue and done), through HTTP as a signed-in treasurer, and the domain functions behind them.
import type { Db } from '../../db/client.server.ts';
import { systemActor } from '../../domain/audit/record-audit.server.ts';
import { moneyReport } from '../../domain/billing/reports.server.ts';
import { localDate } from '../../domain/money/policy.ts';
import { cancelRegistration } from '../../domain/refunds/cancel-registration.server.ts';
import { findRefunds } from '../../domain/refunds/find-refunds.server.ts';
import { recordRefundPaid } from '../../domain/refunds/record-refund-paid.server.ts';
import { placeRegistration } from '../../domain/registration/place-registration.server.ts';
import { t } from '../../lib/i18n.ts';
import { formatMoney } from '../../lib/money.ts';
import { application, createCourse, createOrganization } from '../../tests/helpers/fixtures.ts';
import { payRegistration } from '../../tests/helpers/money-fixtures.ts';
import { timeSequential } from './payments-load.ts';
import { days, ms, OPEN_NOW, say, ZONE } from './payments-setup.ts';

type Fate = 'unpaid' | 'paid' | 'overdue' | 'due' | 'done';
/** Per 10 registrations: 2 unpaid, 4 paid, 2 cancelled long ago (refund overdue), 1 cancelled today (due), 1 refunded. */
const FATES: Fate[] = ['overdue', 'overdue', 'due', 'done', 'paid', 'paid', 'paid', 'paid', 'unpaid', 'unpaid'];

export async function readsSetup(db: Db, appUrl: string, sizes: { registrations: number; courses: number }) {
  const { registrations: REGISTRATIONS, courses: COURSES } = sizes;
  const org = await createOrganization(db);
  const perCourse = Math.ceil(REGISTRATIONS / COURSES);
  const courses = await Promise.all(Array.from({ length: COURSES }, () => createCourse(db, org.id, { ...OPEN_NOW, capacity: perCourse + 10 })));
  const expected = { overdue: 0, overdueMinor: 0, open: 0, done: 0, paid: 0 };
  const past = (n: number) => localDate(days(-n), ZONE);
  say(`reads: ${REGISTRATIONS} registrations over ${COURSES} courses (paid, unpaid, refunds due, overdue and done)…`);
  // One pipeline per course (they lock different rows); each registration's story in order.
  await Promise.all(
    courses.map(async (course, k) => {
      const count = Math.max(0, Math.min(perCourse, REGISTRATIONS - k * perCourse));
      for (let i = 0; i < count; i++) {
        const fate = FATES[i % FATES.length]!;
        const reg = (await placeRegistration(db, application(org.id, course.id), systemActor, { publicUrl: appUrl, now: days(-90) })).registration;
        if (fate === 'unpaid') continue;
        await payRegistration(db, reg, reg.amountMinor, { method: 'check', reference: 'check 101', receivedOn: past(80), now: days(-80) });
        expected.paid += 1;
        if (fate === 'paid') continue;
        const cancelledAt = fate === 'due' ? new Date() : days(-60);
        const result = await cancelRegistration(db, { organizationId: org.id, registrationId: reg.id, channel: 'online', userId: reg.userId }, { userId: reg.userId, requestId: null }, { publicUrl: appUrl, now: cancelledAt });
        const refund = result.refund;
        if (!refund) throw new Error(`a paid cancellation made no refund (${reg.id})`);
        if (fate === 'done') {
          await recordRefundPaid(db, { organizationId: org.id, refundId: refund.id, method: 'check', paidOn: past(50), reference: 'check 2001' }, systemActor);
          expected.done += 1;
        } else {
          expected.open += 1;
          if (fate === 'overdue') {
            expected.overdue += 1;
            expected.overdueMinor += refund.amountMinor;
          }
        }
      }
    }),
  );
  return { org, expected };
}

export async function reads(db: Db, appUrl: string, cookie: string, setup: Awaited<ReturnType<typeof readsSetup>>, sizes: { reads: number }) {
  const READS = sizes.reads;
  const { org, expected } = setup;
  const money = (minor: number) => formatMoney(minor, 'USD');
  // What a treasurer must see: the tracker's summary line and the report's overdue total.
  const trackerLine = t('refundsTracker.summary', { count: expected.overdue, total: money(expected.overdueMinor) });
  const reportOverdue = `${money(expected.overdueMinor)} (${t('billingReports.count', { count: expected.overdue })})`;
  const page = async (url: string, mustShow: string, tally: { wrong: number; status: number[] }) => {
    const response = await fetch(url, { headers: { cookie }, redirect: 'manual' });
    const html = await response.text();
    tally.status.push(response.status);
    if (response.status !== 200 || !html.includes(mustShow)) tally.wrong += 1;
  };
  const tracker = { wrong: 0, status: [] as number[] };
  const report = { wrong: 0, status: [] as number[] };
  const trackerUrl = `${appUrl}/o/${org.slug}/admin/refunds?view=overdue`;
  const reportUrl = `${appUrl}/o/${org.slug}/admin/money`;
  // Warm-up (module loading, plan caches), not timed.
  for (let i = 0; i < 3; i++) {
    await page(trackerUrl, trackerLine, { wrong: 0, status: [] });
    await page(reportUrl, reportOverdue, { wrong: 0, status: [] });
  }
  say(`reads: ${READS} sequential reads of each page as a signed-in treasurer, then of the domain functions…`);
  const trackerMs = await timeSequential(READS, () => page(trackerUrl, trackerLine, tracker));
  const reportMs = await timeSequential(READS, () => page(reportUrl, reportOverdue, report));
  let findWrong = 0;
  let reportWrong = 0;
  const findMs = await timeSequential(READS, async () => {
    const rows = await findRefunds(db, org.id, { view: 'overdue' });
    if (rows.length !== expected.overdue) findWrong += 1;
  });
  const moneyMs = await timeSequential(READS, async () => {
    const r = await moneyReport(db, { organizationId: org.id, now: new Date() });
    const totals = r.refundTotals.find((x) => x.currency === 'USD');
    if (totals?.overdueCount !== expected.overdue || totals.overdueMinor !== expected.overdueMinor || totals.dueCount !== expected.open) reportWrong += 1;
  });
  // What findRefunds lists for the view (all of it: the CSV's rows; the page shows 100 at a time).
  const shown = (await findRefunds(db, org.id, { view: 'overdue' })).length;
  return {
    expected,
    shown,
    tracker: { p50: ms(trackerMs, 50), p99: ms(trackerMs, 99), wrong: tracker.wrong, serverErrors: tracker.status.filter((s) => s >= 500).length },
    report: { p50: ms(reportMs, 50), p99: ms(reportMs, 99), wrong: report.wrong, serverErrors: report.status.filter((s) => s >= 500).length },
    findRefunds: { p50: ms(findMs, 50), p99: ms(findMs, 99), wrong: findWrong },
    moneyReport: { p50: ms(moneyMs, 50), p99: ms(moneyMs, 99), wrong: reportWrong },
  };
}
