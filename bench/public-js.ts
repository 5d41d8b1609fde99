// npm run bench:public-js [-- --url http://localhost:5183] [--json] [--files] [--quick]
// The JavaScript each public page loads: the module scripts and modulepreloads in its HTML and
// the entry its inline loader imports, read from build/client, in KB raw and gzipped. Without
// --url it builds if stale and starts the built app on a fresh data directory (demo seed).
// Prints figures; never passes or fails on size. It fails (exit 1) only on a wrong result: a
// page that does not answer 200, or that loads a script the build does not have. --quick (npm
// test) is the same run: it takes about 15 s.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { freePort } from '../tests/helpers/app-process.ts';
import { scriptsOf } from '../tests/helpers/page-scripts.ts';
import { publicPages, startBuiltApp, type RunningApp } from '../tests/helpers/public-pages.ts';
import { ensureBuild, giveUpAfter } from './lib/setup.ts';

const root = path.resolve(import.meta.dirname, '..');
const clientRoot = path.join(root, 'build/client');
const { values } = parseArgs({ options: { url: { type: 'string' }, json: { type: 'boolean', default: false }, files: { type: 'boolean', default: false }, quick: { type: 'boolean', default: false } } });
const limit = giveUpAfter('bench:public-js', 240_000);

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

let app: RunningApp | undefined;
if (!values.url) {
  ensureBuild(root, { say: (line) => process.stderr.write(`${line}\n`), output: 'quiet' });
  app = await startBuiltApp(await freePort());
  limit.onGiveUp(() => app?.stop());
}
const base = values.url ?? app!.url;
try {
  const rows: { page: string; path: string; files: number; rawBytes: number; gzipBytes: number; largest: string[] }[] = [];
  for (const page of await publicPages(base)) {
    const response = await fetch(new URL(page.path, base));
    if (response.status !== 200) throw new Error(`${page.path} answered ${response.status}`);
    const html = await response.text();
    const sizes = scriptsOf(html).map((src) => {
      const bytes = fs.readFileSync(path.join(clientRoot, src));
      return { src, raw: bytes.length, gzip: zlib.gzipSync(bytes).length };
    });
    rows.push({
      page: page.name,
      path: page.path,
      files: sizes.length,
      rawBytes: sizes.reduce((s, f) => s + f.raw, 0),
      gzipBytes: sizes.reduce((s, f) => s + f.gzip, 0),
      largest: sizes
        .sort((a, b) => b.gzip - a.gzip)
        .slice(0, values.files ? sizes.length : 4)
        .map((f) => `${path.basename(f.src)} ${kb(f.gzip)}`),
    });
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  } else {
    process.stdout.write('| page | files | JS KB | JS KB gzip | largest (KB gzip) |\n| --- | ---: | ---: | ---: | --- |\n');
    for (const r of rows) process.stdout.write(`| ${r.page} (${r.path}) | ${r.files} | ${kb(r.rawBytes)} | ${kb(r.gzipBytes)} | ${r.largest.join(', ')} |\n`);
  }
} finally {
  await app?.stop();
}
