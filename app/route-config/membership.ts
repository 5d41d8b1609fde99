// Routes of the membership capability, spread into app/routes.ts. Paths are relative to app/.
import { route, type RouteConfigEntry } from '@react-router/dev/routes';

/** Under /o/:org (the public site layout): a person's own memberships, joining and renewing (ADR 0068). */
export const membershipPublicRoutes: RouteConfigEntry[] = [route('membership', 'routes/membership/self.tsx')];

/** Under /o/:org/admin (the admin layout). */
export const membershipAdminRoutes: RouteConfigEntry[] = [
  route('memberships', 'routes/membership/index.tsx'),
  route('memberships/import', 'routes/membership/import.tsx'),
  route('members', 'routes/membership/members.tsx'),
  route('members/export', 'routes/membership/members-csv.ts'),
  route('membership-types', 'routes/membership/types.tsx'),
  route('membership-types/:membershipType', 'routes/membership/type-edit.tsx'),
];
