// Routes of the schedule capability (issue 12), spread into app/routes.ts. Paths are relative to app/.
import { route, type RouteConfigEntry } from '@react-router/dev/routes';

/** Under /o/:org (the public site layout). */
export const schedulePublicRoutes: RouteConfigEntry[] = [
  route('courses/:course/schedule.ics', 'routes/schedule/course-ics.ts'),
  route('courses/:course/agenda', 'routes/schedule/agenda.tsx'),
  route('courses/:course/agenda.ics', 'routes/schedule/agenda-ics.ts'),
  route('calendar/:feed', 'routes/schedule/agenda-feed.ts'),
];

/** Under /o/:org/admin (the admin layout). */
export const scheduleAdminRoutes: RouteConfigEntry[] = [route('courses/:courseId/schedule', 'routes/schedule/staff-schedule.tsx')];
