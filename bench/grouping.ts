// npm run bench:grouping [-- --seeds N] [--only <pattern>] [--jobs N] [--json] [--time-scale X] [--quick]
// Runs the grouping CLI on every MDGPLIB instance in ../shared/benchmarks/mdgp (or $MDGP_DIR)
// at the record holder's time limit, one child process per run, `--jobs` at a time (default 2:
// one run per core on the reference machine). Every answer is re-checked against the file:
// a run that fails, an infeasible answer or a misreported objective prints WRONG and exits 1.
// `--quick` (a step of `npm test`): the four n ≤ 12 instances that ship with the repository
// (domain/grouping/fixtures/mdgplib-small), 3 seeds, at their 1 s limit; results not saved.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseMdgplib } from '../domain/grouping/mdgplib.ts';
import { evaluateAssignment } from '../domain/grouping/partition.ts';
import { findViolations } from '../domain/grouping/verify.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

type Instance = { name: string; n: number; m: number; bkv: number; tpsdpAvg: number; timeLimit: number };
type Run = { instance: string; seed: number; objective: number; seconds: number; iterations: number };

const { values } = parseArgs({
  options: {
    seeds: { type: 'string' },
    only: { type: 'string' },
    jobs: { type: 'string', default: '2' },
    json: { type: 'boolean', default: false },
    'time-scale': { type: 'string', default: '1' },
    quick: { type: 'boolean', default: false },
  },
});
const QUICK = values.quick;
// The listing (name, n, m, bkv, TPSDP mean, time limit) and the folder of instance files.
const data = QUICK
  ? { listing: resolve(root, 'domain/grouping/fixtures/mdgplib-small/optima.csv'), instances: resolve(root, 'domain/grouping/fixtures/mdgplib-small') }
  : (() => {
      const dir = process.env.MDGP_DIR ?? resolve(root, '../shared/benchmarks/mdgp');
      return { listing: join(dir, 'bkv.csv'), instances: join(dir, 'instances') };
    })();
const seeds = Number(values.seeds ?? (QUICK ? 3 : 10));
const jobs = Math.max(1, Number(values.jobs));
const timeScale = Number(values['time-scale']);

function readInstances(): Instance[] {
  const lines = readFileSync(data.listing, 'utf8').trim().split('\n');
  return lines.slice(1).map((line) => {
    const [name, n, m, bkv, avg, limit] = line.split(',');
    return { name: name!, n: Number(n), m: Number(m), bkv: Number(bkv), tpsdpAvg: Number(avg), timeLimit: Number(limit) };
  });
}

function runOnce(instance: Instance, seed: number): Promise<Run> {
  const file = join(data.instances, `${instance.name}.txt`);
  const args = [join(root, 'server/cli/grouping.ts'), 'solve', file, '--time-limit', String(instance.timeLimit * timeScale), '--seed', String(seed)];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      try {
        const r = JSON.parse(last) as { objective: number; assignment: number[]; seconds: number; iterations: number };
        if (code !== 0) throw new Error(`exit ${code}`);
        resolvePromise({ instance: instance.name, seed, objective: r.objective, seconds: r.seconds, iterations: r.iterations, assignment: r.assignment } as Run & { assignment: number[] });
      } catch (error) {
        reject(new Error(`${instance.name} seed ${seed}: ${String(error)}; output: ${last.slice(0, 200)}`));
      }
    });
  });
}

function verify(instance: Instance, run: Run & { assignment?: number[] }): void {
  const problem = parseMdgplib(readFileSync(join(data.instances, `${instance.name}.txt`), 'utf8'));
  const assignment = run.assignment ?? [];
  const violations = findViolations(problem, assignment);
  if (violations.length > 0) throw new Error(`${instance.name} seed ${run.seed}: infeasible answer: ${violations[0]!.message}`);
  const value = evaluateAssignment(problem, assignment);
  if (Math.abs(value - run.objective) > 1e-6 * Math.max(1, Math.abs(value))) {
    throw new Error(`${instance.name} seed ${run.seed}: reported ${run.objective}, recomputed ${value}`);
  }
  delete run.assignment;
}

