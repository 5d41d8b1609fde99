// Is the production build (build/) current with the source? One answer for `npm start` and
// the benchmarks: rebuild when there is no build or anything that goes into it changed since.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folders whose files go into the build (or are read by it). */
const SOURCE_DIRS = ['app', 'db', 'domain', 'lib', 'server'];
/** Single files that change what the build produces; `node_modules/.package-lock.json` moves on every `npm ci`. */
const SOURCE_FILES = ['package.json', 'package-lock.json', 'vite.config.ts', 'react-router.config.ts', 'tsconfig.json', 'node_modules/.package-lock.json'];
/** The last file a build writes: the server bundle comes after the client one. */
const BUILD_MARKER = 'build/server/index.js';

function mtime(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * The newest modification time under `dir` (0 when it does not exist). Folders count too: a
 * deleted or renamed source file changes its folder's time, not any file's.
 */
function newest(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let latest = mtime(dir);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() && !entry.isDirectory()) continue;
    latest = Math.max(latest, mtime(path.join(entry.parentPath, entry.name)));
  }
  return latest;
}

/** Why `root` needs a build, or undefined when build/ is newer than every source file. */
export function buildStaleness(root: string): string | undefined {
  const built = mtime(path.join(root, BUILD_MARKER));
  if (built === 0) return 'there is no build yet';
  const changed = [...SOURCE_DIRS.filter((d) => newest(path.join(root, d)) > built), ...SOURCE_FILES.filter((f) => mtime(path.join(root, f)) > built)];
  return changed.length > 0 ? `${changed.join(', ')} changed since the last build` : undefined;
}

/**
 * Builds with `react-router build` when asked to, when there is no build, or when a source file
 * is newer than the build — so nothing runs (or is measured) on old code.
 * `output: 'inherit'` shows the build's own output; 'quiet' only its errors.
 */
export function ensureBuild(root: string, options: { force?: boolean; say: (line: string) => void; output?: 'inherit' | 'quiet' }): void {
  const reason = options.force ? 'asked to' : buildStaleness(root);
  if (reason === undefined) return;
  options.say(`building (react-router build): ${reason}…`);
  const result = spawnSync(path.join(root, 'node_modules/.bin/react-router'), ['build'], {
    cwd: root,
    stdio: ['ignore', options.output === 'inherit' ? 'inherit' : 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error('react-router build failed');
}

// `node server/build.ts [--force]`: build only when the build is missing or older than the source.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(import.meta.dirname, '..');
  try {
    ensureBuild(root, { force: process.argv.includes('--force'), say: (line) => process.stderr.write(`${line}\n`), output: 'inherit' });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
