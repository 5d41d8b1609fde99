// 500 people apply at once through two app processes to a course with 60 places, 30 at the
// early rate. Exactly 60 get a place, exactly 30 the early rate, the rest are waitlisted, none
// is lost or duplicated — checked in SQL.
// Then the race forced (tests/helpers/forced-race.ts): twelve applications for a course with
// five places, two early, each held after counting the places taken until all have counted or
// wait on the course lock — the worst interleaving, every time. With the lock: five places, two
// early. The negative control runs the same forced race with the locks switched off and must
// see the checker catch the oversell every round: a test that cannot fail proves nothing.
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, expect, inject, test } from 'vitest';
import { connect } from '../../db/client.server.ts';
import { checkRegistrations, fireApplications, type Attempt, type Tally } from '../../bench/lib/registration-load.ts';
import { systemActor } from '../../domain/audit/record-audit.server.ts';
import { placeRegistration } from '../../domain/registration/place-registration.server.ts';
import { application, createCourse, createOrganization, SEED_PRICES } from '../helpers/fixtures.ts';
import { forceRace, withLocksOff } from '../helpers/forced-race.ts';
import { createTestDatabase } from '../helpers/test-database.ts';
import { freePort, startAppProcess, type AppProcess } from '../helpers/app-process.ts';

const adminUrl = inject('pgAdminUrl');
const CAPACITY = 60;
const EARLY = 30;
const PEOPLE = 500;
const IN_FLIGHT = 100;
const facts = { capacity: CAPACITY, earlyLimit: EARLY, earlyPrice: SEED_PRICES[0]!.early };
const OPEN_NOW = { registrationOpensOn: null, registrationDeadline: '2099-12-31', startsOn: '2099-12-30', endsOn: '2099-12-31', earlyRateUntil: null };

const databases: string[] = [];
let apps: AppProcess[] = [];

