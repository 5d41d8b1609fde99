// Shared by the registration concurrency test and the registration benchmark: many distinct
// people applying at once through the HTTP API, and the invariants checked in SQL afterwards.
import crypto from 'node:crypto';
import type pg from 'pg';
import { validAnswers } from '../../tests/helpers/fixtures.ts';

export interface Attempt {
  index: number;
  email: string;
  key: string;
  status: number; // 0: the request itself failed (connection error)
  id: string | undefined;
  code: string | undefined;
  ms: number;
  error?: string;
}

export interface LoadOptions {
  /** Base URLs of the app processes; request i goes to urls[i % urls.length]. */
  urls: string[];
  org: string;
  course: string;
  count: number;
  concurrency: number;
  /** Extra fetch options (an undici dispatcher with enough connections). */
  fetchInit?: Record<string, unknown>;
  runId?: string;
}

export async function fireApplications(options: LoadOptions): Promise<Attempt[]> {
  const run = options.runId ?? crypto.randomBytes(4).toString('hex');
  const results: Attempt[] = new Array(options.count);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const index = next++;
      if (index >= options.count) return;
      const email = `load-${run}-${index}@example.org`;
      const key = `load-${run}-${index}`;
      const url = `${options.urls[index % options.urls.length]}/api/v1/organizations/${options.org}/courses/${options.course}/applications`;
      const started = performance.now();
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify({ name: `Load Applicant ${index}`, email, categoryKey: 'non_member', answers: validAnswers() }),
          ...options.fetchInit,
        });
        const body = (await response.json().catch(() => ({}))) as { id?: string; code?: string };
        results[index] = { index, email, key, status: response.status, id: body.id, code: body.code, ms: performance.now() - started };
      } catch (error) {
        results[index] = { index, email, key, status: 0, id: undefined, code: undefined, ms: performance.now() - started, error: String((error as Error).cause ?? error) };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.count) }, worker));
  return results;
}

export interface CourseFacts {
  capacity: number;
  earlyLimit: number;
  earlyPrice: number;
}

export interface Tally {
  taken: number;
  early: number;
  waitlisted: number;
  /** Applications that got a 4xx and left no row (e.g. BUSY would be 503, counted as 5xx). */
  refused: number;
  lost: number;
  duplicated: number;
  serverErrors: number;
  failedRequests: number;
  rows: number;
  violations: string[];
}

/**
 * The invariants, in SQL: never more places taken than capacity, never more early places than
 * the limit, early rows carry the early tier and price, one row per person and per submission,
 * and every 2xx answer names a row that exists.
 */
export async function checkRegistrations(pool: pg.Pool, courseId: string, facts: CourseFacts, attempts: Attempt[]): Promise<Tally> {
  const violations: string[] = [];
  const { rows: [counts] } = await pool.query<{ taken: number; early: number; early_tier: number; wrong_early: number; waitlisted: number; rows: number }>(
    `select count(*) filter (where status in ('submitted','accepted','offered','confirmed'))::int as taken,
            count(*) filter (where holds_early_place)::int as early,
            count(*) filter (where tier = 'early')::int as early_tier,
            count(*) filter (where holds_early_place and (tier <> 'early' or base_amount_minor <> $2))::int as wrong_early,
            count(*) filter (where status = 'waitlisted')::int as waitlisted,
            count(*)::int as rows
       from registrations where course_id = $1`,
    [courseId, facts.earlyPrice],
  );
  const c = counts!;
  if (c.taken > facts.capacity) violations.push(`oversold: ${c.taken} places taken, capacity ${facts.capacity}`);
  if (c.early > facts.earlyLimit) violations.push(`early rate oversold: ${c.early} early places, limit ${facts.earlyLimit}`);
  if (c.early_tier !== c.early) violations.push(`${c.early_tier} rows at the early tier but ${c.early} holding early places`);
  if (c.wrong_early > 0) violations.push(`${c.wrong_early} early places without the early tier and price`);

  const { rows: [dup] } = await pool.query<{ by_person: number; by_key: number }>(
    `select (select count(*)::int from (select lower(email) from registrations where course_id = $1 group by 1 having count(*) > 1) p) as by_person,
            (select count(*)::int from (select submission_key from registrations where course_id = $1 group by 1 having count(*) > 1) k) as by_key`,
    [courseId],
  );
  const duplicated = dup!.by_person + dup!.by_key;
  if (duplicated > 0) violations.push(`${duplicated} people or submissions with more than one row`);

  const ok = attempts.filter((a) => a.status >= 200 && a.status < 300);
  const { rows: found } = await pool.query<{ id: string; email: string }>(`select id::text, lower(email) as email from registrations where course_id = $1 and id = any($2::uuid[])`, [
    courseId,
    ok.map((a) => a.id).filter((id): id is string => typeof id === 'string'),
  ]);
  const foundIds = new Map(found.map((r) => [r.id, r.email]));
  const { rows: people } = await pool.query<{ email: string }>(`select lower(email) as email from registrations where course_id = $1`, [courseId]);
  const withRow = new Set(people.map((p) => p.email));
  // An answer that names a registration must name this person's; an anonymous caller's 202
  // ("check your email", ADR 0047) names none, so its person must have a row.
  const lost = ok.filter((a) => (a.id ? foundIds.get(a.id) !== a.email.toLowerCase() : !withRow.has(a.email.toLowerCase()))).length;
  if (lost > 0) violations.push(`${lost} successful answers whose registration is not in the database`);

  const refused = attempts.filter((a) => a.status >= 400 && a.status < 500 && !withRow.has(a.email.toLowerCase())).length;
  const serverErrors = attempts.filter((a) => a.status >= 500).length;
  const failedRequests = attempts.filter((a) => a.status === 0).length;
  return { taken: c.taken, early: c.early, waitlisted: c.waitlisted, refused, lost, duplicated, serverErrors, failedRequests, rows: c.rows, violations };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
