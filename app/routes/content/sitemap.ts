// /sitemap.xml — every public address of every organization on this deployment, on PUBLIC_URL.
import { services } from '#app/lib/guards.server.ts';
import { findSitemapUrls } from '#domain/content/find-sitemap.server.ts';
import type { Route } from './+types/sitemap.ts';

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

export async function loader({ context }: Route.LoaderArgs) {
  const { db, publicUrl } = services(context);
  const origin = publicUrl.replace(/\/+$/, '');
  const urls = await findSitemapUrls(db);
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls.map((u) => `  <url><loc>${escapeXml(origin + u.path)}</loc>${u.lastModified ? `<lastmod>${u.lastModified}</lastmod>` : ''}</url>`),
    '</urlset>',
    '',
  ].join('\n');
  return new Response(body, { headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=3600' } });
}
