// Started as root, the app runs its embedded PostgreSQL as the unprivileged `postgres` user.
// A DATA_DIR that user cannot reach — `mktemp -d` makes folders only root may open — must
// still work: the database goes where that user can reach it, and no folder of the person's
// changes mode. Where there is no such place, the message says what to do.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { startEmbeddedPostgres } from '../../db/embedded.server.ts';
import { freePort, startAppProcess, type AppProcess } from '../helpers/app-process.ts';

const asRoot = process.getuid?.() === 0;
const made: string[] = [];
const running: AppProcess[] = [];

/** Like `mktemp -d`: a fresh folder under the system's temporary folder, mode 0700. */
function mktempD(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmp.'));
  made.push(dir);
  expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  return dir;
}

function modeOf(dir: string): number {
  return fs.statSync(dir).mode & 0o777;
}

async function stop(app: AppProcess) {
  app.child.kill('SIGTERM');
  expect(await app.exited).toBe(0);
}

afterAll(async () => {
  for (const app of running) if (app.child.exitCode === null) app.child.kill('SIGKILL');
  for (const dir of made) {
    // A cluster kept elsewhere is recorded in the data directory: remove it with it.
    for (const pointer of [path.join(dir, 'pg-location'), path.join(dir, 'data', 'pg-location')]) {
      if (fs.existsSync(pointer)) fs.rmSync(path.dirname(fs.readFileSync(pointer, 'utf8').trim()), { recursive: true, force: true });
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe.skipIf(!asRoot)('npm start as root with DATA_DIR from mktemp -d', () => {
  test('DATA_DIR=$(mktemp -d): the app starts, serves, and starts again on the same data', async () => {
    const dataDir = mktempD();
    const first = await startAppProcess({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    running.push(first);
    expect(first.demoAccounts().length).toBeGreaterThan(0);
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
    await stop(first);

    const again = await startAppProcess({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    running.push(again);
    expect(again.demoAccounts()).toEqual([]); // the same database: seeded once
    expect((await fetch(`${again.url}/readyz`)).status).toBe(200);
    await stop(again);
  }, 240_000);

  test('DATA_DIR=$(mktemp -d)/data, a parent the postgres user cannot open: it runs, and the parent keeps its mode', async () => {
    const parent = mktempD();
    const dataDir = path.join(parent, 'data');
    const first = await startAppProcess({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    running.push(first);
    expect(first.demoAccounts().length).toBeGreaterThan(0);
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
    // Told where the database went, and the person's folder was left as it was.
    const pointer = path.join(dataDir, 'pg-location');
    const cluster = fs.readFileSync(pointer, 'utf8').trim();
    expect(first.output()).toContain(`is kept in ${cluster}`);
    expect(fs.existsSync(path.join(cluster, 'PG_VERSION'))).toBe(true);
    expect(modeOf(parent)).toBe(0o700);
    await stop(first);

    const again = await startAppProcess({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    running.push(again);
    expect(again.demoAccounts()).toEqual([]);
    expect(again.output()).not.toContain('is kept in'); // said once, on the first start
    expect((await fetch(`${again.url}/readyz`)).status).toBe(200);
    await stop(again);
  }, 240_000);

  test('with nowhere the postgres user can reach, the message names the folder and what to do', async () => {
    const parent = mktempD();
    const dataDir = path.join(parent, 'data');
    const clusterRoot = path.join(parent, 'clusters'); // inside the same closed folder
    const error = await startEmbeddedPostgres({ dataDir, clusterRoot }).then(
      async (server) => {
        await server.stop();
        return undefined;
      },
      (e: Error) => e,
    );
    expect(error?.message).toContain(`cannot open ${parent} (mode 0700)`);
    expect(error?.message).toContain('Choose a DATA_DIR');
    expect(error?.message).toContain(`chmod o+x ${parent}`);
    expect(modeOf(parent)).toBe(0o700);
    // The lock was released: nothing is left holding the data directory.
    expect(fs.existsSync(path.join(dataDir, 'balint-hub.pid'))).toBe(false);
  });
});
