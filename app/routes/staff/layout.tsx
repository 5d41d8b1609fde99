import { NavLink, Outlet } from 'react-router';
import { rolesGrant } from '#domain/accounts/permissions.ts';
import { requirePermission } from '#app/lib/guards.server.ts';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/layout.ts';

// The admin shell. It guards itself; each admin page guards itself again.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org, roles } = await requirePermission(request, context, params.org, 'admin:access');
  return {
    slug: org.slug,
    orgName: org.name,
    canOutbox: rolesGrant(roles, 'outbox:read'),
    canPeople: rolesGrant(roles, 'roles:manage'),
    canAudit: rolesGrant(roles, 'audit:read'),
    canCourses: rolesGrant(roles, 'registration:review'),
    canMemberships: rolesGrant(roles, 'membership:manage'),
    canRefunds: rolesGrant(roles, 'refunds:manage'),
    canAid: rolesGrant(roles, 'financial-aid:review') || rolesGrant(roles, 'financial-aid:report'),
    canMoney: rolesGrant(roles, 'money:read'),
    canSearch: rolesGrant(roles, 'people:search'),
    canDirectory: rolesGrant(roles, 'directory:manage'),
    canInquiries: rolesGrant(roles, 'inquiries:manage'),
    canSite: rolesGrant(roles, 'site:manage'),
    canEmailTemplates: rolesGrant(roles, 'email_templates:manage'),
  };
}

export default function AdminLayout({ loaderData }: Route.ComponentProps) {
  const base = `/o/${loaderData.slug}/admin`;
  return (
    <div className="page admin-grid">
      <nav aria-label={t('nav.adminNav')}>
        <ul>
          <li>
            <NavLink to={base} end>
              {t('nav.dashboard')}
            </NavLink>
          </li>
          {loaderData.canCourses ? (
            <li>
              <NavLink to={`${base}/courses`}>{t('staffNav.courses')}</NavLink>
            </li>
          ) : null}
          {loaderData.canMemberships ? (
            <li>
              <NavLink to={`${base}/memberships`}>{t('staffNav.memberships')}</NavLink>
            </li>
          ) : null}
          {loaderData.canMemberships ? (
            <li>
              <NavLink to={`${base}/members`}>{t('staffNav.members')}</NavLink>
            </li>
          ) : null}
          {loaderData.canRefunds ? (
            <li>
              <NavLink to={`${base}/refunds`}>{t('moneyNav.refunds')}</NavLink>
            </li>
          ) : null}
          {loaderData.canAid ? (
            <li>
              <NavLink to={`${base}/financial-aid`}>{t('moneyNav.financialAid')}</NavLink>
            </li>
          ) : null}
          {loaderData.canMoney ? (
            <li>
              <NavLink to={`${base}/money`}>{t('moneyNav.reports')}</NavLink>
            </li>
          ) : null}
          {loaderData.canSearch ? (
            <li>
              <NavLink to={`${base}/search`}>{t('people.nav')}</NavLink>
            </li>
          ) : null}
          {loaderData.canDirectory ? (
            <li>
              <NavLink to={`${base}/directory`}>{t('directoryStaff.nav')}</NavLink>
            </li>
          ) : null}
          {loaderData.canInquiries ? (
            <li>
              <NavLink to={`${base}/inquiries`}>{t('inquiriesInbox.nav')}</NavLink>
            </li>
          ) : null}
          {loaderData.canEmailTemplates ? (
            <li>
              <NavLink to={`${base}/email-templates`}>{t('emailTemplates.nav')}</NavLink>
            </li>
          ) : null}
          {loaderData.canSite ? (
            <li>
              <NavLink to={`${base}/site`}>{t('siteAdmin.nav')}</NavLink>
            </li>
          ) : null}
          {loaderData.canPeople ? (
            <li>
              <NavLink to={`${base}/people`}>{t('nav.people')}</NavLink>
            </li>
          ) : null}
          {loaderData.canOutbox ? (
            <li>
              <NavLink to={`${base}/outbox`}>{t('nav.outbox')}</NavLink>
            </li>
          ) : null}
          {loaderData.canAudit ? (
            <li>
              <NavLink to={`${base}/audit`}>{t('nav.audit')}</NavLink>
            </li>
          ) : null}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
