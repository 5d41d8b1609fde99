// Routes of the organization's public site, spread into app/routes.ts. Paths are relative to app/.
// Its layout, routes/site/layout.tsx, wraps every page under /o/:org and is set in app/routes.ts.
import { index, type RouteConfigEntry } from '@react-router/dev/routes';

/** Under /o/:org (the public site layout). */
export const sitePublicRoutes: RouteConfigEntry[] = [index('routes/site/home.tsx')];
