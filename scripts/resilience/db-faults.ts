// Figure 2, database faults, on an embedded PostgreSQL under the running app:
//  A. pg_terminate_backend of the app's connections in the middle of registration transactions,
//     during a burst of applications: every acknowledged application is there, nothing
//     half-written, no place oversold, no lock left held, the next application goes through.
//  B. PostgreSQL stopped in immediate mode (SIGQUIT to the postmaster, as `pg_ctl stop -m
//     immediate`) during traffic and started again: /readyz answers not-ready while it is down,
//     the same app process (no restart) serves again within 30 s of the database's return, and
//     confirmation emails queued before the fault (held back by the mail server) are delivered
//     after it.
import crypto from 'node:crypto';
import { checkRegistrations, type Attempt } from '../../bench/lib/registration-load.ts';
import { createCourse, createOrganization, SEED_PRICES } from '../../tests/helpers/fixtures.ts';
import { startSmtpSink } from '../../tests/helpers/smtp-sink.ts';
import { halfWritten, locksHeld, sleep, startApp, startDatabase, type ModuleOptions, type ModuleResult, type RunningApp } from './lib.ts';
import { apply, OPEN_NOW, pool, type ApplicationAnswer } from './traffic.ts';

const RECOVERY_LIMIT_S = 30;

const asAttempts = (answers: ApplicationAnswer[]): Attempt[] =>
  answers.filter(Boolean).map((a, index) => ({ index, email: a.email, key: a.key, status: a.status, id: a.id, code: undefined, ms: a.ms }));

