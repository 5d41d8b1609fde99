// Routes of the people search (issue 18), spread into app/routes.ts. Paths are relative to app/.
import { route, type RouteConfigEntry } from '@react-router/dev/routes';

/** Under /o/:org/admin (the admin layout). */
export const peopleAdminRoutes: RouteConfigEntry[] = [route('search', 'routes/people/search.tsx'), route('person/:userId', 'routes/people/person.tsx')];

/** Under /operator: across every organization. */
export const peopleOperatorRoutes: RouteConfigEntry[] = [route('people', 'routes/people/operator-search.tsx')];
