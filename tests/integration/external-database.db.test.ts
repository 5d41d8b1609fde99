// DATABASE_URL points the app at any PostgreSQL (the embedded one of the test harness, or
// the server at TEST_DATABASE_URL in CI's second run). Two processes start together on an
// empty database: migrations and demo data are applied exactly once.
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, expect, inject, test } from 'vitest';
import { expectedMigrationCount } from '../../db/migrate.server.ts';
import { failingStart, freePort, startAppProcess, type AppProcess } from '../helpers/app-process.ts';

const adminUrl = inject('pgAdminUrl');
const database = `balint_ext_${crypto.randomBytes(4).toString('hex')}`;
const url = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
})();
const apps: AppProcess[] = [];

async function query<T extends pg.QueryResultRow>(sql: string, connectionString = url): Promise<T[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  for (const app of apps) {
    if (app.child.exitCode === null) {
      app.child.kill('SIGTERM');
      await app.exited;
    }
  }
  await query(`drop database if exists ${database} with (force)`, adminUrl);
});

test('two processes starting together on an empty database migrate and seed it once', async () => {
  await query(`create database ${database}`, adminUrl);
  const env = async () => ({ DATABASE_URL: url, SEED_DEMO: '1', PORT: String(await freePort()), JOBS_IN_PROCESS: '1' });
  apps.push(...(await Promise.all([startAppProcess(await env()), startAppProcess(await env())])));

  const seeders = apps.filter((a) => a.demoAccounts().length > 0);
  expect(seeders).toHaveLength(1);
  expect(seeders[0]!.demoAccounts().map((a) => a.email)).toContain('admin@abs.example.org');
  expect(await query('select slug from organizations order by slug')).toEqual([{ slug: 'abs' }, { slug: 'nwbc' }]);
  const [migrations] = await query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations');
  expect(migrations?.n).toBe(expectedMigrationCount());

  for (const app of apps) {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${app.url}/readyz`)).json()).toEqual({ status: 'ready', database: 'ok' });
  }
});

test('SIGTERM stops a process cleanly with exit code 0', async () => {
  const app = apps.pop()!;
  app.child.kill('SIGTERM');
  expect(await app.exited).toBe(0);
});

test('a bad configuration value stops the start with a message naming the variable, not its value', async () => {
  const result = await failingStart({ DATABASE_URL: 'mysql://secret-password@host/db', PORT: 'eighty' });
  expect(result.code).toBe(1);
  expect(result.output).toContain('DATABASE_URL');
  expect(result.output).toContain('PORT');
  expect(result.output).not.toContain('secret-password');
});

test('without SEED_DEMO an empty external database gets no demo data', async () => {
  const empty = `${database}_noseed`;
  await query(`create database ${empty}`, adminUrl);
  const u = new URL(adminUrl);
  u.pathname = `/${empty}`;
  const app = await startAppProcess({ DATABASE_URL: u.toString(), PORT: String(await freePort()) });
  try {
    expect(app.demoAccounts()).toEqual([]);
    expect(await query('select count(*)::int as n from organizations', u.toString())).toEqual([{ n: 0 }]);
  } finally {
    app.child.kill('SIGTERM');
    await app.exited;
    await query(`drop database if exists ${empty} with (force)`, adminUrl);
  }
});
