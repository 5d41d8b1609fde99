// Routes of the attendance capability, spread into app/routes.ts. Paths are relative to app/.
import { route, type RouteConfigEntry } from '@react-router/dev/routes';

/** Under /o/:org (the public site layout): faculty and staff take attendance, participants read theirs. */
export const attendancePublicRoutes: RouteConfigEntry[] = [
  route('attendance', 'routes/attendance/index.tsx'),
  route('attendance/mine', 'routes/attendance/mine.tsx'),
  route('attendance/sync', 'routes/attendance/sync.ts'),
  route('attendance/sessions/:sessionId', 'routes/attendance/session.tsx'),
];

/** Under /o/:org/admin: none yet (staff take attendance on the same phone-sized pages). */
export const attendanceAdminRoutes: RouteConfigEntry[] = [];
