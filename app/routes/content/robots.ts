// /robots.txt — the public site may be indexed; the staff workspace, the operator's pages and
// people's own pages are not worth crawling (they answer sign-in anyway). Points to the sitemap.
import { services } from '#app/lib/guards.server.ts';
import type { Route } from './+types/robots.ts';

export function loader({ context }: Route.LoaderArgs) {
  const origin = services(context).publicUrl.replace(/\/+$/, '');
  const body = ['User-agent: *', 'Disallow: /operator', 'Disallow: /o/*/admin', 'Disallow: /api/', 'Allow: /', '', `Sitemap: ${origin}/sitemap.xml`, ''].join('\n');
  return new Response(body, { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=3600' } });
}