function databaseUrl(name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function stopApps() {
  await Promise.all(
    apps.map(async (app) => {
      if (app.child.exitCode === null) {
        app.child.kill('SIGTERM');
        await app.exited;
      }
    }),
  );
  apps = [];
}

/** A fresh, empty database and two app processes on it (they migrate it together). */
async function startTwoApps(extraEnv: Record<string, string>) {
  const name = `balint_conc_${crypto.randomBytes(4).toString('hex')}`;
  await admin(`create database ${name}`);
  databases.push(name);
  const url = databaseUrl(name);
  // 500 applications from one address: the per-address limit (ADR 0047) is off here.
  const env = async () => ({ DATABASE_URL: url, PORT: String(await freePort()), JOBS_IN_PROCESS: '0', APPLICATIONS_PER_ADDRESS_PER_HOUR: '0', ...extraEnv });
  apps = await Promise.all([startAppProcess(await env()), startAppProcess(await env())]);
  return { url, database: connect(url, { max: 4, applicationName: 'balint-concurrency-test' }) };
}

async function runLoad(database: ReturnType<typeof connect>): Promise<{ attempts: Attempt[]; tally: Tally; courseId: string }> {
  const org = await createOrganization(database.db);
  const course = await createCourse(database.db, org.id, { ...OPEN_NOW, capacity: CAPACITY, earlyPlaceLimit: EARLY });
  const attempts = await fireApplications({ urls: apps.map((a) => a.url), org: org.slug, course: course.slug, count: PEOPLE, concurrency: IN_FLIGHT });
  const tally = await checkRegistrations(database.pool, course.id, facts, attempts);
  return { attempts, tally, courseId: course.id };
}

afterEach(stopApps);
afterAll(async () => {
  await stopApps();
  for (const name of databases) await admin(`drop database if exists ${name} with (force)`);
});

test('500 simultaneous applications through two processes: exactly 60 places, 30 early, the rest waitlisted', async () => {
  const { database } = await startTwoApps({});
  try {
    const { attempts, tally, courseId } = await runLoad(database);
    const statuses = Object.groupBy(attempts, (a) => String(a.status));
    // Every application is answered 202 ("check your email", ADR 0047); BUSY (503) or any 5xx at this scale is a failure.
    expect(Object.keys(statuses), JSON.stringify(attempts.find((a) => a.status !== 202))).toEqual(['202']);
    expect(tally.violations).toEqual([]);
    expect(tally).toMatchObject({ taken: CAPACITY, early: EARLY, waitlisted: PEOPLE - CAPACITY, rows: PEOPLE, lost: 0, duplicated: 0, serverErrors: 0, refused: 0 });
    // Each person exactly one row, and each row one of the people who applied.
    const { rows } = await database.pool.query<{ email: string; n: number }>(`select lower(email) as email, count(*)::int as n from registrations where course_id = $1 group by 1`, [courseId]);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect(new Set(rows.map((r) => r.email))).toEqual(new Set(attempts.map((a) => a.email)));
    // Places went first come, first served: no early place after a regular one, no place after the waitlist began.
    const { rows: order } = await database.pool.query<{ tier: string; status: string }>(`select tier, status from registrations where course_id = $1 order by sequence`, [courseId]);
    expect(order.slice(0, EARLY).every((r) => r.tier === 'early')).toBe(true);
    expect(order.slice(EARLY, CAPACITY).every((r) => r.tier === 'regular' && r.status === 'submitted')).toBe(true);
    expect(order.slice(CAPACITY).every((r) => r.status === 'waitlisted')).toBe(true);
    // Both processes agree through the API's own reads, and serve the description.
    for (const app of apps) {
      const org = (await database.pool.query<{ slug: string }>(`select o.slug from organizations o join courses c on c.organization_id = o.id where c.id = $1`, [courseId])).rows[0]!.slug;
      const course = (await database.pool.query<{ slug: string }>(`select slug from courses where id = $1`, [courseId])).rows[0]!.slug;
      const availability = await (await fetch(`${app.url}/api/v1/organizations/${org}/courses/${course}/availability`)).json();
      expect(availability).toMatchObject({ capacity: CAPACITY, taken: CAPACITY, placesLeft: 0, earlyPlacesLeft: 0, waitlistLength: PEOPLE - CAPACITY });
      const described = await fetch(`${app.url}/api/openapi.json`);
      expect(described.headers.get('x-request-id')).toBeTruthy();
      expect(((await described.json()) as { openapi: string }).openapi).toBe('3.1.0');
    }
  } finally {
    await database.close();
  }
}, 120_000);

const FORCED = { capacity: 5, early: 2, applicants: 12 };

/** Twelve applications at once, each held after counting the places taken; then what SQL says. */
async function forcedApplications(database: { db: ReturnType<typeof connect>['db']; pool: pg.Pool }) {
  const org = await createOrganization(database.db);
  const course = await createCourse(database.db, org.id, { ...OPEN_NOW, capacity: FORCED.capacity, earlyPlaceLimit: FORCED.early });
  const race = forceRace(database.pool, 'registration.counted', FORCED.applicants);
  try {
    const results = await Promise.allSettled(
      Array.from({ length: FORCED.applicants }, () => race.run(() => placeRegistration(database.db, application(org.id, course.id), systemActor, { publicUrl: 'http://hub.test' }))),
    );
    const rejected = results.find((r) => r.status === 'rejected');
    if (rejected) throw (rejected as PromiseRejectedResult).reason;
    const { rows } = await database.pool.query<{ placed: number; early: number; waitlisted: number }>(
      `select count(*) filter (where status <> 'waitlisted')::int as placed, count(*) filter (where tier = 'early' and status <> 'waitlisted')::int as early,
              count(*) filter (where status = 'waitlisted')::int as waitlisted from registrations where course_id = $1`,
      [course.id],
    );
    return { ...rows[0]!, arrived: race.arrived };
  } finally {
    race.end();
  }
}

test('twelve applications forced to race for five places: five placed, two early, seven waitlisted', async () => {
  // A migrated database in this process: the race hook lives here.
  const database = await createTestDatabase();
  try {
    for (let round = 0; round < 3; round++) {
      expect(await forcedApplications(database)).toEqual({ placed: 5, early: 2, waitlisted: 7, arrived: 12 });
    }
  } finally {
    await database.drop();
  }
}, 120_000);

test('negative control: with the lock switched off the same forced race oversells, every round', async () => {
  // A migrated database in this process: the race hook lives here.
  const database = await createTestDatabase();
  try {
    await withLocksOff(async () => {
      for (let round = 0; round < 3; round++) {
        // Every applicant counted no place taken, so every one took a place at the early rate.
        expect(await forcedApplications(database)).toEqual({ placed: 12, early: 12, waitlisted: 0, arrived: 12 });
      }
    });
  } finally {
    await database.drop();
  }
}, 120_000);
