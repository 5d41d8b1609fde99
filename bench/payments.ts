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
// Each part is its own module in bench/lib/ (payments-webhooks, payments-reads,
// payments-cancellations; payments-setup holds what they share).
// Setup goes straight through the domain functions; only the measured work goes through HTTP.
// Each figure is printed with its correctness check; prints figures, never passes or fails on
// time (a wrong result exits 1). `--quick` runs every check at small sizes (a step of `npm test`);
// a size given explicitly wins over it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { connect } from '../db/client.server.ts';
import { startEmbeddedPostgres } from '../db/embedded.server.ts';
import { formatMoney } from '../lib/money.ts';
import { freePort, startAppProcess } from '../tests/helpers/app-process.ts';
import { startFakeStripe } from '../tests/helpers/fake-stripe.ts';
import { cancellations, cancellationsSetup } from './lib/payments-cancellations.ts';
import { loadSampler, signIn } from './lib/payments-load.ts';
import { reads, readsSetup } from './lib/payments-reads.ts';
import { say, staffAccount } from './lib/payments-setup.ts';
import { webhooks } from './lib/payments-webhooks.ts';
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
const giveUp = giveUpAfter('bench:payments', QUICK ? 300_000 : 600_000);

/** Correctness checks: each figure's verdict is printed beside it; a failure also lands in `violations`. */
const violations: string[] = [];
function expect(label: string, actual: number, expected: number): string {
  if (actual === expected) return 'ok';
  violations.push(`${label}: ${actual}, expected ${expected}`);
  return `WRONG (${actual}, expected ${expected})`;
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

    const hooks = await webhooks(db, pool, app.url, fake, { checkouts: CHECKOUTS, connections: CONNECTIONS, deliveriesPerEvent: DELIVERIES_PER_EVENT });
    const readData = await readsSetup(db, app.url, { registrations: REGISTRATIONS, courses: COURSES });
    const cancelData = await cancellationsSetup(db, app.url, { cancellations: CANCELLED });
    const staff = await staffAccount(db, [readData.org.id, cancelData.org.id]);
    const cookie = await signIn(app.url, readData.org.slug, staff.email, staff.password);
    const read = await reads(db, app.url, cookie, readData, { reads: READS });
    const cancels = await cancellations(pool, app.url, cookie, cancelData, { connections: CONNECTIONS, cancelsPerRegistration: CANCELS_PER_REGISTRATION });
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
