// A real start on an embedded PostgreSQL: the data directory is locked against a second
// start, and every write the app acknowledged survives `kill -9` of the app (phase 1) and of
// the app and its database server together (phase 2).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { failingStart, freePort, signUp, startAppProcess, type AppProcess } from '../helpers/app-process.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'balint-crash-'));
let pgPort = 0;
let app: AppProcess | undefined;

async function start() {
  pgPort ||= await freePort();
  app = await startAppProcess({ DATA_DIR: dataDir, PORT: String(await freePort()), EMBEDDED_PG_PORT: String(pgPort) });
  return app;
}

async function emailsInDatabase(): Promise<Set<string>> {
  const secret = fs.readFileSync(path.join(dataDir, 'pg-secret'), 'utf8').trim();
  const client = new pg.Client({ connectionString: `postgres://balint:${encodeURIComponent(secret)}@127.0.0.1:${pgPort}/balint_hub` });
  await client.connect();
  try {
    const result = await client.query<{ email: string }>('select email from users');
    return new Set(result.rows.map((r) => r.email));
  } finally {
    await client.end();
  }
}

/** Four writers sign people up until the app dies; returns what it acknowledged. */
async function writeUntilKilled(running: AppProcess, kill: () => void, prefix: string): Promise<string[]> {
  const acknowledged: string[] = [];
  let n = 0;
  let alive = true;
  const writer = async () => {
    while (alive) {
      const email = `${prefix}-${n++}@example.org`;
      try {
        if (await signUp(running.url, email)) acknowledged.push(email);
      } catch {
        // connection refused or reset: the app is gone
      }
    }
  };
  const writers = Promise.all([writer(), writer(), writer(), writer()]);
  while (acknowledged.length < 12) await new Promise((r) => setTimeout(r, 50));
  kill();
  await running.exited;
  alive = false;
  await writers;
  return acknowledged;
}

function postmasterPid(): number {
  return Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
}

afterAll(async () => {
  if (app && app.child.exitCode === null) {
    app.child.kill('SIGTERM');
    await app.exited;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('an app on the embedded database', () => {
  test('a second start on the same data directory fails with a clear message', async () => {
    const running = await start();
    const second = await failingStart({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(second.code).toBe(1);
    expect(second.output).toContain('already running on the data directory');
    expect(second.output).toContain(`process ${running.child.pid}`);
    // The first one is unharmed.
    expect((await fetch(`${running.url}/readyz`)).status).toBe(200);
  });

  test('kill -9 of the app while it writes loses no acknowledged write', async () => {
    const running = app!;
    const acknowledged = await writeUntilKilled(running, () => running.child.kill('SIGKILL'), 'phase1');
    await start(); // finds the orphaned database server, stops it cleanly, starts again
    const stored = await emailsInDatabase();
    expect(acknowledged.length).toBeGreaterThanOrEqual(12);
    expect(acknowledged.filter((e) => !stored.has(e))).toEqual([]);
  });

  test('kill -9 of the app and its database server together loses no acknowledged write', async () => {
    const running = app!;
    const acknowledged = await writeUntilKilled(
      running,
      () => {
        process.kill(postmasterPid(), 'SIGKILL');
        running.child.kill('SIGKILL');
      },
      'phase2',
    );
    const restarted = await start(); // PostgreSQL replays its write-ahead log
    const stored = await emailsInDatabase();
    expect(acknowledged.filter((e) => !stored.has(e))).toEqual([]);
    expect((await fetch(`${restarted.url}/readyz`)).status).toBe(200);
  });

  test('SIGTERM shuts down cleanly: exit 0, database server stopped, lock released', async () => {
    const running = app!;
    const pid = postmasterPid();
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    expect(() => process.kill(pid, 0)).toThrow();
    expect(fs.existsSync(path.join(dataDir, 'balint-hub.pid'))).toBe(false);
  });
});