export async function run(opts: ModuleOptions): Promise<ModuleResult> {
  const { log, quick } = opts;
  const violations: string[] = [];
  const figures: Record<string, string | number> = {};
  const database = await startDatabase();
  const sink = await startSmtpSink();
  let app: RunningApp | undefined;
  const run = crypto.randomBytes(3).toString('hex');
  try {
    app = await startApp({ DATABASE_URL: database.url, SMTP_URL: sink.url });
    const pid = app.pid;
    const org = await createOrganization(database.db);
    const facts = { capacity: 10, earlyLimit: 3, earlyPrice: SEED_PRICES[0]!.early };

    // A. Terminated backends in the middle of registration transactions.
    const courseA = await createCourse(database.db, org.id, { ...OPEN_NOW, capacity: facts.capacity, earlyPlaceLimit: facts.earlyLimit });
    let bursting = true;
    let terminated = 0;
    const terminator = (async () => {
      while (bursting) {
        const { rows } = await database.pool
          .query<{ pid: number }>(
            `select pid, pg_terminate_backend(pid) from pg_stat_activity
              where application_name = 'balint-hub' and xact_start is not null and state <> 'idle' and pid <> pg_backend_pid()
              order by random() limit 1`,
          )
          .catch(() => ({ rows: [] as { pid: number }[] }));
        terminated += rows.length;
        await sleep(20 + Math.random() * 60);
      }
    })();
    const burst = await pool(quick ? 60 : 200, 8, (i) => apply(app!.url, org.slug, courseA.slug, `fault-a-${run}-${i}@example.org`));
    bursting = false;
    await terminator;
    const tallyA = await checkRegistrations(database.pool, courseA.id, facts, asAttempts(burst));
    for (const v of tallyA.violations) violations.push(`terminate: ${v}`);
    for (const v of await halfWritten(database.pool, org.id, [courseA.id])) violations.push(`terminate: ${v}`);
    const heldA = await locksHeld(database.pool, [courseA.id]);
    if (heldA) violations.push(`terminate: ${heldA} locks still held`);
    const after = await apply(app.url, org.slug, courseA.slug, `fault-a-${run}-after@example.org`);
    if (after.status < 200 || after.status >= 300) violations.push(`terminate: the next application answered ${after.status}`);
    const statuses = (lo: number, hi: number) => burst.filter((a) => a.status >= lo && a.status < hi).length;
    figures['A. backends terminated mid-transaction'] = terminated;
    // A request whose connection was cut is worth repeating: 503 with Retry-After, not 500.
    const cut = burst.filter((a) => a.status >= 500);
    const notRetryable = cut.filter((a) => a.status !== 503 || !a.retryAfter).length;
    if (notRetryable) violations.push(`terminate: ${notRetryable} failed applications answered ${[...new Set(cut.filter((a) => a.status !== 503 || !a.retryAfter).map((a) => a.status))].join(', ')}, not 503 with Retry-After`);
    const label = 'A. applications 2xx / 4xx / 503 + Retry-After / other 5xx / no answer';
    figures[label] = `${statuses(200, 300)} / ${statuses(400, 500)} / ${cut.length - notRetryable} / ${notRetryable} / ${statuses(0, 1)}`;
    figures['A. lost, half-written, oversold, locks held'] = tallyA.violations.length + heldA;
    log(`  terminate: ${terminated} backends terminated, answers ${figures[label]}`);

    // B. Immediate shutdown of PostgreSQL during traffic.
    const courseB = await createCourse(database.db, org.id, { ...OPEN_NOW, capacity: 400, earlyPlaceLimit: 10 });
    const queuedCount = 4;
    sink.refuseNext(queuedCount);
    const queued = await pool(queuedCount, 2, (i) => apply(app!.url, org.slug, courseB.slug, `fault-queued-${run}-${i}@example.org`));
    if (queued.some((q) => q.status < 200 || q.status >= 300)) violations.push(`restart: applications before the fault answered ${queued.map((q) => q.status).join(', ')}`);
    const queuedEmails = queued.map((q) => q.email);
    // Wait until the mail server has refused each once: their deliveries are now jobs waiting to be retried.
    for (let waited = 0; waited < 20_000; waited += 250) {
      const { rows: [r] } = await database.pool.query<{ n: number }>(`select count(*)::int as n from outbox_messages where to_address = any($1) and attempts >= 1`, [queuedEmails]);
      if (r!.n >= queuedCount) break;
      await sleep(250);
    }

    // at: when the answer came; sent: when the poll was sent.
    const ready: { sent: number; at: number; status: number }[] = [];
    const traffic: ApplicationAnswer[] = [];
    let going = true;
    const poller = (async () => {
      while (going) {
        const sent = Date.now();
        const status = await fetch(`${app!.url}/readyz`, { signal: AbortSignal.timeout(5000) })
          .then(async (r) => (await r.arrayBuffer(), r.status))
          .catch(() => 0);
        ready.push({ sent, at: Date.now(), status });
        await sleep(200);
      }
    })();
    let n = 0;
    const workers = Array.from({ length: 4 }, async () => {
      while (going) {
        traffic.push(await apply(app!.url, org.slug, courseB.slug, `fault-b-${run}-${n++}@example.org`, 10_000));
        await sleep(50);
      }
    });
    await sleep(1500);
    const downAt = Date.now();
    await database.killImmediate();
    await sleep(1000);
    // A visitor opening the course page meanwhile is told the site is briefly unavailable.
    const page = await fetch(`${app!.url}/o/${org.slug}/courses/${courseB.slug}`, { signal: AbortSignal.timeout(10_000) })
      .then(async (r) => ({ status: r.status, retryAfter: r.headers.get('retry-after'), html: await r.text() }))
      .catch(() => ({ status: 0, retryAfter: null, html: '' }));
    const pageSaysUnavailable = page.status === 503 && page.retryAfter !== null && page.html.includes('<h1>Briefly unavailable</h1>');
    if (!pageSaysUnavailable) violations.push(`restart: the course page while the database was down answered ${page.status}${page.retryAfter ? '' : ' without Retry-After'}, not the unavailable page`);
    figures['B. a course page while down'] = pageSaysUnavailable ? '503, Retry-After, "Briefly unavailable"' : `${page.status}`;
    await sleep(quick ? 2000 : 4000);
    // Polls answered before the restart began count as "while down"; the database accepts
    // connections a moment before restart() returns.
    const restartAt = Date.now();
    await database.restart();
    const upAt = Date.now();
    let readyAt: number | undefined;
    let servedAt: number | undefined;
    while (Date.now() - upAt < 60_000 && (readyAt === undefined || servedAt === undefined)) {
      readyAt ??= ready.find((r) => r.at >= upAt && r.status === 200)?.at;
      servedAt ??= traffic.find((t) => t.at >= upAt && t.status >= 200 && t.status < 300)?.at;
      await sleep(100);
    }
    await sleep(1500);
    going = false;
    await Promise.all([poller, ...workers]);

    const down = ready.filter((r) => r.sent >= downAt + 300 && r.at < restartAt);
    const notReady = down.filter((r) => r.status === 503).length;
    if (down.length === 0 || notReady !== down.length) violations.push(`restart: /readyz while the database was down answered ${down.map((r) => r.status).join(',')}`);
    const recovery = readyAt === undefined ? Infinity : (readyAt - upAt) / 1000;
    const served = servedAt === undefined ? Infinity : (servedAt - upAt) / 1000;
    if (!(recovery <= RECOVERY_LIMIT_S)) violations.push(`restart: /readyz not ready ${RECOVERY_LIMIT_S} s after the database came back`);
    if (!(served <= RECOVERY_LIMIT_S)) violations.push(`restart: no application served ${RECOVERY_LIMIT_S} s after the database came back`);
    const sameProcess = app.child.exitCode === null && app.child.signalCode === null && app.pid === pid;
    if (!sameProcess) violations.push('restart: the app process exited');

    // The runner's own pool held connections to the old server: let it drop them.
    for (let i = 0; i < 8; i++) await database.pool.query('select 1').catch(() => undefined);
    let delivered = 0;
    for (let waited = 0; waited < 90_000; waited += 500) {
      delivered = queuedEmails.filter((e) => sink.received.some((m) => m.to.includes(e))).length;
      if (delivered === queuedCount) break;
      await sleep(500);
    }
    if (delivered !== queuedCount) violations.push(`restart: ${queuedCount - delivered} of ${queuedCount} emails queued before the fault not delivered after it`);
    const tallyB = await checkRegistrations(database.pool, courseB.id, { capacity: 400, earlyLimit: 10, earlyPrice: SEED_PRICES[0]!.early }, asAttempts([...queued, ...traffic]));
    for (const v of tallyB.violations) violations.push(`restart: ${v}`);
    for (const v of await halfWritten(database.pool, org.id, [courseA.id, courseB.id])) violations.push(`restart: ${v}`);
    const heldB = await locksHeld(database.pool, [courseB.id]);
    if (heldB) violations.push(`restart: ${heldB} locks still held`);
    const during = traffic.filter((t) => t.at >= downAt && t.at < (servedAt ?? Infinity));
    const count = (lo: number, hi: number) => during.filter((a) => a.status >= lo && a.status < hi).length;

    figures['B. database down for (s)'] = ((upAt - downAt) / 1000).toFixed(1);
    figures['B. /readyz while down: 503 of polls'] = `${notReady} of ${down.length}`;
    figures['B. ready again after the database (s)'] = Number.isFinite(recovery) ? recovery.toFixed(1) : 'never';
    figures['B. first application served after (s)'] = Number.isFinite(served) ? served.toFixed(1) : 'never';
    // While the database is down, a request that fails is a passing outage: 503 with Retry-After, not 500.
    const outageAnswers = during.filter((a) => a.status >= 500);
    const notUnavailable = outageAnswers.filter((a) => a.status !== 503 || !a.retryAfter);
    if (notUnavailable.length) violations.push(`restart: ${notUnavailable.length} answers while the database was down were not 503 with Retry-After (${[...new Set(notUnavailable.map((a) => a.status))].join(', ')})`);
    figures['B. answers meanwhile 2xx / 503 + Retry-After / other 5xx / no answer'] = `${count(200, 300)} / ${outageAnswers.length - notUnavailable.length} / ${notUnavailable.length} / ${count(0, 1)}`;
    figures['B. same app process (no restart loop)'] = sameProcess ? 'yes' : 'NO';
    figures['B. emails queued before, delivered after'] = `${delivered} of ${queuedCount}`;
    figures['B. acknowledged applications kept'] = `${asAttempts(traffic).filter((a) => a.status >= 200 && a.status < 300).length - tallyB.lost} of ${asAttempts(traffic).filter((a) => a.status >= 200 && a.status < 300).length}`;
    const errors = app.errors();
    figures['app error log lines'] = errors.length;
    log(`  restart: ready ${figures['B. ready again after the database (s)']} s after the database; ${figures['B. emails queued before, delivered after']} queued emails delivered`);
  } catch (error) {
    violations.push(`stopped: ${(error as Error).stack?.slice(0, 800)}`);
  } finally {
    await app?.stop();
    await sink.close();
    await database.stop();
  }
  return { name: 'database faults', ok: violations.length === 0, figures, details: violations.length ? violations.join('\n') : undefined };
}
