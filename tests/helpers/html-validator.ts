// The W3C Nu Html Checker (the `vnu-jar` package, run with Java 17+) over HTML documents.
// Without Java it throws with what to install: the check must not quietly pass.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

export interface HtmlProblem {
  document: string;
  line?: number;
  message: string;
  extract?: string;
}

const JAVA_MISSING =
  'The HTML check (W3C Nu Html Checker, npm vnu-jar) needs Java 17 or newer and found none. ' +
  'Install a JRE — on Debian or Ubuntu: apt-get install -y default-jre-headless (.ci/run does this) — or set JAVA to its java binary.';

export function javaBinary(): string {
  const java = process.env.JAVA ?? 'java';
  const probe = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new Error(JAVA_MISSING);
  const version = /version "(\d+)/.exec(probe.stderr)?.[1];
  if (version && Number(version) < 17) throw new Error(`${JAVA_MISSING} (found Java ${version})`);
  return java;
}

/** The errors the checker finds in each document (name → HTML); warnings are not counted. */
export function validateHtml(documents: Record<string, string>): HtmlProblem[] {
  const java = javaBinary();
  const jar = createRequire(import.meta.url)('vnu-jar') as string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'balint-vnu-'));
  const names = new Map<string, string>();
  try {
    Object.entries(documents).forEach(([name, html], i) => {
      const file = path.join(dir, `${i}.html`);
      fs.writeFileSync(file, html);
      names.set(`file:${file}`, name);
    });
    const run = spawnSync(java, ['-Xss1024k', '-jar', jar, '--errors-only', '--format', 'json', '--stdout', ...[...names.keys()].map((u) => u.slice(5))], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.error) throw run.error;
    let report: { messages: { type: string; subType?: string; url?: string; lastLine?: number; message: string; extract?: string }[] };
    try {
      report = JSON.parse(run.stdout);
    } catch {
      throw new Error(`the Nu Html Checker did not answer in JSON (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
    }
    return report.messages
      .filter((m) => m.type === 'error' || (m.type === 'non-document-error' && m.subType !== 'internal'))
      .map((m) => ({ document: names.get(m.url ?? '') ?? m.url ?? '?', line: m.lastLine, message: m.message, extract: m.extract }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
