import { useRouteLoaderData } from 'react-router';
import { t } from '#lib/i18n.ts';
import type { loader as siteLayoutLoader } from '#app/routes/site/layout.tsx';

/** The page's meta description (React places it in <head>); every public page has one (ADR 0061). */
export function MetaDescription({ content }: { content: string }) {
  return <meta name="description" content={content} />;
}

/** The organization whose public site the page belongs to, from the site layout's data. */
export function useOrganizationName(): string {
  return useRouteLoaderData<typeof siteLayoutLoader>('routes/site/layout')?.org.name ?? t('app.name');
}

/** A meta description that names the organization of the public site the page is on. */
export function SiteDescription({ describe }: { describe: (organization: string) => string }) {
  return <MetaDescription content={describe(useOrganizationName())} />;
}
