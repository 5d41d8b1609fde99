import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError } from 'react-router';
import { t } from '#lib/i18n.ts';
import stylesheet from './styles.css?url';

export const links = () => [{ rel: 'stylesheet', href: stylesheet }];

export function Layout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t('app.skipToContent')}
        </a>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  let title = t('app.error');
  let body = t('app.errorBody');
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) [title, body] = [t('app.notFound'), t('app.notFoundBody')];
    if (error.status === 403) [title, body] = [t('app.forbidden'), t('app.forbiddenBody')];
  }
  return (
    <main id="main" className="page narrow">
      <title>{`${title} · ${t('app.name')}`}</title>
      <h1>{title}</h1>
      <p>{body}</p>
      <p>
        <a href="/">{t('app.backHome')}</a>
      </p>
    </main>
  );
}
