// A build step (vite.config.ts) that gives each page only the messages its code can show
// (ADR 0061). The server keeps the whole catalog (lib/i18n/en.ts). In the browser build the
// catalog module is empty, and every module that names catalog keys in strings ('nav.home',
// `course.kind_${kind}`, a map of error codes to keys) gets an import per key, a tiny module
// that adds its message to the i18n instance when it loads. The bundler then puts each message
// in the chunks of the routes that use it (shared ones in shared chunks), and React Router
// loads a route's chunks before it renders the route, on the first page and on navigation.
//
// Nothing to register: a new key or a new catalog file spread into lib/i18n/en.ts is picked up
// at the next build. A key a module shows without naming it in a string (one made from a
// variable alone, or sent by a loader) is reported in the browser as an error (lib/i18n.ts).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';

const VIRTUAL = 'virtual:balint-catalog/';
const RESOLVED = `\0${VIRTUAL}`;

/** The catalog as dotted keys ('nav.home') and their messages. */
export function flatten(catalog: Record<string, unknown>, prefix = ''): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [name, value] of Object.entries(catalog)) {
    if (typeof value === 'string') keys.set(prefix + name, value);
    else if (value && typeof value === 'object') for (const [k, v] of flatten(value as Record<string, unknown>, `${prefix}${name}.`)) keys.set(k, v);
  }
  return keys;
}

/**
 * The catalog keys a module's source can show: for each string that starts with a namespace
 * and a dot — whole ('nav.home'), or up to an interpolation (`course.kind_${kind}`) or its end
 * ('status.' + name) — every key it begins (so 'x.count' brings 'x.count_one' and 'x.count_other').
 */
export function keysIn(code: string, keys: ReadonlyMap<string, string>, namespaces: ReadonlySet<string>): string[] {
  const prefixes = new Set<string>();
  for (const m of code.matchAll(/(['"`])([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z0-9_.]*)(?=\1|\$\{)/g)) {
    if (namespaces.has(m[2]!)) prefixes.add(`${m[2]}.${m[3]}`);
  }
  if (prefixes.size === 0) return [];
  return [...keys.keys()].filter((key) => [...prefixes].some((prefix) => key.startsWith(prefix))).sort();
}

export function catalogPerModule(options: { root: string }): Plugin {
  const i18nModule = path.join(options.root, 'lib/i18n.ts');
  const catalogModule = path.join(options.root, 'lib/i18n/en.ts');
  const catalogDir = path.join(options.root, 'lib/i18n/en') + path.sep;
  let keys = new Map<string, string>();
  let namespaces = new Set<string>();
  return {
    name: 'balint-catalog-per-module',
    enforce: 'pre',
    apply: 'build',
    applyToEnvironment: (environment) => environment.name === 'client',
    async buildStart() {
      // Node runs the catalog's TypeScript itself; the query makes a rebuild read it afresh.
      const loaded = (await import(`${pathToFileURL(catalogModule).href}?build=${Date.now()}`)) as { en: Record<string, unknown> };
      keys = flatten(loaded.en);
      namespaces = new Set(Object.keys(loaded.en));
    },
    resolveId(id) {
      return id.startsWith(VIRTUAL) ? `\0${id}` : undefined;
    },
    load(id) {
      if (id.startsWith(RESOLVED)) {
        const key = id.slice(RESOLVED.length);
        return `import { addCatalogMessage } from ${JSON.stringify(i18nModule)};\naddCatalogMessage(${JSON.stringify(key)}, ${JSON.stringify(keys.get(key))});\n`;
      }
      if (path.normalize(id.split('?')[0]!) === catalogModule) return 'export const en = {};\n';
      return undefined;
    },
    transform(code, id) {
      const file = path.normalize(id.split('?')[0]!);
      if (id.startsWith('\0') || file.includes(`${path.sep}node_modules${path.sep}`) || !file.startsWith(options.root + path.sep)) return undefined;
      if (file === i18nModule || file === catalogModule || file.startsWith(catalogDir)) return undefined;
      if (!/\.[cm]?[jt]sx?$/.test(file)) return undefined;
      const used = keysIn(code, keys, namespaces);
      if (used.length === 0) return undefined;
      // On the module's first line, so its line numbers stay as they were.
      return { code: `${used.map((key) => `import ${JSON.stringify(VIRTUAL + key)};`).join('')}${code}`, map: null };
    },
  };
}
