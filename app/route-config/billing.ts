// Routes of the billing capability, spread into app/routes.ts. Paths are relative to app/.
import { route, type RouteConfigEntry } from '@react-router/dev/routes';

/** Under /o/:org (the public site layout). */
export const billingPublicRoutes: RouteConfigEntry[] = [
  route('registrations/:registrationId/statement', 'routes/billing/statement.tsx'),
  route('registrations/:registrationId/statement.pdf', 'routes/billing/statement-pdf.ts'),
  route('documents/:kind/:file', 'routes/billing/document-pdf.ts'),
];

/** Under /o/:org/admin (the admin layout). */
export const billingAdminRoutes: RouteConfigEntry[] = [
  route('courses/:courseId/applications/:registrationId/account', 'routes/billing/account.tsx'),
  route('courses/:courseId/money', 'routes/billing/course-money.tsx'),
  route('money', 'routes/billing/reports.tsx'),
  route('money/export.csv', 'routes/billing/report-csv.ts'),
  route('money/invoices', 'routes/billing/invoices.tsx'),
  route('money/settings', 'routes/billing/settings.tsx'),
  route('money/reconcile', 'routes/billing/reconcile.tsx'),
];
