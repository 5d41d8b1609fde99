// Routes of a person's own account, spread into app/routes.ts. Paths are relative to app/.
import { route, type RouteConfigEntry } from '@react-router/dev/routes';

/** Under /o/:org (the public site layout). */
export const accountPublicRoutes: RouteConfigEntry[] = [
  route('profile', 'routes/account/profile.tsx'),
  // A person's own data (ADR 0070): download as JSON, delete the account.
  route('account/data', 'routes/account/data.ts'),
  route('account/delete', 'routes/account/delete.tsx'),
];
