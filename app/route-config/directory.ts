// Routes of the Balint groups directory (issue 14), spread into app/routes.ts. Paths are relative to app/.
import { route, type RouteConfigEntry } from '@react-router/dev/routes';

/** Under /o/:org (the public site layout). */
export const directoryPublicRoutes: RouteConfigEntry[] = [
  route('groups', 'routes/directory/groups.tsx'),
  route('groups/:listing', 'routes/directory/group.tsx'),
  route('my-groups', 'routes/directory/my-groups.tsx'),
  route('my-groups/new', 'routes/directory/listing-new.tsx'),
  route('my-groups/:listingId', 'routes/directory/listing-edit.tsx'),
];

/** Under /o/:org/admin (the staff layout). */
export const directoryAdminRoutes: RouteConfigEntry[] = [
  route('directory', 'routes/directory/staff-listings.tsx'),
  route('directory/trainings', 'routes/directory/staff-trainings.tsx'),
];
