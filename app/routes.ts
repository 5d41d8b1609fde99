import { type RouteConfig, index, layout, prefix, route } from '@react-router/dev/routes';

export default [
  index('routes/home.tsx'),
  ...prefix('o/:org', [
    layout('routes/org/layout.tsx', [
      index('routes/org/home.tsx'),
      route('courses/:course', 'routes/org/course.tsx'),
      route('courses/:course/apply', 'routes/registration/apply.tsx'),
      route('registrations', 'routes/registration/my-registrations.tsx'),
      route('sign-in', 'routes/auth/sign-in.tsx'),
      route('sign-up', 'routes/auth/sign-up.tsx'),
      route('check-email', 'routes/auth/check-email.tsx'),
      route('verified', 'routes/auth/verified.tsx'),
      route('forgot-password', 'routes/auth/forgot-password.tsx'),
      route('reset-password', 'routes/auth/reset-password.tsx'),
      route('sign-out', 'routes/auth/sign-out.tsx'),
      route('profile', 'routes/account/profile.tsx'),
      ...prefix('admin', [
        layout('routes/admin/layout.tsx', [
          index('routes/admin/dashboard.tsx'),
          route('outbox', 'routes/admin/outbox.tsx'),
          route('outbox/:message', 'routes/admin/outbox-message.tsx'),
          route('people', 'routes/admin/people.tsx'),
          route('audit', 'routes/admin/audit.tsx'),
          // Staff side of courses and registration (owned by the staff-UI work).
        ]),
      ]),
    ]),
  ]),
  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig;
