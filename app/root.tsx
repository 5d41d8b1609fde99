import { useEffect } from 'react';
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches, useRouteError } from 'react-router';
import { z } from 'zod';
import { t } from '#lib/i18n.ts';
import stylesheet from './styles.css?url';

// In the browser, Zod must not probe `new Function`: the Content-Security-Policy allows no
// eval (ADR 0046) and reports the probe as a violation even though Zod catches it.
if (typeof document !== 'undefined') z.config({ jitless: true });

export const links = () => [{ rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' }];

/**
 * A route whose page needs no JavaScript says so with `export const handle = { hydrate: false }`:
 * its HTML is complete from the server (links and forms work without scripts), so it ships none
 * and the browser has nothing to download, parse or hydrate (ADR 0061). Pages with live behaviour
 * (previews, maps, the visitor's own time zone, instant form checks) keep hydrating.
 */
function pageHydrates(matches: readonly { handle?: unknown }[]): boolean {
  return !matches.some((m) => (m.handle as { hydrate?: boolean } | undefined)?.hydrate === false);
}

export function Layout({ children }: { children: React.ReactNode }) {
  const hydrates = pageHydrates(useMatches());
  // A marker for the browser tests (tests/e2e/support.ts waitForHydration): set once React has hydrated the page.
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
  }, []);
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* The one stylesheet, with a precedence: React sends it ahead of the scripts' modulepreloads,
            so the first paint does not wait behind them (ADR 0061). */}
        <link rel="stylesheet" href={stylesheet} precedence="default" />
        <Meta />
        {/* Stylesheets need no nonce (style-src 'self'). An explicit empty one keeps React Router
            from copying the script nonce onto <link>s, which the browser then hides and React's
            development build reports as a hydration mismatch. */}
        <Links nonce="" />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t('app.skipToContent')}
        </a>
        {children}
        {/* Their inline scripts carry the request's CSP nonce, given to <ServerRouter nonce> in entry.server.tsx. */}
        {hydrates ? (
          <>
            <ScrollRestoration />
            <Scripts />
          </>
        ) : null}
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
      <meta name="description" content={body} />
      <h1>{title}</h1>
      <p>{body}</p>
      <p>
        <a href="/">{t('app.backHome')}</a>
      </p>
    </main>
  );
}
