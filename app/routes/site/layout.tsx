import { Form, NavLink, Outlet } from 'react-router';
import { rolesGrant } from '#domain/accounts/permissions.ts';
import { isOperator } from '#domain/accounts/operators.server.ts';
import { findRoles } from '#domain/accounts/roles.server.ts';
import { findPublishedKinds } from '#domain/content/find-entries.server.ts';
import { findNavigationPages } from '#domain/content/find-pages.server.ts';
import { findSiteLook } from '#domain/content/site-settings.server.ts';
import { getSessionUser, requireOrganization, services } from '#app/lib/guards.server.ts';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/layout.ts';

// Public shell of one organization. It only decides what the header shows; every child
// route checks its own permissions.
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const user = await getSessionUser(request, context);
  const { db } = services(context);
  const roles = user ? await findRoles(db, org.id, user.id) : [];
  // The site's own pages in the admin's order, its events and news lists, its look (issue 14).
  const [pages, kinds, look] = await Promise.all([findNavigationPages(db, org.id), findPublishedKinds(db, org.id), findSiteLook(db, org)]);
  return {
    org: { slug: org.slug, name: org.name, shortName: org.shortName, tagline: org.tagline },
    pages,
    lists: { events: kinds.includes('event'), news: kinds.includes('news') },
    look,
    user: user ? { name: user.name } : null,
    canAdmin: rolesGrant(roles, 'admin:access'),
    operator: user ? await isOperator(services(context).db, user.id) : false,
  };
}

export default function OrganizationLayout({ loaderData }: Route.ComponentProps) {
  const { org, user, canAdmin, operator, pages, lists, look } = loaderData;
  const base = `/o/${org.slug}`;
  return (
    <>
      <meta name="theme-color" content={look.themeColor} />
      {look.faviconPath ? <link rel="icon" href={look.faviconPath} type="image/png" sizes="64x64" /> : null}
      <header className="site-header">
        <div className="bar">
          <a className="brand" href={base}>
            {org.name}
            {org.tagline ? <small>{org.tagline}</small> : null}
          </a>
          <nav aria-label={t('nav.main')}>
            <ul>
              <li>
                <NavLink to={base} end>
                  {t('nav.home')}
                </NavLink>
              </li>
              {pages.map((page) => (
                <li key={page.slug}>
                  <NavLink to={`${base}/pages/${page.slug}`}>{page.title}</NavLink>
                </li>
              ))}
              {lists.events ? (
                <li>
                  <NavLink to={`${base}/events`}>{t('siteEntries.eventsNav')}</NavLink>
                </li>
              ) : null}
              {lists.news ? (
                <li>
                  <NavLink to={`${base}/news`}>{t('siteEntries.newsNav')}</NavLink>
                </li>
              ) : null}
              <li>
                <NavLink to={`${base}/groups`}>{t('nav.groups')}</NavLink>
              </li>
              <li>
                <NavLink to={`${base}/contact`}>{t('nav.contact')}</NavLink>
              </li>
              <li>
                <NavLink to={`${base}/donate`}>{t('money.donate')}</NavLink>
              </li>
              {canAdmin ? (
                <li>
                  <NavLink to={`${base}/admin`}>{t('nav.admin')}</NavLink>
                </li>
              ) : null}
              {operator ? (
                <li>
                  <NavLink to="/operator">{t('operator.nav')}</NavLink>
                </li>
              ) : null}
              {user ? (
                <>
                  <li>
                    <NavLink to={`${base}/registrations`}>{t('nav.registrations')}</NavLink>
                  </li>
                  <li>
                    <NavLink to={`${base}/attendance`}>{t('attendance.nav')}</NavLink>
                  </li>
                  <li>
                    <NavLink to={`${base}/certificates`}>{t('creditNav.certificates')}</NavLink>
                  </li>
                  <li>
                    <NavLink to={`${base}/my-groups`}>{t('myGroups.nav')}</NavLink>
                  </li>
                  <li>
                    <NavLink to={`${base}/profile`}>{t('nav.profile')}</NavLink>
                  </li>
                  <li>
                    <Form method="post" action={`${base}/sign-out`} className="inline-form">
                      <button type="submit" className="link-button">
                        {t('nav.signOut')}
                      </button>
                    </Form>
                  </li>
                </>
              ) : (
                <>
                  <li>
                    <NavLink to={`${base}/sign-in`}>{t('nav.signIn')}</NavLink>
                  </li>
                  <li>
                    <NavLink to={`${base}/sign-up`}>{t('nav.signUp')}</NavLink>
                  </li>
                </>
              )}
            </ul>
          </nav>
        </div>
      </header>
      <Outlet />
      <footer className="site-footer">
        <p>
          {user ? `${t('nav.signedInAs', { name: user.name })} · ` : null}
          {t('app.footer')} <a href="/">{t('app.name')}</a>
        </p>
      </footer>
    </>
  );
}
