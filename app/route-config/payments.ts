// Routes of the payments capability, spread into app/routes.ts. Paths are relative to app/.
import { route, type RouteConfigEntry } from '@react-router/dev/routes';

/** Under /o/:org (the public site layout). */
export const paymentsPublicRoutes: RouteConfigEntry[] = [
  route('registrations/:registrationId/pay', 'routes/payments/pay.tsx'),
  route('checkouts/:checkoutId', 'routes/payments/checkout.tsx'),
  route('checkouts/:checkoutId/cancelled', 'routes/payments/cancelled.tsx'),
  route('donate', 'routes/payments/donate.tsx'),
];

/** Under /o/:org/admin (the admin layout). */
export const paymentsAdminRoutes: RouteConfigEntry[] = [];