async function main(): Promise<void> {
  const pattern = values.only ? new RegExp(values.only) : null;
  const instances = readInstances().filter((i) => !pattern || pattern.test(i.name));
  const tasks = instances.flatMap((instance) => Array.from({ length: seeds }, (_, s) => ({ instance, seed: s + 1 })));
  const runs: Run[] = [];
  const wrong: string[] = [];
  let next = 0;
  const started = Date.now();
  const workers = Array.from({ length: Math.min(jobs, tasks.length) }, async () => {
    while (next < tasks.length) {
      const task = tasks[next++]!;
      try {
        const run = await runOnce(task.instance, task.seed);
        verify(task.instance, run);
        runs.push(run);
        if (!values.json) process.stderr.write(`  ${task.instance.name} seed ${task.seed}: ${run.objective.toFixed(3)}\n`);
      } catch (error) {
        wrong.push((error as Error).message);
        process.stderr.write(`  WRONG: ${(error as Error).message}\n`);
      }
    }
  });
  await Promise.all(workers);
  if (runs.length === 0) wrong.push('no run finished');

  const rows = instances.filter((instance) => runs.some((r) => r.instance === instance.name)).map((instance) => {
    const mine = runs.filter((r) => r.instance === instance.name).map((r) => r.objective);
    const best = Math.max(...mine);
    const mean = mine.reduce((a, b) => a + b, 0) / mine.length;
    // Rounding noise on a proven optimum should print as 0, not -0.000.
    const gap = (v: number): number => { const g = (100 * (instance.bkv - v)) / instance.bkv; return Math.abs(g) < 5e-7 ? 0 : g; };
    return {
      instance: instance.name,
      n: instance.n,
      timeLimit: instance.timeLimit * timeScale,
      runs: mine.length,
      best,
      mean,
      bestGap: gap(best),
      meanGap: gap(mean),
      paperMeanGap: gap(instance.tpsdpAvg),
      meanAtOrAbovePaper: mean >= instance.tpsdpAvg - 1e-6,
      meanIterations: runs.filter((r) => r.instance === instance.name).reduce((a, r) => a + r.iterations, 0) / mine.length,
    };
  });
  const summary = {
    command: `npm run bench:grouping -- ${process.argv.slice(2).join(' ')}`.trim(),
    seeds,
    jobs,
    wallSeconds: (Date.now() - started) / 1000,
    withinTarget: rows.filter((r) => r.meanGap <= r.paperMeanGap + 0.1).length,
    atOrAbovePaperMean: rows.filter((r) => r.meanAtOrAbovePaper).length,
    instances: rows.length,
  };
  process.exitCode = wrong.length > 0 ? 1 : 0;
  if (!QUICK) {
    mkdirSync(join(root, 'bench/results'), { recursive: true });
    writeFileSync(join(root, 'bench/results/grouping-latest.json'), JSON.stringify({ summary, rows, runs, wrong }, null, 2));
  }
  if (values.json) {
    console.log(JSON.stringify({ summary, rows, wrong }));
    return;
  }
  const header = '| instance | time (s) | best | mean | best gap % | mean gap % | TPSDP mean gap % | mean ≥ TPSDP |';
  console.log(header);
  console.log('|---|---:|---:|---:|---:|---:|---:|:---:|');
  for (const r of rows) {
    console.log(`| ${r.instance} | ${r.timeLimit} | ${r.best.toFixed(3)} | ${r.mean.toFixed(3)} | ${r.bestGap.toFixed(3)} | ${r.meanGap.toFixed(3)} | ${r.paperMeanGap.toFixed(3)} | ${r.meanAtOrAbovePaper ? 'yes' : 'no'} |`);
  }
  console.log(`\n${summary.withinTarget}/${summary.instances} instances within 0.1 pp of TPSDP's mean gap; mean ≥ TPSDP mean on ${summary.atOrAbovePaperMean}; ${seeds} seeds, ${jobs} parallel runs, ${summary.wallSeconds.toFixed(0)} s wall.`);
  console.log(`checked: ${runs.length} of ${tasks.length} runs feasible with their objective recomputed from the file`);
  if (wrong.length > 0) console.log(`\nWRONG RESULTS:\n  ${wrong.join('\n  ')}`);
}

await main();
