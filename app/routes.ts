// The route table. Route folders are by capability (ADR 0057): each capability lists its pages
// in app/route-config/<capability>.ts, split by where they sit — the public site (/o/:org), the
// staff workspace (/o/:org/admin), the deployment's operator (/operator) — and this file only
// places the layouts and spreads those lists. URLs are the keys of tests/authorization/permission-table.ts.
import { type RouteConfig, index, layout, prefix, route } from '@react-router/dev/routes';
import { accountPublicRoutes } from './route-config/account.ts';
import { aidAdminRoutes, aidPublicRoutes } from './route-config/aid.ts';
import { auditAdminRoutes, auditOperatorRoutes } from './route-config/audit.ts';
import { authPublicRoutes } from './route-config/auth.ts';
import { attendanceAdminRoutes, attendancePublicRoutes } from './route-config/attendance.ts';
import { billingAdminRoutes, billingPublicRoutes } from './route-config/billing.ts';
import { contentAdminRoutes, contentDeploymentRoutes, contentPublicRoutes } from './route-config/content.ts';
import { coursesAdminRoutes, coursesPublicRoutes } from './route-config/courses.ts';
import { inquiriesAdminRoutes, inquiriesPublicRoutes } from './route-config/inquiries.ts';
import { emailTemplatesAdminRoutes, emailTemplatesPublicRoutes } from './route-config/email-templates.ts';
import { memberDirectoryPublicRoutes } from './route-config/member-directory.ts';
import { messagesAdminRoutes } from './route-config/messages.ts';
import { membershipAdminRoutes, membershipPublicRoutes } from './route-config/membership.ts';
import { outboxAdminRoutes, outboxOperatorRoutes } from './route-config/outbox.ts';
import { directoryAdminRoutes, directoryPublicRoutes } from './route-config/directory.ts';
import { creditAdminRoutes, creditDeploymentRoutes, creditPublicRoutes } from './route-config/credit.ts';
import { peopleAdminRoutes, peopleOperatorRoutes } from './route-config/people.ts';
import { paymentsAdminRoutes, paymentsPublicRoutes } from './route-config/payments.ts';
import { refundsAdminRoutes, refundsPublicRoutes } from './route-config/refunds.ts';
import { registrationAdminRoutes, registrationPublicRoutes } from './route-config/registration.ts';
import { scheduleAdminRoutes, schedulePublicRoutes } from './route-config/schedule.ts';
import { seriesPublicRoutes } from './route-config/series.ts';
import { sitePublicRoutes } from './route-config/site.ts';
import { staffAdminRoutes } from './route-config/staff.ts';
import { rotationAdminRoutes, rotationPublicRoutes } from './route-config/rotation.ts';
import { smallGroupsAdminRoutes, smallGroupsPublicRoutes } from './route-config/small-groups.ts';

export default [
  index('routes/home.tsx'),
  // The deployment's operator, above every organization.
  ...prefix('operator', [...outboxOperatorRoutes, ...auditOperatorRoutes, ...peopleOperatorRoutes]),
  // Anyone verifies a certificate by its code, without signing in.
  ...creditDeploymentRoutes,
  ...contentDeploymentRoutes,
  ...prefix('o/:org', [
    layout('routes/site/layout.tsx', [
      ...sitePublicRoutes,
      ...coursesPublicRoutes,
      ...registrationPublicRoutes,
      ...authPublicRoutes,
      ...accountPublicRoutes,
      ...memberDirectoryPublicRoutes,
      ...paymentsPublicRoutes,
      ...refundsPublicRoutes,
      ...aidPublicRoutes,
      ...billingPublicRoutes,
      ...schedulePublicRoutes,
      ...attendancePublicRoutes,
      ...rotationPublicRoutes,
      ...smallGroupsPublicRoutes,
      ...creditPublicRoutes,
      ...directoryPublicRoutes,
      ...inquiriesPublicRoutes,
      ...emailTemplatesPublicRoutes,
      ...contentPublicRoutes,
      ...seriesPublicRoutes,
      ...membershipPublicRoutes,
      ...prefix('admin', [
        layout('routes/staff/layout.tsx', [
          ...staffAdminRoutes,
          ...outboxAdminRoutes,
          ...auditAdminRoutes,
          ...coursesAdminRoutes,
          ...registrationAdminRoutes,
          ...membershipAdminRoutes,
          ...paymentsAdminRoutes,
          ...refundsAdminRoutes,
          ...aidAdminRoutes,
          ...billingAdminRoutes,
          ...scheduleAdminRoutes,
          ...attendanceAdminRoutes,
          ...rotationAdminRoutes,
          ...smallGroupsAdminRoutes,
          ...creditAdminRoutes,
          ...peopleAdminRoutes,
          ...directoryAdminRoutes,
          ...inquiriesAdminRoutes,
          ...emailTemplatesAdminRoutes,
          ...contentAdminRoutes,
          ...messagesAdminRoutes,
        ]),
      ]),
    ]),
  ]),
  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig;
