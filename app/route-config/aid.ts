// Routes of the aid capability, spread into app/routes.ts. Paths are relative to app/.
import { route, type RouteConfigEntry } from '@react-router/dev/routes';

/** Under /o/:org (the public site layout). */
export const aidPublicRoutes: RouteConfigEntry[] = [route('registrations/:registrationId/financial-aid', 'routes/aid/apply.tsx')];

/** Under /o/:org/admin (the admin layout). */
export const aidAdminRoutes: RouteConfigEntry[] = [
  route('financial-aid', 'routes/aid/programs.tsx'),
  route('financial-aid/report', 'routes/aid/report.tsx'),
  route('financial-aid/:courseId', 'routes/aid/course-applications.tsx'),
  route('financial-aid/:courseId/settings', 'routes/aid/settings.tsx'),
  route('financial-aid/:courseId/applications/:applicationId', 'routes/aid/application.tsx'),
];
