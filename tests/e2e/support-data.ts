// Rows the browser tests need that no page makes yet (a course that was run: its sessions and
// attendance), written with SQL straight into the app's own database: the embedded PostgreSQL
// that global-setup.ts started in its data directory, found the way `npm run worker` finds it.
import path from 'node:path';
import pg from 'pg';
import { attachToRunningEmbedded } from '../../db/embedded.server.ts';
import { ACCOUNTS_FILE_ENV } from './global-setup.ts';

/** Runs `work` with a client connected to the app's database, then disconnects. */
export async function withAppDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const accounts = process.env[ACCOUNTS_FILE_ENV];
  if (!accounts) throw new Error('the browser tests run under global-setup.ts');
  const url = attachToRunningEmbedded(path.dirname(accounts));
  if (!url) throw new Error("the app's embedded database is not running");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface RunCourse {
  courseId: string;
  title: string;
  registrationId: string;
  /** Its sessions in order: small group 1, lunch, small group 2. */
  sessionIds: string[];
}

/**
 * A copy of the past Spokane 2025 intensive (same dates and accreditation statements) under a
 * new slug, archived so that the public site (and the tests reading it) never list it, with two 90-minute small groups carrying AAFP and APA credit minutes, a lunch
 * without credit, and `person` (a demo account) registered, confirmed and present throughout.
 */
export async function createRunCourse(person: { email: string }, stamp: string): Promise<RunCourse> {
  return withAppDatabase(async (db) => {
    await db.query('begin');
    try {
      const title = `Certificates journey ${stamp}`;
      await db.query(
        `create temp table run_course on commit drop as
           select c.* from courses c join organizations o on o.id = c.organization_id
           where o.slug = 'abs' and c.slug = 'leadership-intensive-2025-spokane'`,
      );
      const { rows: course } = await db.query<{ id: string; organization_id: string }>(
        `update run_course set id = gen_random_uuid(), slug = $1, title = $2, status = 'archived' returning id, organization_id`,
        [`certificates-journey-${stamp}`, title],
      );
      if (course.length !== 1) throw new Error('the demo Spokane 2025 course is missing');
      const { id: courseId, organization_id: organizationId } = course[0]!;
      await db.query('insert into courses select * from run_course');
      const sessions: [string, string, string, Record<string, number>][] = [
        ['small_group', 'Small group 1', '2025-04-24T16:00:00Z', { AAFP: 90, APA: 90 }],
        ['meal', 'Lunch', '2025-04-24T19:00:00Z', {}],
        ['small_group', 'Small group 2', '2025-04-25T16:00:00Z', { AAFP: 90, APA: 90 }],
      ];
      const sessionIds: string[] = [];
      for (const [kind, sessionTitle, startsAt, creditMinutes] of sessions) {
        const length = kind === 'meal' ? 60 : 90;
        const { rows } = await db.query<{ id: string }>(
          `insert into course_sessions (organization_id, course_id, kind, title, starts_at, ends_at, credit_minutes, calendar_uid)
             values ($1, $2, $3, $4, $5::timestamptz, $5::timestamptz + make_interval(mins => $6), $7, gen_random_uuid()::text) returning id`,
          [organizationId, courseId, kind, sessionTitle, startsAt, length, JSON.stringify(creditMinutes)],
        );
        sessionIds.push(rows[0]!.id);
      }
      const { rows: users } = await db.query<{ id: string; name: string }>('select id, name from users where email = $1', [person.email]);
      if (users.length !== 1) throw new Error(`no account ${person.email}`);
      const { rows: registration } = await db.query<{ id: string }>(
        `insert into registrations (organization_id, course_id, user_id, submission_key, status, name, email, category_key, tier,
                                    base_amount_minor, amount_minor, currency, answers, policy)
           values ($1, $2, $3, gen_random_uuid()::text, 'confirmed', $4, $5, 'member', 'early', 0, 0, 'USD', '{}', '{}') returning id`,
        [organizationId, courseId, users[0]!.id, users[0]!.name, person.email],
      );
      const registrationId = registration[0]!.id;
      for (const sessionId of sessionIds) {
        await db.query(
          `insert into attendance (session_id, registration_id, organization_id, course_id, status, marked_at, marked_by)
             values ($1, $2, $3, $4, 'present', now(), 'certificates journey')`,
          [sessionId, registrationId, organizationId, courseId],
        );
      }
      await db.query('commit');
      return { courseId, title, registrationId, sessionIds };
    } catch (error) {
      await db.query('rollback');
      throw error;
    }
  });
}

/** Anonymous answers of others (as the evaluation stores them: no person), so results can show. */
export async function addEvaluationAnswers(courseId: string, answers: Record<string, number | string>[]) {
  await withAppDatabase(async (db) => {
    for (const a of answers) {
      await db.query('insert into evaluation_responses (organization_id, course_id, answers) select organization_id, id, $2 from courses where id = $1', [courseId, JSON.stringify(a)]);
    }
  });
}

/** A correction of the attendance record: the person arrived `lateMinutes` late to the course's first credit session. */
