// Layers point one way (app → domain → db, lib; server wires them) and no module imports
// itself round a cycle. Read from the source on every `npm test`: a domain file importing
// `#app/…`, a lib file importing a capability, or a new cycle fails here with its import named.
// `node tests/architecture/report.ts` prints the same figures.
import { describe, expect, test } from 'vitest';
import { importCycles, importGraph, importsOf, layerViolations, type Graph } from './imports.ts';

const graph = importGraph();

describe('the application', () => {
  test('no import goes against the layer direction', () => {
    expect(layerViolations(graph).map((v) => `${v.from} → ${v.to}`)).toEqual([]);
  });

  test('no import cycles', () => {
    expect(importCycles(graph).map((c) => c.join(' ⇄ '))).toEqual([]);
  });

  test('the graph is read from the real source (aliases, relative paths, re-exports, dynamic imports)', () => {
    expect(graph.files.length).toBeGreaterThan(200);
    expect(importsOf('app/lib/context.ts')).toContain('lib/services.ts');
    expect(importsOf('domain/registration/place-registration.server.ts')).toEqual(expect.arrayContaining(['domain/registration/statuses.ts', 'domain/transaction.server.ts', 'db/test-hooks.server.ts']));
    expect(importsOf('domain/accounts/roles.ts')).toEqual(['db/schema/accounts.ts']);
    expect(importsOf('server/app.server.ts')).toEqual(expect.arrayContaining(['server/http.server.ts']));
  });
});

describe('the checks themselves', () => {
  const planted = (edges: Record<string, string[]>): Graph => ({ files: Object.keys(edges), edges: new Map(Object.entries(edges)) });

  test('a domain module importing the app, and lib importing a capability, are named', () => {
    const g = planted({ 'domain/a.ts': ['app/lib/context.ts', 'db/x.ts'], 'app/lib/context.ts': [], 'db/x.ts': [], 'lib/m.ts': ['domain/a.ts'], 'app/r.tsx': ['db/x.ts'] });
    expect(layerViolations(g)).toEqual([
      { from: 'domain/a.ts', to: 'app/lib/context.ts' },
      { from: 'lib/m.ts', to: 'domain/a.ts' },
      { from: 'app/r.tsx', to: 'db/x.ts' },
    ]);
  });

  test('a cycle of three modules is found whole; a chain is not a cycle', () => {
    const g = planted({ 'domain/a.ts': ['domain/b.ts'], 'domain/b.ts': ['domain/c.ts'], 'domain/c.ts': ['domain/a.ts'], 'domain/d.ts': ['domain/a.ts'] });
    expect(importCycles(g)).toEqual([['domain/a.ts', 'domain/b.ts', 'domain/c.ts']]);
    expect(importCycles(planted({ 'lib/a.ts': ['lib/b.ts'], 'lib/b.ts': [] }))).toEqual([]);
  });
});
