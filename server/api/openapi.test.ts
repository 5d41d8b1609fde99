// The served description must be a valid OpenAPI 3.1 document, pass Redocly's recommended
// rules without a warning, and describe exactly the routes the API answers.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validate } from '@readme/openapi-parser';
import { expect, test } from 'vitest';
import { apiRoutes } from './handle-api.server.ts';
import { openApiDocument } from './openapi.ts';

const root = path.resolve(import.meta.dirname, '../..');
// The document names the deployment's PUBLIC_URL as its server; the lint renders it for a
// stand-in deployment (a localhost URL would rightly be warned about: no-server-example.com).
const PUBLIC_URL = 'https://balint.example.org';

test('the document is valid OpenAPI 3.1 (checked by @readme/openapi-parser)', async () => {
  const document = openApiDocument(PUBLIC_URL);
  const result = await validate(structuredClone(document) as never);
  expect(result.valid ? [] : result.errors).toEqual([]);
  expect(result.specification).toBe('OpenAPI');
  expect(document.openapi).toBe('3.1.0');
});

test('a broken document is rejected (the validator is really checking)', async () => {
  const document = structuredClone(openApiDocument(PUBLIC_URL)) as unknown as Record<string, any>;
  document.paths['/api/v1/registrations/{id}'].get.responses['200'].content['application/json'].schema = { $ref: '#/components/schemas/Nope' };
  const result = await validate(document as never);
  expect(result.valid).toBe(false);
});

/**
 * Redocly CLI's `lint` on the document written to a temporary file, with the repository's
 * redocly.yaml (the recommended rules, telemetry off). Offline: telemetry and update notices
 * are off, so it opens no socket. Returns one line per problem, warnings included.
 */
function redoclyLint(document: unknown): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'balint-openapi-lint-'));
  try {
    fs.writeFileSync(path.join(dir, 'openapi.json'), JSON.stringify(document, null, 2));
    const cli = path.join(root, 'node_modules/@redocly/cli/bin/cli.js');
    const result = spawnSync(process.execPath, [cli, 'lint', 'openapi.json', '--config', path.join(root, 'redocly.yaml'), '--format=json'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    let report: { totals: { errors: number; warnings: number }; problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[] };
    try {
      report = JSON.parse(result.stdout);
    } catch {
      throw new Error(`redocly lint gave no report (exit ${result.status}): ${result.stderr || result.error}`);
    }
    const lines = report.problems.map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer ?? '?'}: ${p.message}`);
    // The exit code and the totals must agree with the list, or the parsing is wrong.
    expect(report.totals.errors + report.totals.warnings).toBe(lines.length);
    expect(result.status).toBe(report.totals.errors > 0 ? 1 : 0);
    return lines;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('Redocly lint with its recommended rules: no errors, no warnings', () => {
  expect(redoclyLint(openApiDocument(PUBLIC_URL))).toEqual([]);
});

test('the lint is really checking: a public operation without `security` and a localhost server are reported', () => {
  const document = structuredClone(openApiDocument('http://localhost:3000')) as unknown as Record<string, any>;
  delete document.paths['/api/v1/organizations/{org}/courses'].get.security;
  const problems = redoclyLint(document);
  expect(problems).toEqual([
    expect.stringMatching(/^error security-defined at #\/paths\/~1api~1v1~1organizations~1\{org\}~1courses\/get:/),
    expect.stringMatching(/^warn no-server-example.com at #\/servers\/0\/url:/),
  ]);
});

/** `^/api/v1/organizations/([^/]+)/courses$` with names ['org'] → `/api/v1/organizations/{org}/courses`. */
function pathTemplate(route: (typeof apiRoutes)[number]): string {
  let i = 0;
  const template = route.pattern.source
    .replace(/^\^/, '')
    .replace(/\$$/, '')
    .replaceAll('\\/', '/')
    .replaceAll('([^/]+)', () => `{${route.names[i++] ?? '?'}}`);
  // The template must be the route: every segment named, and a path made from it matched.
  expect(i, template).toBe(route.names.length);
  const sample = template.replace(/\{(\w+)\}/g, (_, name: string) => `sample-${name}`);
  expect(route.pattern.exec(sample)?.slice(1), template).toEqual(route.names.map((name) => `sample-${name}`));
  return template;
}

test('every route of the API is described, and nothing else (the OpenAPI paths and methods are the router table)', () => {
  const routed = apiRoutes.flatMap((route) => Object.keys(route.methods).map((method) => `${method} ${pathTemplate(route)}`)).sort();
  const described = Object.entries(openApiDocument(PUBLIC_URL).paths)
    .flatMap(([p, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${p}`))
    .sort();
  expect(routed.length).toBeGreaterThan(0);
  expect({ undocumented: routed.filter((op) => !described.includes(op)), describedButNotRouted: described.filter((op) => !routed.includes(op)) }).toEqual({
    undocumented: [],
    describedButNotRouted: [],
  });
});
