/** The same-origin scripts a page's HTML makes the browser load before it is interactive. */
export function scriptsOf(html: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)) found.add(m[1]!);
  for (const m of html.matchAll(/<script[^>]*src="([^"]+\.js)"/g)) found.add(m[1]!);
  for (const m of html.matchAll(/import\("(\/assets\/[^"]+\.js)"\)/g)) found.add(m[1]!);
  return [...found];
}
