// What the resilience modules share (scripts/resilience/*.ts, run by run.ts): the module
// interface, a throwaway embedded PostgreSQL the runner controls (so a module can kill the app
// without killing its database, or stop the database under the app), the built app as a child
// process, its memory read through the inspector after a forced garbage collection, and the SQL
// checks that say "nothing half-written".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { connect, type Database } from '../../db/client.server.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../db/embedded.server.ts';
import { freePort, startAppProcess, type AppProcess } from '../../tests/helpers/app-process.ts';

export interface ModuleOptions {
  quick: boolean;
  log: (line: string) => void;
  /** Module-specific sizes given on the command line (run.ts --help); absent: the mode's default. */
  sizes?: Record<string, number | undefined>;
  /** Only the fuzz targets whose label matches (--targets, a regular expression): to replay one. */
  targets?: string;
}

export interface ModuleResult {
  name: string;
  ok: boolean;
  figures: Record<string, string | number>;
  details?: string;
}

export const root = path.resolve(import.meta.dirname, '../..');

/** What is running now (apps, databases): stopped by run.ts if the run is interrupted or gives up. */
export const running = new Set<() => Promise<void>>();

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface TestDatabase extends Database {
  url: string;
  dataDir: string;
  port: number;
  /** The postmaster's process id (changes when restarted). */
  pid(): number;
  /** Immediate shutdown (SIGQUIT to the postmaster, what `pg_ctl stop -m immediate` sends): no checkpoint, crash recovery on the next start. */
  killImmediate(): Promise<void>;
  /** Starts it again on the same port and data directory (after killImmediate). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A fresh embedded PostgreSQL in a temporary folder, with a small pool for the module's own checks. */
export async function startDatabase(): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'balint-resilience-'));
  let server: EmbeddedPostgres = await startEmbeddedPostgres({ dataDir, lock: false });
  const port = server.port;
  const database = connect(server.url, { max: 4, applicationName: 'resilience-check' });
  const stopAll = async () => {
    running.delete(stopAll);
    await database.close().catch(() => undefined);
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  running.add(stopAll);
  return {
    ...database,
    url: server.url,
    dataDir,
    port,
    pid: () => server.pid,
    async killImmediate() {
      const pid = server.pid;
      process.kill(pid, 'SIGQUIT');
      for (let i = 0; i < 200 && alive(pid); i++) await sleep(50);
    },
    async restart() {
      server = await startEmbeddedPostgres({ dataDir, port, lock: false });
    },
    stop: stopAll,
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface RunningApp extends AppProcess {
  port: number;
  pid: number;
  /** Lines the app logged at level error or fatal, and unhandled rejections/exceptions. */
  errors(): string[];
  stop(): Promise<void>;
}

/**
 * The production build as `npm start` runs it, against the given database; the inspector is
 * on (127.0.0.1, a random port) so memoryAfterGc can force a collection. LOG_LEVEL warn: the
 * errors() it logs are what the modules count.
 */
export async function startApp(env: Record<string, string>, port?: number): Promise<RunningApp> {
  const chosen = port ?? (await freePort());
  const app = await startAppProcess({
    PORT: String(chosen),
    JOBS_IN_PROCESS: '1',
    LOG_LEVEL: 'warn',
    APPLICATIONS_PER_ADDRESS_PER_HOUR: '0',
    // APP_PROF=1: each app writes a CPU profile to /tmp/prof when it stops (where its time goes).
    NODE_OPTIONS: process.env.APP_PROF ? '--inspect=127.0.0.1:0 --cpu-prof --cpu-prof-dir=/tmp/prof' : '--inspect=127.0.0.1:0',
    ...env,
    // A first start seeds the demo: minutes, not seconds, on a busy shared machine.
  }, 300_000);
  const stop = async () => {
    running.delete(stop);
    if (app.child.exitCode === null && app.child.signalCode === null) {
      app.child.kill('SIGTERM');
      const timer = setTimeout(() => app.child.kill('SIGKILL'), 20_000);
      await app.exited;
      clearTimeout(timer);
    }
  };
  running.add(stop);
  void app.exited.then(() => running.delete(stop));
  return { ...app, port: chosen, pid: app.child.pid ?? 0, errors: () => errorLines(app.output()), stop };
}

/** Error-level log lines (pino: level 50 error, 60 fatal) and Node's reports of unhandled rejections. */
export function errorLines(output: string): string[] {
  return output.split('\n').filter((line) => /"level":(50|60)/.test(line) || /Unhandled|unhandledRejection|uncaughtException/i.test(line));
}

/** The resident set size of a process, in bytes (Linux /proc). */
export function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : 0;
}

/**
 * Forces a full garbage collection in the app through the inspector protocol, then reads its
 * process.memoryUsage() and RSS: the memory it keeps, not what it has not collected yet.
 */
export async function memoryAfterGc(app: RunningApp): Promise<{ heapUsed: number; rss: number }> {
  const wsUrl = /Debugger listening on (ws:\/\/\S+)/.exec(app.output())?.[1];
  if (!wsUrl) throw new Error('the app was not started with the inspector');
  const ws = new WebSocket(wsUrl);
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve(), { once: true });
    ws.addEventListener('error', () => reject(new Error('inspector connection failed')), { once: true });
  });
  let id = 0;
  const pending = new Map<number, (result: unknown) => void>();
  ws.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  });
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve) => {
      const i = ++id;
      pending.set(i, resolve);
      ws.send(JSON.stringify({ id: i, method, params }));
    });
  try {
    await call('HeapProfiler.enable');
    for (let i = 0; i < 3; i++) await call('HeapProfiler.collectGarbage');
    const result = (await call('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true })) as { result: { value: string } };
    const usage = JSON.parse(result.result.value) as { heapUsed: number; rss: number };
    return { heapUsed: usage.heapUsed, rss: usage.rss };
  } finally {
    ws.close();
  }
}

export const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/**
 * Rows a crash or a fault could leave half-written, in one organization: a registration
 * without its audit record, or (applications through the API without a session, to the given
 * courses) without its confirmation link — all written in one transaction; a
 * checkout marked paid without its payment, a payment without ledger entries, a checkout line
 * of a paid checkout without exactly one payment entry.
 */
export async function halfWritten(pool: pg.Pool, organizationId: string, anonymousCourseIds: string[] = []): Promise<string[]> {
  const { rows: [c] } = await pool.query<{ no_audit: number; no_confirmation: number; paid_without_payment: number; payment_without_entries: number; lines_wrong: number }>(
    `select
       (select count(*)::int from registrations r where r.organization_id = $1
          and not exists (select 1 from audit_events a where a.entity_type = 'registration' and a.entity_id = r.id::text)) as no_audit,
       (select count(*)::int from registrations r where r.course_id = any($2::uuid[])
          and not exists (select 1 from registration_confirmations c where c.registration_id = r.id)) as no_confirmation,
       (select count(*)::int from checkouts k where k.organization_id = $1 and k.status = 'paid'
          and not exists (select 1 from payments p where p.checkout_id = k.id)) as paid_without_payment,
       (select count(*)::int from payments p join checkouts k on k.id = p.checkout_id where k.organization_id = $1
          and not exists (select 1 from ledger_entries e where e.payment_id = p.id)) as payment_without_entries,
       (select count(*)::int from (select l.id from checkout_lines l join checkouts k on k.id = l.checkout_id
          left join ledger_entries e on e.registration_id = l.registration_id and e.kind = 'payment'
          where k.organization_id = $1 and k.status = 'paid' group by l.id having count(e.id) <> 1) x) as lines_wrong`,
    [organizationId, anonymousCourseIds],
  );
  const found: string[] = [];
  if (c!.no_audit) found.push(`${c!.no_audit} registrations without their audit record`);
  if (c!.no_confirmation) found.push(`${c!.no_confirmation} unconfirmed registrations without a confirmation link`);
  if (c!.paid_without_payment) found.push(`${c!.paid_without_payment} checkouts paid without a payment`);
  if (c!.payment_without_entries) found.push(`${c!.payment_without_entries} payments without ledger entries`);
  if (c!.lines_wrong) found.push(`${c!.lines_wrong} lines of paid checkouts without exactly one payment entry`);
  return found;
}

/**
 * Locks left behind: the app's connections idle inside a transaction, and whether each given
 * row of courses can be locked at once (NOWAIT) — the lock every application takes.
 */
export async function locksHeld(pool: pg.Pool, courseIds: string[]): Promise<number> {
  // A transaction of the app's pool may be between two statements at the moment of looking
  // (the job queue's are its own pool): held means still held after 2 s.
  let idle = 0;
  for (let i = 0; i < 5; i++) {
    const { rows: [row] } = await pool.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where application_name = 'balint-hub' and state like 'idle in transaction%'`,
    );
    idle = row!.n;
    if (idle === 0) break;
    await sleep(500);
  }
  let held = idle;
  const client = await pool.connect();
  try {
    for (const id of courseIds) {
      await client.query('begin');
      try {
        await client.query('select id from courses where id = $1 for update nowait', [id]);
      } catch {
        held += 1;
      }
      await client.query('rollback');
    }
  } finally {
    client.release();
  }
  return held;
}
