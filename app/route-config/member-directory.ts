// Routes of the member directory (issue 15, ADR 0070), spread into app/routes.ts. Paths are relative to app/.
import { route, type RouteConfigEntry } from '@react-router/dev/routes';

/** Under /o/:org (the public site layout): for current members only. */
export const memberDirectoryPublicRoutes: RouteConfigEntry[] = [route('members', 'routes/member-directory/directory.tsx')];
