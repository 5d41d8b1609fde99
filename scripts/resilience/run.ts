// npm run verify:resilience [-- --quick] [--only crash,db-faults,fuzz,soak,backup] [--rounds 20]
//                          [--per-action 10000] [--soak-seconds 600] [--seed N] [--json]
// (--seed replays a fuzz run: the seed is printed with its figures; --targets <regex> keeps the
// fuzz targets whose label matches, e.g. --targets webhooks)
// The resilience figures of issue 16, each from one module in this folder with the same
// interface (run({ quick, log }) → { name, ok, figures, details }):
//   crash       SIGKILL of the app during writes, 20 rounds (quick: 3)
//   db-faults   pg_terminate_backend mid-transaction; PostgreSQL immediate shutdown and restart
//   fuzz        generated requests to every form action and API operation, 10,000 each
//               (quick: 15 each; --per-action N)
//   soak        10 minutes of mixed traffic (quick: 30 s; --soak-seconds N)
//   backup      the backup round trip under load (backup-round-trip.ts, when present)
// On a production build (built first if the source changed), each module on its own
// throwaway embedded PostgreSQL. Prints a table of figures; exits 1 if any module failed.
// `--quick` is a step of `npm test` (tests/run-all.ts, one item: passed or failed) and is meant
// to stay around 3 minutes on an idle 2-core machine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureBuild } from '../../server/build.ts';
import { running, type ModuleOptions, type ModuleResult } from './lib.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    rounds: { type: 'string' },
    'per-action': { type: 'string' },
    'soak-seconds': { type: 'string' },
    seed: { type: 'string' },
    targets: { type: 'string' },
    json: { type: 'boolean', default: false },
    build: { type: 'boolean', default: false },
  },
});
const here = import.meta.dirname;
const root = path.resolve(here, '../..');
const say = (line: string) => process.stdout.write(`${line}\n`);
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));

type Run = (opts: ModuleOptions) => Promise<ModuleResult>;
const MODULES: { key: string; file: string }[] = [
  { key: 'crash', file: 'crash.ts' },
  { key: 'db-faults', file: 'db-faults.ts' },
  { key: 'fuzz', file: 'fuzz.ts' },
  { key: 'soak', file: 'soak.ts' },
  { key: 'backup', file: 'backup-round-trip.ts' },
];
const only = values.only ? new Set(values.only.split(',').map((s) => s.trim())) : undefined;
if (only) for (const key of only) if (!MODULES.some((m) => m.key === key)) throw new Error(`unknown module "${key}" (one of ${MODULES.map((m) => m.key).join(', ')})`);

// Stray rejections in the runner itself (a request the module abandoned) are reported, not fatal.
const strays: string[] = [];
process.on('unhandledRejection', (reason) => strays.push(String(reason)));

// Interrupted, or stuck past the guard: stop the apps before their databases (newest first), then exit.
async function abandon(why: string, code: number) {
  say(`\n${why}: stopping what is running…`);
  for (const stop of [...running].reverse()) await stop().catch(() => undefined);
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void abandon(signal, 130));
const guardMinutes = values.quick ? 15 : 180;
setTimeout(() => void abandon(`still running after ${guardMinutes} minutes`, 2), guardMinutes * 60_000).unref();

ensureBuild(root, { force: values.build, say });
const sizes = { rounds: num(values.rounds), perAction: num(values['per-action']), soakSeconds: num(values['soak-seconds']), seed: num(values.seed) };
const results: (ModuleResult & { seconds: number })[] = [];
const started = Date.now();
const loadAtStart = os.loadavg()[0]!;
for (const module of MODULES) {
  if (only && !only.has(module.key)) continue;
  const file = path.join(here, module.file);
  if (!fs.existsSync(file)) {
    say(`\n--- ${module.key}: ${module.file} is not here; skipped`);
    continue;
  }
  say(`\n--- ${module.key} (${values.quick ? 'quick' : 'full'})`);
  const t0 = Date.now();
  let result: ModuleResult;
  try {
    const { run } = (await import(pathToFileURL(file).href)) as { run: Run };
    result = await run({ quick: values.quick, log: say, sizes, targets: values.targets });
  } catch (error) {
    result = { name: module.key, ok: false, figures: {}, details: (error as Error).stack ?? String(error) };
  }
  results.push({ ...result, seconds: (Date.now() - t0) / 1000 });
  say(`--- ${module.key}: ${result.ok ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

say(`\nResilience figures (${values.quick ? 'quick' : 'full'}), ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${os.cpus().length} cores, load average ${loadAtStart.toFixed(1)} at the start and ${os.loadavg()[0]!.toFixed(1)} at the end:`);
for (const r of results) {
  say(`\n  ${r.ok ? 'ok    ' : 'FAILED'} ${r.name} (${r.seconds.toFixed(0)} s)`);
  for (const [label, value] of Object.entries(r.figures)) say(`         ${label.padEnd(48)} ${value}`);
  if (r.details) say(r.details.split('\n').map((l) => `         ! ${l}`).join('\n'));
}
if (strays.length) say(`\n  (runner: ${strays.length} abandoned requests rejected after their module ended)`);
say(`\n${results.filter((r) => r.ok).length} of ${results.length} passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
if (values.json) say(JSON.stringify({ quick: values.quick, load: [loadAtStart, os.loadavg()[0]], results }));
process.exit(results.length > 0 && results.every((r) => r.ok) ? 0 : 1);
