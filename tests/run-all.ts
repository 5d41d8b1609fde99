// `npm test`: the whole suite, as CI runs it. Build, typecheck, unit and database tests
// (Vitest), every benchmark in bench/ in its quick mode (small sizes, all its correctness
// checks; timings printed, never asserted), the resilience figures in their quick mode, then
// the browser tests (Playwright) against the built app. Ends with one line "total: N passed,
// N failed": Vitest's and Playwright's tests, each benchmark and the resilience run as one item.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
if (major < 22 || (major === 22 && minor < 22)) {
  console.error(`Balint Hub needs Node.js 22.22 or newer; this is ${process.version}. Run the tests with "npm test", which uses the Node 24 that npm ci installed.`);
  process.exit(1);
}

const results = path.resolve('test-results');
fs.mkdirSync(results, { recursive: true });
const only = process.argv.slice(2);
const wants = (step: string) => only.length === 0 || only.includes(step);

function run(title: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  console.log(`\n=== ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${title}: ${result.status === 0 ? 'ok' : `failed (exit ${result.status ?? result.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status === 0;
}

let ok = true;
let passed = 0;
let failed = 0;
let skipped = 0;

if (wants('build')) ok = run('build', 'react-router', ['build']) && ok;
if (wants('typecheck')) ok = run('route types', 'react-router', ['typegen']) && run('typecheck', 'tsc', []) && ok;

if (wants('vitest')) {
  const file = path.join(results, 'vitest.json');
  fs.rmSync(file, { force: true });
  ok = run('unit and database tests (vitest)', 'vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]) && ok;
  if (fs.existsSync(file)) {
    const report = JSON.parse(fs.readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
  } else failed += 1;
}

if (wants('bench')) {
  // Every bench/*.ts is a benchmark; each must take --quick and exit non-zero on a wrong result.
  const benchmarks = fs
    .readdirSync('bench')
    .filter((file) => file.endsWith('.ts'))
    .sort();
  if (benchmarks.length === 0) failed += 1;
  for (const file of benchmarks) {
    if (run(`benchmark ${file} --quick (correctness checked; timings only printed)`, process.execPath, [path.join('bench', file), '--quick'])) passed += 1;
    else {
      failed += 1;
      ok = false;
    }
  }
}

if (wants('resilience')) {
  // The resilience figures in their quick mode (scripts/resilience/run.ts, ADR 0072): crash,
  // database faults, fuzzing, soak (and the backup round trip when present); one item.
  if (run('resilience figures --quick (npm run verify:resilience -- --quick)', process.execPath, [path.join('scripts', 'resilience', 'run.ts'), '--quick'])) passed += 1;
  else {
    failed += 1;
    ok = false;
  }
}

if (wants('e2e')) {
  const file = path.join(results, 'playwright.json');
  fs.rmSync(file, { force: true });
  ok = run('browser tests (playwright)', 'playwright', ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: file }) && ok;
  if (fs.existsSync(file)) {
    const report = JSON.parse(fs.readFileSync(file, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
    passed += report.stats.expected + report.stats.flaky;
    failed += report.stats.unexpected;
    skipped += report.stats.skipped;
  } else failed += 1;
}

if (!ok && failed === 0) failed = 1; // a build or typecheck failure counts
console.log(`\ntotal: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(ok && failed === 0 ? 0 : 1);
