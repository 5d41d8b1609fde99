// `npm start`: build only when the source changed since the last build (server/build.ts), then
// start the app in this same process (server/main.ts), with Node's on-disk compile cache so
// later starts skip compiling the server's modules again.
import module from 'node:module';
import path from 'node:path';
import { ensureBuild } from './build.ts';

const root = path.resolve(import.meta.dirname, '..');
try {
  ensureBuild(root, { say: (line) => process.stderr.write(`${line}\n`), output: 'inherit' });
} catch (error) {
  process.stderr.write(`\nBalint Hub could not start: ${(error as Error).message}\n\n`);
  process.exit(1);
}

// Keyed by file content and Node version, so a stale entry is never used; NODE_COMPILE_CACHE
// overrides the folder, NODE_DISABLE_COMPILE_CACHE=1 turns it off.
module.enableCompileCache?.(process.env.NODE_COMPILE_CACHE || path.join(root, 'node_modules/.cache/balint-hub-compile'));
await import('./main.ts');
module.flushCompileCache?.();
