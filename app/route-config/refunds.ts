// Routes of the refunds capability, spread into app/routes.ts. Paths are relative to app/.
import { route, type RouteConfigEntry } from '@react-router/dev/routes';

/** Under /o/:org (the public site layout). */
export const refundsPublicRoutes: RouteConfigEntry[] = [route('registrations/:registrationId/cancel', 'routes/refunds/cancel.tsx')];

/** Under /o/:org/admin (the admin layout). */
export const refundsAdminRoutes: RouteConfigEntry[] = [
  route('refunds', 'routes/refunds/tracker.tsx'),
  route('refunds.csv', 'routes/refunds/tracker-csv.ts'),
  route('courses/:courseId/applications/:registrationId/cancel', 'routes/refunds/staff-cancel.tsx'),
  route('courses/:courseId/cancel-course', 'routes/refunds/cancel-course.tsx'),
];
