// npm run bench:registration [-- --json] [--quick] [--people 2000] [--connections 200] [--build]
// A production build on a fresh embedded PostgreSQL, a course with 60 places (30 early), and
// 2,000 distinct people applying over 200 concurrent connections through the HTTP API. Then
// the engine limit: the same SQL transaction as placeRegistration, driven straight through
// the pg driver by the same number of clients into a fresh course; and the ratio of the two.
// Prints figures, never passes or fails on time (a violated invariant or a wrong count exits 1).
// `--quick`: the same checks with 200 people over 20 connections (a step of `npm test`); a size
// given explicitly wins over it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { connect } from '../db/client.server.ts';
import { startEmbeddedPostgres } from '../db/embedded.server.ts';
import { createCourse, createOrganization, SEED_PRICES, validAnswers } from '../tests/helpers/fixtures.ts';
import { freePort, startAppProcess } from '../tests/helpers/app-process.ts';
import { checkRegistrations, fireApplications, percentile, type Attempt, type Tally } from './lib/registration-load.ts';
import { ensureBuild, giveUpAfter } from './lib/setup.ts';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    people: { type: 'string' },
    connections: { type: 'string' },
    build: { type: 'boolean', default: false },
  },
});
const QUICK = values.quick;
const PEOPLE = Number(values.people ?? (QUICK ? 200 : 2000));
const CONNECTIONS = Number(values.connections ?? (QUICK ? 20 : 200));
const CAPACITY = 60;
const EARLY = 30;
const facts = { capacity: CAPACITY, earlyLimit: EARLY, earlyPrice: SEED_PRICES[0]!.early };
const OPEN_NOW = { registrationOpensOn: null, registrationDeadline: '2099-12-31', startsOn: '2099-12-30', endsOn: '2099-12-31', earlyRateUntil: null };
// A stuck run on a shared machine must end (a guard, not a timing check: 2,000 applications
// took 4 minutes at a load average of 20 here).
const giveUp = giveUpAfter('bench:registration', QUICK ? 300_000 : 600_000);

const say = (line: string) => process.stdout.write(`${line}\n`);


const answers = validAnswers();

/**
 * The statements placeRegistration runs for a new applicant to a course without a discount
 * code, in the same order, under the same lock: lock the course, look for a repeat, read the
 * category, find-or-create the person, check for a live application, count, read prices,
 * insert the registration (unconfirmed, held for 24 hours), its audit row, the hash of its
 * confirmation link and the credential-bearing "Confirm your application" email (ADR 0047).
 */
