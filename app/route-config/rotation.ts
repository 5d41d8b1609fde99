// Routes of the rotation capability, spread into app/routes.ts. Paths are relative to app/.
import { route, type RouteConfigEntry } from '@react-router/dev/routes';

/** Under /o/:org: a small group's rotation, for its members, faculty and the course's staff. */
export const rotationPublicRoutes: RouteConfigEntry[] = [route('groups/:groupId/rotation', 'routes/rotation/group.tsx')];

/** Under /o/:org/admin: every group of a course, and generating their plans. */
export const rotationAdminRoutes: RouteConfigEntry[] = [route('courses/:courseId/rotation', 'routes/rotation/course.tsx')];
