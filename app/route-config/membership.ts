// Routes of the membership capability, spread into app/routes.ts. Paths are relative to app/.
import { route, type RouteConfigEntry } from '@react-router/dev/routes';

/** Under /o/:org/admin (the admin layout). */
export const membershipAdminRoutes: RouteConfigEntry[] = [
  route('memberships', 'routes/membership/index.tsx'),
  route('memberships/import', 'routes/membership/import.tsx'),
];
