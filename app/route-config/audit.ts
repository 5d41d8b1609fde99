// Routes of the audit trail, spread into app/routes.ts. Paths are relative to app/.
import { route, type RouteConfigEntry } from '@react-router/dev/routes';

/** Under /operator: the deployment's own audit rows. */
export const auditOperatorRoutes: RouteConfigEntry[] = [route('audit', 'routes/audit/operator.tsx')];

/** Under /o/:org/admin (the admin layout): the organization's audit rows. */
export const auditAdminRoutes: RouteConfigEntry[] = [route('audit', 'routes/audit/staff.tsx')];
