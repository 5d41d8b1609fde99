// Routes of messages to the people of a course (issues 18 and 15), spread into app/routes.ts. Paths are relative to app/.
import { route, type RouteConfigEntry } from '@react-router/dev/routes';

/** Under /o/:org/admin (the admin layout). */
export const messagesAdminRoutes: RouteConfigEntry[] = [
  route('courses/:courseId/messages', 'routes/messages/index.tsx'),
  route('courses/:courseId/messages/new', 'routes/messages/new.tsx'),
  route('courses/:courseId/messages/:messageId', 'routes/messages/message.tsx'),
];
