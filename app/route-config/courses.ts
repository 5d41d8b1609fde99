// Routes of the courses capability, spread into app/routes.ts. Paths are relative to app/.
import { route, type RouteConfigEntry } from '@react-router/dev/routes';

/** Under /o/:org (the public site layout). */
export const coursesPublicRoutes: RouteConfigEntry[] = [route('courses/:course', 'routes/courses/page.tsx')];

/** Under /o/:org/admin (the admin layout): setting a course up. */
export const coursesAdminRoutes: RouteConfigEntry[] = [
  route('courses', 'routes/courses/index.tsx'),
  route('courses/new', 'routes/courses/new.tsx'),
  route('courses/:courseId', 'routes/courses/dashboard.tsx'),
  route('courses/:courseId/edit', 'routes/courses/edit.tsx'),
  route('courses/:courseId/prices', 'routes/courses/prices.tsx'),
  route('courses/:courseId/questions', 'routes/courses/questions.tsx'),
  route('courses/:courseId/copy', 'routes/courses/copy.tsx'),
  route('courses/:courseId/copied', 'routes/courses/copied.tsx'),
  route('courses/:courseId/paper', 'routes/courses/paper.tsx'),
  route('courses/:courseId/paper.pdf', 'routes/courses/paper-pdf.ts'),
];
