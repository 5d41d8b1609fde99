// npm run bench:payments [-- --json] [--quick] [--checkouts 500] [--connections 50] [--registrations 2000] [--reads 50] [--cancellations 50] [--build]
// The money paths a busy intensive puts under load, on a production build, a fresh embedded
// PostgreSQL and the local fake Stripe server (tests/helpers/fake-stripe.ts):
//  1. Webhooks: N card checkouts for registrations in one course, each paid on the fake Stripe,
//     and every `checkout.session.completed` POSTed to /webhooks/stripe three times
//     (Stripe retries), shuffled, over C concurrent connections.
//  2. Reads: the refund tracker's overdue view and the money report of an organization with R
//     registrations over 8 courses (paid, unpaid, cancelled with refunds due, overdue and done),
//     through HTTP as a signed-in treasurer, and the domain functions behind them.
//  3. Cancellations: 10 concurrent staff cancellations of each of K paid registrations.
// Setup goes straight through the domain functions; only the measured work goes through HTTP.
// Each figure is printed with its correctness check; prints figures, never passes or fails on
// time (a wrong result exits 1). `--quick` runs every check at small sizes (a step of `npm test`);
// a size given explicitly wins over it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { connect, type Db } from '../db/client.server.ts';
import { startEmbeddedPostgres } from '../db/embedded.server.ts';
import { assignRole, createVerifiedAccount, randomPassword } from '../domain/accounts/create-account.server.ts';
import { systemActor } from '../domain/audit/record-audit.server.ts';
import { moneyReport } from '../domain/billing/reports.server.ts';
import { localDate } from '../domain/money/policy.ts';
import { createCheckout } from '../domain/payments/create-checkout.server.ts';
import { cancelRegistration } from '../domain/refunds/cancel-registration.server.ts';
import { findRefunds } from '../domain/refunds/find-refunds.server.ts';
import { recordRefundPaid } from '../domain/refunds/record-refund-paid.server.ts';
import { placeRegistration, type Registration } from '../domain/registration/place-registration.server.ts';
import { t } from '../lib/i18n.ts';
import { formatMoney } from '../lib/money.ts';
import { freePort, startAppProcess } from '../tests/helpers/app-process.ts';
import { startFakeStripe, type FakeEvent, type FakeStripe } from '../tests/helpers/fake-stripe.ts';
import { application, createCourse, createOrganization } from '../tests/helpers/fixtures.ts';
import { payRegistration, stripeSettings } from '../tests/helpers/money-fixtures.ts';
import { forEachLimited, loadSampler, runConcurrently, shuffle, signIn, timeSequential } from './lib/payments-load.ts';
import { percentile } from './lib/registration-load.ts';
import { ensureBuild, giveUpAfter } from './lib/setup.ts';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    checkouts: { type: 'string' },
    connections: { type: 'string' },
    registrations: { type: 'string' },
    reads: { type: 'string' },
    cancellations: { type: 'string' },
    build: { type: 'boolean', default: false },
  },
});
const QUICK = values.quick;
const size = (given: string | undefined, full: number, quick: number) => (given === undefined ? (QUICK ? quick : full) : Number(given));
const CHECKOUTS = size(values.checkouts, 500, 30);
const CONNECTIONS = size(values.connections, 50, 10);
const REGISTRATIONS = size(values.registrations, 2000, 80);
const READS = size(values.reads, 50, 5);
const CANCELLED = size(values.cancellations, 50, 5);
const DELIVERIES_PER_EVENT = 3;
const CANCELS_PER_REGISTRATION = 10;
const COURSES = 8;
const ZONE = 'America/Los_Angeles';
// Open for registration now; cancellations before 2099-12-01 get their money back less the fee.
const OPEN_NOW = { registrationOpensOn: null, registrationDeadline: '2099-12-31', startsOn: '2099-12-30', endsOn: '2099-12-31', earlyRateUntil: null, cancellationDeadline: '2099-12-01' };
const giveUp = giveUpAfter('bench:payments', QUICK ? 300_000 : 600_000);

const say = (line: string) => process.stdout.write(`${line}\n`);
const days = (n: number) => new Date(Date.now() + n * 86_400_000);
const ms = (values: number[], p: number) => Math.round(percentile(values, p));


