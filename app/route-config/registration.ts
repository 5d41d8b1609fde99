// Routes of the registration capability, spread into app/routes.ts. Paths are relative to app/.
import { route, type RouteConfigEntry } from '@react-router/dev/routes';

/** Under /o/:org (the public site layout): applying, confirming, my registrations. */
export const registrationPublicRoutes: RouteConfigEntry[] = [
  route('courses/:course/apply', 'routes/registration/apply.tsx'),
  route('registrations', 'routes/registration/my-registrations.tsx'),
  route('registrations/confirm/:token', 'routes/registration/confirm.tsx'),
];

/** Under /o/:org/admin (the admin layout): discount codes and reviewing applications. */
export const registrationAdminRoutes: RouteConfigEntry[] = [
  route('courses/:courseId/discount-codes', 'routes/registration/discount-codes.tsx'),
  route('courses/:courseId/applications', 'routes/registration/applications.tsx'),
  route('courses/:courseId/applications.csv', 'routes/registration/applications-csv.ts'),
  route('courses/:courseId/applications/:registrationId', 'routes/registration/application.tsx'),
];