async function engineApplication(client: pg.Client, course: { id: string; organizationId: string }, i: number, run: string) {
  const email = `engine-${run}-${i}@example.org`;
  const key = `engine-${run}-${i}`;
  await client.query('begin');
  try {
    await client.query(`set local lock_timeout = '5s'`);
    const { rows: [c] } = await client.query('select * from courses where id = $1 for update', [course.id]);
    await client.query('select * from registrations where course_id = $1 and submission_key = $2', [course.id, key]);
    await client.query('select * from course_price_categories where course_id = $1 and key = $2', [course.id, 'non_member']);
    await client.query('select * from users where lower(email) = $1', [email]);
    const userId = crypto.randomUUID();
    await client.query('insert into users (id, name, email, email_verified) values ($1, $2, $3, false)', [userId, `Engine ${i}`, email]);
    await client.query(`select id from registrations where course_id = $1 and user_id = $2 and status in ('submitted','accepted','waitlisted','offered','confirmed')`, [
      course.id,
      userId,
    ]);
    const { rows: [counts] } = await client.query<{ taken: number; early: number; waitlisted: number }>(
      `select count(*) filter (where status in ('submitted','accepted','offered','confirmed'))::int as taken,
              count(*) filter (where holds_early_place)::int as early,
              count(*) filter (where status = 'waitlisted')::int as waitlisted
         from registrations where course_id = $1`,
      [course.id],
    );
    const { rows: cells } = await client.query<{ category_key: string; tier: string; amount_minor: number }>('select * from course_prices where course_id = $1', [course.id]);
    const placeFree = counts!.taken < c.capacity;
    const early = placeFree && counts!.early < c.early_place_limit;
    const price = cells.find((cell) => cell.category_key === 'non_member' && cell.tier === (early ? 'early' : 'regular'))!;
    const now = new Date();
    const { rows: [registration] } = await client.query<{ id: string }>(
      `insert into registrations (organization_id, course_id, user_id, submission_key, status, name, email, category_key, tier, holds_early_place,
                                  base_amount_minor, discount_minor, amount_minor, currency, membership_check, answers, policy, submitted_at, waitlisted_at, confirm_by)
       values ($1, $2, $3, $4, $5, $6, $7, 'non_member', $8, $9, $10, 0, $10, 'USD', 'not_needed', $11, $12, $13, $14, $15) returning *`,
      [
        course.organizationId,
        course.id,
        userId,
        key,
        placeFree ? 'submitted' : 'waitlisted',
        `Engine ${i}`,
        email,
        price.tier,
        early,
        price.amount_minor,
        JSON.stringify(answers),
        JSON.stringify({ courseTitle: c.title, currency: 'USD', tier: price.tier, prices: cells, policies: c.sections }),
        now,
        placeFree ? null : now,
        new Date(now.getTime() + 24 * 3_600_000),
      ],
    );
    await client.query(
      `insert into audit_events (organization_id, actor_user_id, action, entity_type, entity_id, after, request_id) values ($1, null, 'registration.submitted', 'registration', $2, $3, $4)`,
      [course.organizationId, registration!.id, JSON.stringify({ status: placeFree ? 'submitted' : 'waitlisted', tier: price.tier }), key],
    );
    await client.query('insert into registration_confirmations (token_hash, registration_id) values ($1, $2)', [crypto.randomBytes(32).toString('hex'), registration!.id]);
    await client.query('select * from organizations where id = $1', [course.organizationId]);
    await client.query(`insert into outbox_messages (organization_id, kind, to_address, subject, text_body, html_body, credential) values ($1, $2, $3, $4, $5, $6, true)`, [
      course.organizationId,
      'registration.confirm',
      email,
      'We received your application',
      'Thank you for applying. '.repeat(20),
      '<p>Thank you for applying.</p>'.repeat(20),
    ]);
    await client.query('commit');
    return { email, id: registration!.id };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}

async function engineLimit(url: string, course: { id: string; organizationId: string }): Promise<{ seconds: number; attempts: Attempt[] }> {
  const clients = await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      const client = new pg.Client({ connectionString: url, application_name: 'bench-engine' });
      await client.connect();
      return client;
    }),
  );
  const run = crypto.randomBytes(3).toString('hex');
  const attempts: Attempt[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    clients.map(async (client) => {
      for (;;) {
        const i = next++;
        if (i >= PEOPLE) return;
        const t0 = performance.now();
        // Retried like withScarceLocks: lock timeouts and deadlocks up to 4 attempts.
        for (let attempt = 1; ; attempt++) {
          try {
            const { email, id } = await engineApplication(client, course, i, run);
            attempts.push({ index: i, email, key: '', status: 201, id, code: undefined, ms: performance.now() - t0 });
            break;
          } catch (error) {
            const code = (error as { code?: string }).code;
            if (attempt < 4 && (code === '55P03' || code === '40P01')) {
              await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 50));
              continue;
            }
            attempts.push({ index: i, email: '', key: '', status: 500, id: undefined, code, ms: performance.now() - t0 });
            break;
          }
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(clients.map((c) => c.end()));
  return { seconds, attempts };
}

/**
 * What every run must show beyond the invariants (which only bound): every application
 * answered, none refused and none failed with a server error; the places exactly filled and
 * everyone else waitlisted. An application that gave up on the course lock after its retries
 * (the app's 503 BUSY, "try again"; the engine's lock timeout after 4 attempts) is the designed
 * answer to overload, not a wrong one: it is counted and printed, and leaves no row.
 */
function countsWrong(tally: Tally, attempts: Attempt[], busy: number): string[] {
  const wrong: string[] = [];
  const want = (label: string, actual: number, expected: number) => {
    if (actual !== expected) wrong.push(`${label}: ${actual}, expected ${expected}`);
  };
  const placed = PEOPLE - busy;
  want('places taken', tally.taken, Math.min(CAPACITY, placed));
  want('early places', tally.early, Math.min(EARLY, placed));
  want('waitlisted', tally.waitlisted, Math.max(0, placed - CAPACITY));
  want('applications answered', attempts.filter(Boolean).length, PEOPLE);
  want('refused (4xx, no row)', tally.refused, 0);
  want('5xx answers other than busy', tally.serverErrors - busy, 0);
  want('requests without an answer', tally.failedRequests, 0);
  return wrong;
}

const LOCK_GAVE_UP = new Set(['55P03', '40P01']);

async function main() {
  ensureBuild(root, { force: Boolean(values.build), say });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'balint-bench-reg-'));
  const server = await startEmbeddedPostgres({ dataDir, lock: false });
  giveUp.onGiveUp(async () => {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  let app: Awaited<ReturnType<typeof startAppProcess>> | undefined;
  giveUp.onGiveUp(async () => {
    if (app && app.child.exitCode === null) {
      app.child.kill('SIGTERM');
      await app.exited;
    }
  });
  const database = connect(server.url, { max: 4, applicationName: 'bench-setup' });
  try {
    say(`PostgreSQL ${server.port} in ${dataDir}; starting the app (production build, pool 20)…`);
    // 2,000 applications from one address: the per-address limit (ADR 0047) is off for the run.
    app = await startAppProcess({ DATABASE_URL: server.url, PORT: String(await freePort()), JOBS_IN_PROCESS: '1', LOG_LEVEL: 'warn', APPLICATIONS_PER_ADDRESS_PER_HOUR: '0' });

    const org = await createOrganization(database.db);
    const course = await createCourse(database.db, org.id, { ...OPEN_NOW, capacity: CAPACITY, earlyPlaceLimit: EARLY });
    say(`${PEOPLE} applications, ${CONNECTIONS} concurrent connections, through ${app.url}/api/v1 …`);
    const started = performance.now();
    const attempts = await fireApplications({ urls: [app.url], org: org.slug, course: course.slug, count: PEOPLE, concurrency: CONNECTIONS });
    const appSeconds = (performance.now() - started) / 1000;
    const tally = await checkRegistrations(database.pool, course.id, facts, attempts);

    const engineCourse = await createCourse(database.db, org.id, { ...OPEN_NOW, capacity: CAPACITY, earlyPlaceLimit: EARLY });
    say(`engine limit: the same transaction through pg, ${CONNECTIONS} clients, ${PEOPLE} applications …`);
    const engine = await engineLimit(server.url, engineCourse);
    const engineTally = await checkRegistrations(database.pool, engineCourse.id, facts, engine.attempts);

    const busy = attempts.filter((a) => a.status === 503 && a.code === 'BUSY').length;
    const engineBusy = engine.attempts.filter((a) => a.status >= 500 && a.code !== undefined && LOCK_GAVE_UP.has(a.code)).length;
    const latencies = attempts.map((a) => a.ms);
    const appPerS = PEOPLE / appSeconds;
    const enginePerS = PEOPLE / engine.seconds;
    const figures = {
      attempts: PEOPLE,
      connections: CONNECTIONS,
      taken: tally.taken,
      early: tally.early,
      waitlisted: tally.waitlisted,
      refused: tally.refused,
      lost: tally.lost,
      duplicated: tally.duplicated,
      server_errors: tally.serverErrors,
      busy,
      failed_requests: tally.failedRequests,
      p50_ms: Math.round(percentile(latencies, 50)),
      p99_ms: Math.round(percentile(latencies, 99)),
      app_seconds: Number(appSeconds.toFixed(2)),
      app_per_s: Number(appPerS.toFixed(1)),
      engine_per_s: Number(enginePerS.toFixed(1)),
      engine_p50_ms: Math.round(percentile(engine.attempts.map((a) => a.ms), 50)),
      engine_taken: engineTally.taken,
      engine_early: engineTally.early,
      engine_errors: engine.attempts.filter((a) => a.status >= 500).length,
      engine_busy: engineBusy,
      ratio: Number((appPerS / enginePerS).toFixed(2)),
      cpus: os.cpus().length,
      violations: [...tally.violations, ...engineTally.violations.map((v) => `engine: ${v}`), ...countsWrong(tally, attempts, busy), ...countsWrong(engineTally, engine.attempts, engineBusy).map((v) => `engine: ${v}`)],
    };
    const rows: [string, string | number][] = [
      ['applications (distinct people)', figures.attempts],
      ['concurrent connections', figures.connections],
      ['taken (held, confirmed or not)', `${figures.taken} (capacity ${CAPACITY})`],
      ['early', `${figures.early} (limit ${EARLY})`],
      ['waitlisted', figures.waitlisted],
      ['refused (4xx, no row)', figures.refused],
      ['lost (2xx, no row)', figures.lost],
      ['duplicated', figures.duplicated],
      ['5xx (of which busy, try again)', `${figures.server_errors} (${figures.busy})`],
      ['failed requests (no answer)', figures.failed_requests],
      ['latency p50 / p99', `${figures.p50_ms} ms / ${figures.p99_ms} ms`],
      ['app: applications per second', figures.app_per_s],
      ['engine: applications per second', `${figures.engine_per_s} (taken ${figures.engine_taken}, early ${figures.engine_early}, errors ${figures.engine_errors}, of which gave up on the lock ${figures.engine_busy})`],
      ['ratio app / engine', figures.ratio],
      ['machine', `${figures.cpus} cores, ${os.cpus()[0]?.model ?? ''}`],
    ];
    say('');
    for (const [label, value] of rows) say(`  ${label.padEnd(34)} ${value}`);
    if (figures.violations.length > 0) say(`\nWRONG RESULTS:\n  ${figures.violations.join('\n  ')}`);
    if (values.json) say(JSON.stringify({ quick: QUICK, ...figures }));
    process.exitCode = figures.violations.length > 0 ? 1 : 0;
  } finally {
    if (app && app.child.exitCode === null) {
      app.child.kill('SIGTERM');
      await app.exited;
    }
    await database.close().catch(() => undefined);
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
