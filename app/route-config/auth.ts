// Routes of signing in and out, signing up and resetting a password, spread into app/routes.ts. Paths are relative to app/.
import { route, type RouteConfigEntry } from '@react-router/dev/routes';

/** Under /o/:org (the public site layout). */
export const authPublicRoutes: RouteConfigEntry[] = [
  route('sign-in', 'routes/auth/sign-in.tsx'),
  route('sign-up', 'routes/auth/sign-up.tsx'),
  route('check-email', 'routes/auth/check-email.tsx'),
  route('verified', 'routes/auth/verified.tsx'),
  route('forgot-password', 'routes/auth/forgot-password.tsx'),
  route('reset-password', 'routes/auth/reset-password.tsx'),
  route('sign-out', 'routes/auth/sign-out.tsx'),
];
