// Starts PostgreSQL for the `db` test project: an embedded server in a temporary directory,
// or the server at TEST_DATABASE_URL. Builds one migrated template database; every test
// file clones it (CREATE DATABASE ... TEMPLATE), so files never see each other's rows.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../db/embedded.server.ts';
import { migrateDatabase } from '../../db/migrate.server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  let adminUrl: string;
  let stopServer = async () => {};
  let tempDir: string | undefined;
  if (process.env.TEST_DATABASE_URL) {
    adminUrl = process.env.TEST_DATABASE_URL;
  } else {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'balint-test-pg-'));
    const server = await startEmbeddedPostgres({ dataDir: tempDir, lock: false, settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } });
    adminUrl = server.adminUrl;
    stopServer = server.stop;
  }

  const template = `balint_tpl_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${template}`);
  const pool = new pg.Pool({ connectionString: withDatabase(adminUrl, template), max: 2 });
  try {
    await migrateDatabase(pool);
  } finally {
    await pool.end();
  }

  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);

  return async () => {
    // Drop leftovers of test files that crashed before their own cleanup.
    const leftovers = await admin.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`${template}_%`]);
    for (const { datname } of leftovers.rows) await admin.query(`drop database if exists ${datname} with (force)`);
    await admin.query(`drop database if exists ${template} with (force)`);
    await admin.end();
    await stopServer();
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  };
}
