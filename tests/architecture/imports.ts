// The project's import graph, read from the source: every static `import … from`, `export …
// from`, `import '…'` and dynamic `import('…')` of the application's own modules, resolved
// through package.json's `#app/*`-style aliases and relative paths. Used by the layering test
// (tests/architecture/layers.test.ts) and printed by `node tests/architecture/report.ts`.
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** The folders of the application, in layer order (see ../shared/ARCHITECTURE.md "Layers"). */
export const LAYERS = ['app', 'server', 'domain', 'db', 'lib'] as const;
export type Layer = (typeof LAYERS)[number];

/**
 * Which layer may import which. app → domain → db, lib; server (the process entry) wires
 * everything; db and lib are the infrastructure at the bottom: they may use each other (the
 * outbox is a table; the database supervisor logs) but nothing above them. Cycles between
 * them are caught by the cycle check.
 */
export const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  server: ['server', 'app', 'domain', 'db', 'lib'],
  app: ['app', 'domain', 'lib'],
  domain: ['domain', 'db', 'lib'],
  db: ['db', 'lib'],
  lib: ['lib', 'db'],
};

const SOURCE = /\.(ts|tsx)$/;
const IMPORT = /(?:^|[\s;}])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

export function isTest(file: string): boolean {
  return /\.test\.tsx?$/.test(file) || file.startsWith('tests/');
}

/** Every source file of the layers (relative to the root), tests included. */
export function sourceFiles(): string[] {
  const files: string[] = [];
  for (const layer of LAYERS) {
    const dir = path.join(ROOT, layer);
    if (!fs.existsSync(dir)) continue;
    for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !SOURCE.test(entry.name)) continue;
      const rel = path.relative(ROOT, path.join(entry.parentPath, entry.name));
      if (rel.includes(`${path.sep}migrations${path.sep}`) || rel.startsWith(`app${path.sep}.react-router`) || rel.includes('+types')) continue;
      files.push(rel.split(path.sep).join('/'));
    }
  }
  return files.sort();
}

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** The application modules `file` imports, as root-relative paths (others, e.g. npm packages, left out). */
export function importsOf(file: string): string[] {
  const text = stripComments(fs.readFileSync(path.join(ROOT, file), 'utf8'));
  const found = new Set<string>();
  for (const match of text.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2]!;
    const resolved = resolve(file, spec);
    if (resolved) found.add(resolved);
  }
  return [...found].sort();
}

function resolve(from: string, spec: string): string | undefined {
  let target: string;
  const alias = /^#(app|domain|db|lib|server)\/(.+)$/.exec(spec);
  if (alias) target = `${alias[1]}/${alias[2]}`;
  else if (spec.startsWith('.')) target = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  else return undefined;
  if (!LAYERS.some((l) => target.startsWith(`${l}/`))) return undefined;
  for (const candidate of [target, `${target}.ts`, `${target}.tsx`, `${target}/index.ts`]) {
    if (fs.existsSync(path.join(ROOT, candidate)) && fs.statSync(path.join(ROOT, candidate)).isFile()) return candidate;
  }
  return undefined;
}

export function layerOf(file: string): Layer {
  return file.split('/')[0] as Layer;
}

export interface Graph {
  files: string[];
  edges: Map<string, string[]>;
}

/** The import graph of the application's non-test modules. */
export function importGraph(): Graph {
  const files = sourceFiles().filter((f) => !isTest(f));
  const known = new Set(files);
  const edges = new Map(files.map((f) => [f, importsOf(f).filter((t) => known.has(t))]));
  return { files, edges };
}

export interface Violation {
  from: string;
  to: string;
}

/** Imports against the layer direction. */
export function layerViolations(graph: Graph): Violation[] {
  const out: Violation[] = [];
  for (const [from, targets] of graph.edges) {
    for (const to of targets) if (!MAY_IMPORT[layerOf(from)].includes(layerOf(to))) out.push({ from, to });
  }
  return out;
}

/** Strongly connected components of more than one file (or a file importing itself): the import cycles. */
export function importCycles(graph: Graph): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.edges.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.edges.get(v) ?? []).includes(v)) cycles.push(component.sort());
    }
  };
  for (const f of graph.files) if (!indices.has(f)) visit(f);
  return cycles;
}