/** Correctness checks: each figure's verdict is printed beside it; a failure also lands in `violations`. */
const violations: string[] = [];
function expect(label: string, actual: number, expected: number): string {
  if (actual === expected) return 'ok';
  violations.push(`${label}: ${actual}, expected ${expected}`);
  return `WRONG (${actual}, expected ${expected})`;
}

async function placeMany(db: Db, publicUrl: string, organizationId: string, courseId: string, count: number, now?: Date): Promise<Registration[]> {
  const placed: Registration[] = [];
  await forEachLimited(Array.from({ length: count }), 4, async () => {
    placed.push((await placeRegistration(db, application(organizationId, courseId), systemActor, { publicUrl, ...(now ? { now } : {}) })).registration);
  });
  return placed;
}

async function staffAccount(db: Db, organizationIds: string[]) {
  const email = `treasurer-${Date.now()}@example.org`;
  const password = randomPassword();
  const { userId } = await createVerifiedAccount(db, { email, name: 'Bench Treasurer', password }, systemActor);
  for (const organizationId of organizationIds) await assignRole(db, { organizationId, userId, role: 'treasurer' }, systemActor);
  return { email, password };
}

// ---- 1. Stripe webhooks --------------------------------------------------------------------

async function webhooks(db: Db, pool: import('pg').Pool, appUrl: string, fake: FakeStripe) {
  const org = await createOrganization(db);
  const course = await createCourse(db, org.id, { ...OPEN_NOW, capacity: CHECKOUTS + 10 });
  say(`webhooks: ${CHECKOUTS} registrations and card checkouts in one course…`);
  const regs = await placeMany(db, appUrl, org.id, course.id, CHECKOUTS);
  const sessionIds: string[] = [];
  await forEachLimited(regs, 4, async (reg) => {
    const created = await createCheckout(
      db,
      { organizationId: org.id, userId: reg.userId, payer: { name: reg.name, email: reg.email }, lines: [{ kind: 'registration', registrationId: reg.id }], method: 'card' },
      { userId: reg.userId, requestId: null },
      { publicUrl: appUrl, payments: stripeSettings(fake) },
    );
    sessionIds.push(created.checkout.providerSessionId!);
  });
  const events = sessionIds.map((id) => fake.completeSession(id));
  const deliveries: FakeEvent[] = shuffle(events.flatMap((e) => Array.from({ length: DELIVERIES_PER_EVENT }, () => e)));
  say(`webhooks: ${deliveries.length} deliveries (${DELIVERIES_PER_EVENT} of each event, shuffled), ${CONNECTIONS} concurrent connections, to ${appUrl}/webhooks/stripe …`);
  const run = await runConcurrently(deliveries.length, CONNECTIONS, async (i) => {
    // Signed when sent, as Stripe does (the signature carries a timestamp).
    const { body, header } = fake.signedEvent(deliveries[i]!);
    const response = await fetch(`${appUrl}/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': header }, body });
    const answer = (await response.json().catch(() => ({}))) as { outcome?: string };
    return { status: response.status, outcome: answer.outcome ?? '' };
  });
  const statuses = run.results.map((r) => r.value?.status ?? 0);
  const outcomes = new Map<string, number>();
  for (const r of run.results) outcomes.set(r.value?.outcome || 'none', (outcomes.get(r.value?.outcome || 'none') ?? 0) + 1);
  const { rows: [c] } = await pool.query<{ payments: number; paid_minor: number; due_minor: number; paid_checkouts: number; ledger_payments: number; lines_wrong: number; receipts: number }>(
    `select (select count(*)::int from payments p join checkouts k on k.id = p.checkout_id where k.organization_id = $1) as payments,
            (select coalesce(sum(p.amount_minor), 0)::int from payments p join checkouts k on k.id = p.checkout_id where k.organization_id = $1) as paid_minor,
            (select coalesce(sum(total_minor), 0)::int from checkouts where organization_id = $1) as due_minor,
            (select count(*)::int from checkouts where organization_id = $1 and status = 'paid') as paid_checkouts,
            (select count(*)::int from ledger_entries where organization_id = $1 and kind = 'payment') as ledger_payments,
            (select count(*)::int from (select l.id from checkout_lines l join checkouts k on k.id = l.checkout_id
                                         left join ledger_entries e on e.registration_id = l.registration_id and e.kind = 'payment'
                                        where k.organization_id = $1 group by l.id having count(e.id) <> 1) x) as lines_wrong,
            (select count(*)::int from outbox_messages where organization_id = $1 and kind = 'payments.receipt') as receipts`,
    [org.id],
  );
  const latencies = run.results.map((r) => r.ms);
  return {
    deliveries: deliveries.length,
    seconds: run.seconds,
    perS: deliveries.length / run.seconds,
    p50: ms(latencies, 50),
    p99: ms(latencies, 99),
    serverErrors: statuses.filter((s) => s >= 500).length,
    failed: statuses.filter((s) => s === 0).length,
    applied: outcomes.get('applied') ?? 0,
    duplicates: (outcomes.get('duplicate') ?? 0) + (outcomes.get('duplicate-payment') ?? 0),
    outcomes: Object.fromEntries(outcomes),
    ...c!,
  };
}

// ---- 2. Refund tracker and money report reads ------------------------------------------------

type Fate = 'unpaid' | 'paid' | 'overdue' | 'due' | 'done';
/** Per 10 registrations: 2 unpaid, 4 paid, 2 cancelled long ago (refund overdue), 1 cancelled today (due), 1 refunded. */
const FATES: Fate[] = ['overdue', 'overdue', 'due', 'done', 'paid', 'paid', 'paid', 'paid', 'unpaid', 'unpaid'];

async function readsSetup(db: Db, appUrl: string) {
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

async function reads(db: Db, appUrl: string, cookie: string, setup: Awaited<ReturnType<typeof readsSetup>>) {
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

// ---- 3. Concurrent cancellations (the lock path) ----------------------------------------------

async function cancellationsSetup(db: Db, appUrl: string) {
  const org = await createOrganization(db);
  const course = await createCourse(db, org.id, { ...OPEN_NOW, capacity: CANCELLED + 10 });
  say(`cancellations: ${CANCELLED} paid registrations…`);
  const regs = await placeMany(db, appUrl, org.id, course.id, CANCELLED);
  await forEachLimited(regs, 4, async (reg) => {
    await payRegistration(db, reg, reg.amountMinor, { method: 'check', reference: 'check 101', receivedOn: localDate(new Date(), ZONE), now: new Date() });
  });
  return { org, course, regs };
}

async function cancellations(pool: import('pg').Pool, appUrl: string, cookie: string, setup: Awaited<ReturnType<typeof cancellationsSetup>>) {
  const { org, course, regs } = setup;
  const receivedOn = localDate(new Date(), ZONE);
  const total = regs.length * CANCELS_PER_REGISTRATION;
  say(`cancellations: ${CANCELS_PER_REGISTRATION} concurrent staff cancellations of each, ${total} requests over ${CONNECTIONS} connections…`);
  // Requests i..i+9 cancel the same registration, so each registration is hit 10 times at once.
  const run = await runConcurrently(total, CONNECTIONS, async (i) => {
    const reg = regs[Math.floor(i / CANCELS_PER_REGISTRATION)]!;
    const response = await fetch(`${appUrl}/o/${org.slug}/admin/courses/${course.id}/applications/${reg.id}/cancel`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: appUrl, cookie },
      body: new URLSearchParams({ intent: 'record', channel: 'email', receivedOn }),
    });
    await response.arrayBuffer();
    return response.status;
  });
  const statuses = run.results.map((r) => r.value ?? 0);
  // Per registration, the first cancellation to take the lock is answered 200 and every repeat
  // 409 ("already cancelled").
  const answers = regs.map((_, k) => statuses.slice(k * CANCELS_PER_REGISTRATION, (k + 1) * CANCELS_PER_REGISTRATION));
  const { rows: [c] } = await pool.query<{ cancelled: number; cancellations_wrong: number; refunds_wrong: number; refunds: number; acknowledgments: number }>(
    `select (select count(*)::int from registrations where course_id = $1 and status = 'cancelled') as cancelled,
            (select count(*)::int from registrations r where r.course_id = $1 and (select count(*) from cancellations x where x.registration_id = r.id) <> 1) as cancellations_wrong,
            (select count(*)::int from registrations r where r.course_id = $1 and (select count(*) from refunds f where f.registration_id = r.id) <> 1) as refunds_wrong,
            (select count(*)::int from refunds f join registrations r on r.id = f.registration_id where r.course_id = $1) as refunds,
            (select count(*)::int from outbox_messages where organization_id = $2 and kind = 'refunds.cancellation_acknowledged') as acknowledgments`,
    [course.id, org.id],
  );
  const latencies = run.results.map((r) => r.ms);
  return {
    requests: total,
    perS: total / run.seconds,
    p50: ms(latencies, 50),
    p99: ms(latencies, 99),
    ok: statuses.filter((s) => s === 200).length,
    oncePerRegistration: answers.filter((a) => a.filter((s) => s === 200).length === 1).length,
    repeatsRefused: statuses.filter((s) => s === 409).length,
    serverErrors: statuses.filter((s) => s >= 500).length,
    failed: statuses.filter((s) => s === 0).length,
    ...c!,
  };
}

async function main() {
  ensureBuild(root, { force: Boolean(values.build), say });
  const load = loadSampler();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'balint-bench-pay-'));
  const appDir = fs.mkdtempSync(path.join(os.tmpdir(), 'balint-bench-pay-app-'));
  const server = await startEmbeddedPostgres({ dataDir, lock: false });
  giveUp.onGiveUp(async () => {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(appDir, { recursive: true, force: true });
  });
  const fake = await startFakeStripe();
  giveUp.onGiveUp(() => fake.close());
  let app: Awaited<ReturnType<typeof startAppProcess>> | undefined;
  giveUp.onGiveUp(async () => {
    if (app && app.child.exitCode === null) {
      app.child.kill('SIGTERM');
      await app.exited;
    }
  });
  const database = connect(server.url, { max: 10, applicationName: 'bench-setup' });
  try {
    say(`PostgreSQL ${server.port} in ${dataDir}; fake Stripe at ${fake.url}; starting the app (production build)…`);
    app = await startAppProcess({
      DATABASE_URL: server.url,
      PORT: String(await freePort()),
      DATA_DIR: appDir,
      JOBS_IN_PROCESS: '1',
      LOG_LEVEL: 'warn',
      STRIPE_SECRET_KEY: fake.secretKey,
      STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
      STRIPE_API_URL: fake.url,
    });
    const { db, pool } = database;

    const hooks = await webhooks(db, pool, app.url, fake);
    const readData = await readsSetup(db, app.url);
    const cancelData = await cancellationsSetup(db, app.url);
    const staff = await staffAccount(db, [readData.org.id, cancelData.org.id]);
    const cookie = await signIn(app.url, readData.org.slug, staff.email, staff.password);
    const read = await reads(db, app.url, cookie, readData);
    const cancels = await cancellations(pool, app.url, cookie, cancelData);
    load.stop();

    const N = CHECKOUTS;
    const K = cancels.requests / CANCELS_PER_REGISTRATION;
    const e = read.expected;
    const rows: [string, string, string][] = [
      ['1. webhook deliveries (3 per event)', `${hooks.deliveries} over ${CONNECTIONS} connections`, ''],
      ['   events per second', hooks.perS.toFixed(1), `5xx ${expect('webhook 5xx', hooks.serverErrors, 0)}; no answer ${expect('webhook requests without an answer', hooks.failed, 0)}`],
      ['   payments applied per second', (N / hooks.seconds).toFixed(1), ''],
      ['   latency p50 / p99', `${hooks.p50} ms / ${hooks.p99} ms`, `applied ${expect('events applied', hooks.applied, N)}; duplicates ${expect('deliveries answered duplicate', hooks.duplicates, hooks.deliveries - N)}`],
      ['   payments', String(hooks.payments), expect('payments', hooks.payments, N)],
      ['   paid checkouts', String(hooks.paid_checkouts), expect('paid checkouts', hooks.paid_checkouts, N)],
      ['   ledger payment entries', String(hooks.ledger_payments), `${expect('ledger payment entries', hooks.ledger_payments, N)}; lines without exactly one ${expect('lines without exactly one payment entry', hooks.lines_wrong, 0)}`],
      ['   money received = checkouts total', `${formatMoney(hooks.paid_minor, 'USD')} / ${formatMoney(hooks.due_minor, 'USD')}`, expect('money received vs checkouts total (minor units)', hooks.paid_minor, hooks.due_minor)],
      ['   receipt emails in the outbox', String(hooks.receipts), expect('receipt emails', hooks.receipts, N)],
      ['2. registrations (8 courses)', `${REGISTRATIONS}, ${e.paid} paid; refunds: ${e.overdue} overdue, ${e.open - e.overdue} due, ${e.done} done`, ''],
      ['   tracker ?view=overdue (HTTP) p50 / p99', `${read.tracker.p50} ms / ${read.tracker.p99} ms`, `shows ${e.overdue} refunds and their total: ${expect('tracker reads without the right summary', read.tracker.wrong, 0)}; 5xx ${expect('tracker 5xx', read.tracker.serverErrors, 0)}`],
      ['   findRefunds(overdue) p50 / p99', `${read.findRefunds.p50} ms / ${read.findRefunds.p99} ms`, `${read.shown} rows: ${expect('findRefunds reads with the wrong row count', read.findRefunds.wrong, 0)}`],
      ['   money report (HTTP) p50 / p99', `${read.report.p50} ms / ${read.report.p99} ms`, `overdue total shown: ${expect('money report reads without the right overdue total', read.report.wrong, 0)}; 5xx ${expect('money report 5xx', read.report.serverErrors, 0)}`],
      ['   moneyReport() p50 / p99', `${read.moneyReport.p50} ms / ${read.moneyReport.p99} ms`, `refund totals: ${expect('moneyReport reads with wrong refund totals', read.moneyReport.wrong, 0)}`],
      ['3. staff cancellations (10 at once each)', `${cancels.requests} requests, ${K} registrations`, `200 once each ${expect('registrations whose cancellations got exactly one 200', cancels.oncePerRegistration, K)}; 5xx ${expect('cancellation 5xx', cancels.serverErrors, 0)}; no answer ${expect('cancellation requests without an answer', cancels.failed, 0)}`],
      ['   answered 200 / 409', `${cancels.ok} / ${cancels.repeatsRefused}`, `200 ${expect('cancellation requests answered 200', cancels.ok, K)}; repeats 409 ${expect('repeated cancellations answered 409', cancels.repeatsRefused, cancels.requests - K)}`],
      ['   requests per second', cancels.perS.toFixed(1), `cancelled ${expect('registrations cancelled', cancels.cancelled, K)}`],
      ['   latency p50 / p99', `${cancels.p50} ms / ${cancels.p99} ms`, `one cancellation each ${expect('registrations without exactly one cancellation', cancels.cancellations_wrong, 0)}`],
      ['   refunds', String(cancels.refunds), `one refund each ${expect('registrations without exactly one refund', cancels.refunds_wrong, 0)}; acknowledgments ${expect('acknowledgment emails', cancels.acknowledgments, K)}`],
      ['load average (1 min, over the run)', load.range(), ''],
      ['machine', `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}`, ''],
    ];
    say('');
    for (const [label, value, verdict] of rows) say(`  ${label.padEnd(42)} ${value.padEnd(34)} ${verdict}`);
    if (violations.length > 0) say(`\nWRONG RESULTS:\n  ${violations.join('\n  ')}`);
    if (values.json) {
      say(
        JSON.stringify({
          quick: QUICK,
          checkouts: N,
          connections: CONNECTIONS,
          webhooks: hooks,
          registrations: REGISTRATIONS,
          reads: READS,
          read,
          cancellations: cancels,
          load: { min: Number(load.min().toFixed(2)), max: Number(load.max().toFixed(2)) },
          cpus: os.cpus().length,
          violations,
        }),
      );
    }
    process.exitCode = violations.length > 0 ? 1 : 0;
  } finally {
    if (app && app.child.exitCode === null) {
      app.child.kill('SIGTERM');
      await app.exited;
    }
    await database.close().catch(() => undefined);
    await fake.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(appDir, { recursive: true, force: true });
  }
}

await main();
