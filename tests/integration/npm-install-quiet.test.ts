// `npm ci` with the machine's own npm on an older Node (Debian's Node 20 here) is quiet: the
// project's .npmrc hides the eleven EBADENGINE warnings (nothing runs on that Node: `npm ci`
// installs Node 24, which every npm script uses), and errors still print and still fail.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
// The system's npm and Node: PATH without the project's node_modules/.bin (which holds Node 24).
const systemPath = (process.env.PATH ?? '').split(path.delimiter).filter((p) => !p.includes('node_modules')).join(path.delimiter);
const env = { ...process.env, PATH: systemPath, npm_config_loglevel: '', npm_config_engine_strict: '' };
const systemNode = spawnSync('node', ['--version'], { env, encoding: 'utf8' });
const [major = 0, minor = 0] = (systemNode.stdout ?? '').replace(/^v/, '').split('.').map(Number);
const olderNode = systemNode.status === 0 && (major < 22 || (major === 22 && minor < 22));
const hasNpm = spawnSync('npm', ['--version'], { env, encoding: 'utf8' }).status === 0;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'balint-npmrc-'));
for (const file of ['package.json', 'package-lock.json', '.npmrc']) fs.copyFileSync(path.join(root, file), path.join(dir, file));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function npm(...args: string[]) {
  const result = spawnSync('npm', args, { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe.skipIf(!olderNode || !hasNpm)(`npm ci on the system's Node ${systemNode.stdout?.trim()}`, () => {
  test('prints no EBADENGINE warnings, and would print them without the .npmrc setting', () => {
    const quiet = npm('ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund');
    expect(quiet.status).toBe(0);
    expect(quiet.output).toMatch(/added \d+ packages/);
    expect(quiet.output).not.toContain('EBADENGINE');
    // What the setting hides: one warning per package that needs a newer Node.
    const loud = npm('ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn');
    expect(loud.output.match(/npm warn EBADENGINE Unsupported engine/g)?.length).toBeGreaterThan(0);
  });

  test('still prints errors and fails on them', () => {
    const missing = npm('run', 'no-such-script');
    expect(missing.status).not.toBe(0);
    expect(missing.output).toContain('npm error Missing script: "no-such-script"');
  });
});
