// Routes of the staff workspace, spread into app/routes.ts. Paths are relative to app/.
// Its layout, routes/staff/layout.tsx, wraps every page under /o/:org/admin and is set in app/routes.ts.
import { index, route, type RouteConfigEntry } from '@react-router/dev/routes';

/** Under /o/:org/admin (the admin layout). */
export const staffAdminRoutes: RouteConfigEntry[] = [index('routes/staff/dashboard.tsx'), route('people', 'routes/staff/people.tsx')];
