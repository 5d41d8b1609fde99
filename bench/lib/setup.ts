// What every benchmark does before it measures: a production build that matches the source,
// and a time limit so a stuck run on a shared machine ends.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const SOURCE_DIRS = ['app', 'db', 'domain', 'lib', 'server'];

/** The newest modification time of any file under `dir` (0 when it does not exist). */
function newest(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    latest = Math.max(latest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/**
 * Builds with `react-router build` when asked to, when there is no build, or when a source file
 * is newer than the build — so a figure is never measured on old code.
 */
export function ensureBuild(root: string, options: { force?: boolean; say: (line: string) => void }): void {
  const built = path.join(root, 'build/server/index.js');
  const stale = !fs.existsSync(built) || SOURCE_DIRS.some((d) => newest(path.join(root, d)) > fs.statSync(built).mtimeMs);
  if (!options.force && !stale) return;
  options.say('building (react-router build)…');
  const result = spawnSync(path.join(root, 'node_modules/.bin/react-router'), ['build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error('react-router build failed');
}

/** Ends the process with exit code 2 if the benchmark runs longer than `ms`. */
export function giveUpAfter(name: string, ms: number): void {
  const timer = setTimeout(() => {
    process.stderr.write(`${name} took longer than ${Math.round(ms / 60_000)} minutes; giving up.\n`);
    process.exit(2);
  }, ms);
  timer.unref();
}
