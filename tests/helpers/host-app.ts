// The HTTP host's tests' harness (tests/integration/security-*.db.test.ts): the built app as a
// child process on a fresh database with the demo data, LOG_LEVEL=debug, driven over HTTP as
// a browser without JavaScript would.
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { freePort, startAppProcess, type AppProcess } from './app-process.ts';

async function admin(adminUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function stop(process: AppProcess | undefined) {
  if (process && process.child.exitCode === null) {
    process.child.kill('SIGTERM');
    await process.exited;
  }
}

/** Starts the app for the calling test file (beforeAll) and stops it and drops its database after. */
export function useHostApp() {
  const adminUrl = inject('pgAdminUrl');
  const databaseName = `balint_sec_${crypto.randomBytes(4).toString('hex')}`;
  const state = {
    databaseUrl: '',
    app: undefined as unknown as AppProcess,
    db: undefined as unknown as pg.Pool,
  };

  /** A form POST as a browser without JavaScript sends it. */
  function postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}, base = state.app.url) {
    return fetch(`${base}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, ...headers },
      body: new URLSearchParams(fields),
    });
  }

  function cookiesOf(response: Response): string {
    return response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .join('; ');
  }

  function demo(role: string) {
    const account = state.app.demoAccounts().find((a) => a.organization === 'abs' && a.role === role);
    if (!account) throw new Error(`no demo ${role} in the output`);
    return account;
  }

  async function signIn(email: string, password: string, headers: Record<string, string> = {}, base = state.app.url) {
    return postForm('/o/abs/sign-in', { email, password, next: '/o/abs' }, headers, base);
  }

  const host = Object.assign(state, { postForm, cookiesOf, demo, signIn });

  beforeAll(async () => {
    await admin(adminUrl, `create database ${databaseName}`);
    const u = new URL(adminUrl);
    u.pathname = `/${databaseName}`;
    host.databaseUrl = u.toString();
    host.db = new pg.Pool({ connectionString: host.databaseUrl, max: 2 });
    host.app = await startAppProcess({ DATABASE_URL: host.databaseUrl, SEED_DEMO: '1', PORT: String(await freePort()), LOG_LEVEL: 'debug', JOBS_IN_PROCESS: '1' });
  }, 120_000);

  afterAll(async () => {
    await stop(host.app);
    await host.db?.end();
    await admin(adminUrl, `drop database if exists ${databaseName} with (force)`);
  });
  return host;
}
