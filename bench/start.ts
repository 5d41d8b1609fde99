// npm run bench:start [-- --json] [--restarts 5] [--quick]
// How long `npm start` takes, the way a person runs it: `node server/start.ts` (build check,
// embedded PostgreSQL, migrations, demo data, HTTP server) until the first page answers 200.
// First on an empty DATA_DIR (initdb, every migration, demo data), then `--restarts` times on
// the data directory that start left behind, with the build current (no rebuild).
// Checks, which fail the run (exit 1): every start answers the home page with 200, the first
// prints the demo sign-ins, no later start prints them again or rebuilds, and the data of the
// first start is still there. Prints figures, never passes or fails on time.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from '../tests/helpers/app-process.ts';
import { ensureBuild, giveUpAfter } from './lib/setup.ts';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    restarts: { type: 'string' },
  },
});
const RESTARTS = Number(values.restarts ?? (values.quick ? 2 : 5));
giveUpAfter('bench:start', 300_000);

const say = (line: string) => {
  if (!values.json) process.stdout.write(`${line}\n`);
};

interface Start {
  /** Until the console says "Balint Hub is running". */
  runningMs: number;
  /** Until GET / answered 200. */
  firstPageMs: number;
  output: string;
}

/** Starts `node server/start.ts`, waits for the home page, then stops it with SIGINT. */
async function timeStart(dataDir: string, port: number): Promise<Start> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['server/start.ts'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'production', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let runningMs = 0;
  const collect = (c: Buffer) => {
    output += c.toString();
    if (!runningMs && output.includes('Balint Hub is running')) runningMs = performance.now() - t0;
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let exitedEarly = false;
  void exited.then(() => (exitedEarly = true));
  let firstPageMs = 0;
  while (!firstPageMs) {
    if (exitedEarly) throw new Error(`the app exited during start:\n${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`);
      await res.arrayBuffer();
      if (res.status === 200) firstPageMs = performance.now() - t0;
      else if (res.status !== 503) throw new Error(`GET / answered ${res.status}`);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('GET /')) throw error;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  child.kill('SIGINT');
  const code = await exited;
  if (code !== 0) throw new Error(`the app stopped with exit code ${code}:\n${output}`);
  return { runningMs: runningMs || firstPageMs, firstPageMs, output };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

ensureBuild(root, { say, output: 'quiet' });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-start-'));
// Readable by the `postgres` user when run as root, so the database lives in DATA_DIR itself.
fs.chmodSync(dir, 0o755);
const dataDir = path.join(dir, 'data');
const failures: string[] = [];
try {
  const port = await freePort();
  say(`bench:start — node server/start.ts on ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`);
  const first = await timeStart(dataDir, port);
  if (!first.output.includes('Demo sign-ins')) failures.push('the first start printed no demo sign-ins');
  say(`first start (empty DATA_DIR: initdb, migrations, demo data): running ${(first.runningMs / 1000).toFixed(2)} s, first page ${(first.firstPageMs / 1000).toFixed(2)} s`);

  const restarts: Start[] = [];
  for (let i = 0; i < RESTARTS; i++) {
    const start = await timeStart(dataDir, port);
    if (start.output.includes('Demo sign-ins')) failures.push(`restart ${i + 1} printed the demo sign-ins again (demo data seeded twice?)`);
    if (start.output.includes('building')) failures.push(`restart ${i + 1} rebuilt the app although the build was current`);
    restarts.push(start);
  }
  const pages = restarts.map((s) => s.firstPageMs);
  say(`restarts on that DATA_DIR (${RESTARTS}): first page median ${(median(pages) / 1000).toFixed(2)} s, worst ${(Math.max(...pages) / 1000).toFixed(2)} s`);
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({
        benchmark: 'start',
        cores: os.cpus().length,
        load: os.loadavg()[0],
        firstStartMs: Math.round(first.firstPageMs),
        restartMedianMs: Math.round(median(pages)),
        restartWorstMs: Math.round(Math.max(...pages)),
        restarts: RESTARTS,
        failures,
      })}\n`,
    );
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
if (failures.length > 0) {
  process.stderr.write(`WRONG RESULTS:\n  ${failures.join('\n  ')}\n`);
  process.exit(1);
}
