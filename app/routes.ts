import { type RouteConfig, index, layout, prefix, route } from '@react-router/dev/routes';
import { aidAdminRoutes, aidPublicRoutes } from './route-config/aid.ts';
import { billingAdminRoutes, billingPublicRoutes } from './route-config/billing.ts';
import { creditAdminRoutes, creditDeploymentRoutes, creditPublicRoutes } from './route-config/credit.ts';
import { paymentsAdminRoutes, paymentsPublicRoutes } from './route-config/payments.ts';
import { refundsAdminRoutes, refundsPublicRoutes } from './route-config/refunds.ts';

export default [
  index('routes/home.tsx'),
  // The deployment's operator, above every organization: credential mail that could not be sent.
  ...prefix('operator', [
    index('routes/operator/outbox.tsx'),
    route('outbox/:message', 'routes/operator/outbox-message.tsx'),
    route('audit', 'routes/operator/audit.tsx'),
  ]),
  // Anyone verifies a certificate by its code, without signing in.
  ...creditDeploymentRoutes,
  ...prefix('o/:org', [
    layout('routes/org/layout.tsx', [
      index('routes/org/home.tsx'),
      route('courses/:course', 'routes/org/course.tsx'),
      route('courses/:course/apply', 'routes/registration/apply.tsx'),
      route('registrations', 'routes/registration/my-registrations.tsx'),
      route('registrations/confirm/:token', 'routes/registration/confirm.tsx'),
      route('sign-in', 'routes/auth/sign-in.tsx'),
      route('sign-up', 'routes/auth/sign-up.tsx'),
      route('check-email', 'routes/auth/check-email.tsx'),
      route('verified', 'routes/auth/verified.tsx'),
      route('forgot-password', 'routes/auth/forgot-password.tsx'),
      route('reset-password', 'routes/auth/reset-password.tsx'),
      route('sign-out', 'routes/auth/sign-out.tsx'),
      route('profile', 'routes/account/profile.tsx'),
      ...paymentsPublicRoutes,
      ...refundsPublicRoutes,
      ...aidPublicRoutes,
      ...billingPublicRoutes,
      ...creditPublicRoutes,
      ...prefix('admin', [
        layout('routes/admin/layout.tsx', [
          index('routes/admin/dashboard.tsx'),
          route('outbox', 'routes/admin/outbox.tsx'),
          route('outbox/:message', 'routes/admin/outbox-message.tsx'),
          route('people', 'routes/admin/people.tsx'),
          route('audit', 'routes/admin/audit.tsx'),
          // Staff side of courses and registration (owned by the staff-UI work).
          route('courses', 'routes/admin/courses/index.tsx'),
          route('courses/new', 'routes/admin/courses/new.tsx'),
          route('courses/:courseId', 'routes/admin/courses/dashboard.tsx'),
          route('courses/:courseId/edit', 'routes/admin/courses/edit.tsx'),
          route('courses/:courseId/prices', 'routes/admin/courses/prices.tsx'),
          route('courses/:courseId/questions', 'routes/admin/courses/questions.tsx'),
          route('courses/:courseId/discount-codes', 'routes/admin/courses/discount-codes.tsx'),
          route('courses/:courseId/applications', 'routes/admin/courses/applications.tsx'),
          route('courses/:courseId/applications.csv', 'routes/admin/courses/applications-csv.ts'),
          route('courses/:courseId/applications/:registrationId', 'routes/admin/courses/application.tsx'),
          route('memberships', 'routes/admin/memberships/index.tsx'),
          route('memberships/import', 'routes/admin/memberships/import.tsx'),
          ...paymentsAdminRoutes,
          ...refundsAdminRoutes,
          ...aidAdminRoutes,
          ...billingAdminRoutes,
          ...creditAdminRoutes,
        ]),
      ]),
    ]),
  ]),
  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig;
