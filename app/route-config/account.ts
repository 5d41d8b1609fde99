// Routes of a person's own account, spread into app/routes.ts. Paths are relative to app/.
import { route, type RouteConfigEntry } from '@react-router/dev/routes';

/** Under /o/:org (the public site layout). */
export const accountPublicRoutes: RouteConfigEntry[] = [route('profile', 'routes/account/profile.tsx')];
