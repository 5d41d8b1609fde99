// Routes of the organization's public site content (issue 14, ADR 0059): pages, events and
// news, images, the site's look; and the deployment's sitemap.xml and robots.txt. Paths are relative to app/.
import { route, type RouteConfigEntry } from '@react-router/dev/routes';

/** Under /o/:org (the public site layout). */
export const contentPublicRoutes: RouteConfigEntry[] = [
  route('pages/:slug', 'routes/content/page.tsx'),
  route('events', 'routes/content/events.tsx'),
  route('news', 'routes/content/news.tsx'),
  route('media/:image', 'routes/content/media.ts'),
];

/** Under /o/:org/admin (the admin layout). */
export const contentAdminRoutes: RouteConfigEntry[] = [
  route('site', 'routes/content/site.tsx'),
  route('site/pages/new', 'routes/content/page-new.tsx'),
  route('site/pages/:pageId', 'routes/content/page-edit.tsx'),
  route('site/pages/:pageId/revisions', 'routes/content/page-revisions.tsx'),
  route('site/entries', 'routes/content/entries.tsx'),
  route('site/entries/new', 'routes/content/entry-new.tsx'),
  route('site/entries/:entryId', 'routes/content/entry-edit.tsx'),
  route('site/images', 'routes/content/images.tsx'),
  route('site/settings', 'routes/content/settings.tsx'),
];

/** Above every organization: what search engines read. */
export const contentDeploymentRoutes: RouteConfigEntry[] = [route('sitemap.xml', 'routes/content/sitemap.ts'), route('robots.txt', 'routes/content/robots.ts')];
