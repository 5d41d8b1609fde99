// Routes of the small-groups capability (issue 12), spread into app/routes.ts. Paths are relative to app/.
import { route, type RouteConfigEntry } from '@react-router/dev/routes';

/** Under /o/:org (the public site layout): none yet; participants read their group in their email. */
export const smallGroupsPublicRoutes: RouteConfigEntry[] = [];

/** Under /o/:org/admin (the admin layout). */
export const smallGroupsAdminRoutes: RouteConfigEntry[] = [
  route('courses/:courseId/small-groups', 'routes/small-groups/overview.tsx'),
  route('courses/:courseId/small-groups/settings', 'routes/small-groups/settings.tsx'),
  route('courses/:courseId/small-groups/participants', 'routes/small-groups/participants.tsx'),
  route('courses/:courseId/small-groups/progress', 'routes/small-groups/progress.ts'),
  route('courses/:courseId/small-groups/rosters.csv', 'routes/small-groups/rosters-csv.ts'),
  route('courses/:courseId/small-groups/rosters.pdf', 'routes/small-groups/rosters-pdf.ts'),
];
