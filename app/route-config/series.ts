// Routes of group series with a minimum to run (ADR 0063), spread into app/routes.ts. Paths are relative to app/.
import { route, type RouteConfigEntry } from '@react-router/dev/routes';

/** Under /o/:org (the public site layout): the public sign-up page, and the leaders' and staff's pages. */
export const seriesPublicRoutes: RouteConfigEntry[] = [
  route('series', 'routes/series/manage-list.tsx'),
  route('series/new', 'routes/series/new.tsx'),
  route('series/:seriesId', 'routes/series/sign-up.tsx'),
  route('series/:seriesId/manage', 'routes/series/manage.tsx'),
  route('series/:seriesId/edit', 'routes/series/edit.tsx'),
];
