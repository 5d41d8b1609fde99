// Routes of the outbox (mail waiting, sent or failed), spread into app/routes.ts. Paths are relative to app/.
import { index, route, type RouteConfigEntry } from '@react-router/dev/routes';

/** Under /operator: the deployment's credential mail that could not be sent. */
export const outboxOperatorRoutes: RouteConfigEntry[] = [
  index('routes/outbox/operator.tsx'),
  route('outbox/:message', 'routes/outbox/operator-message.tsx'),
];

/** Under /o/:org/admin (the admin layout): the organization's mail. */
export const outboxAdminRoutes: RouteConfigEntry[] = [
  route('outbox', 'routes/outbox/staff.tsx'),
  route('outbox/:message', 'routes/outbox/staff-message.tsx'),
];
