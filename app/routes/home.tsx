import { Link } from 'react-router';
import { findOrganizations } from '#domain/organizations/organizations.server.ts';
import { services } from '#app/lib/guards.server.ts';
import { MetaDescription } from '#app/components/meta-description.tsx';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/home.ts';

// Public: lists the organizations hosted here. No permission needed, none checked.

/** Complete from the server: no JavaScript on this page (app/root.tsx). */
export const handle = { hydrate: false };

export async function loader({ context }: Route.LoaderArgs) {
  const organizations = await findOrganizations(services(context).db);
  return { organizations: organizations.map((o) => ({ slug: o.slug, name: o.name, kind: o.kind, tagline: o.tagline, summary: o.summary })) };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  return (
    <>
      <header className="site-header">
        <div className="bar">
          <span className="brand">{t('app.name')}</span>
        </div>
      </header>
      <main id="main" className="page">
        <title>{t('app.name')}</title>
        <MetaDescription content={t('meta.deployment')} />
        <h1>{t('app.name')}</h1>
        <p className="muted">{t('app.tagline')}</p>
        <h2>{t('app.organizations')}</h2>
        <ul className="card-list">
          {loaderData.organizations.map((org) => (
            <li key={org.slug} className="card">
              <h3>
                <Link to={`/o/${org.slug}`}>{org.name}</Link>
              </h3>
              <p className="muted">{t(`org.kind_${org.kind}`)}</p>
              {org.tagline ? <p>{org.tagline}</p> : null}
            </li>
          ))}
        </ul>
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}
