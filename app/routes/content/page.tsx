// /o/:org/pages/:slug — a published page: its Markdown rendered and sanitized on the server, its
// meta description, social-preview tags and canonical address (on PUBLIC_URL).
import { data } from 'react-router';
import { requireOrganization, services } from '#app/lib/guards.server.ts';
import { getPublishedPage } from '#domain/content/find-pages.server.ts';
import { DomainError } from '#domain/errors.ts';
import { renderMarkdown } from '#lib/markdown/render-markdown.ts';
import type { Route } from './+types/page.ts';


/** Complete from the server: no JavaScript on this page (app/root.tsx). */
export const handle = { hydrate: false };

export async function loader({ context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const { db, publicUrl } = services(context);
  const page = await getPublishedPage(db, org.id, params.slug).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === 'PAGE_NOT_FOUND') throw data(null, { status: 404 });
    throw error;
  });
  const origin = publicUrl.replace(/\/+$/, '');
  const canonical = `${origin}/o/${org.slug}/pages/${page.slug}`;
  const description = page.description || org.summary;
  return {
    orgName: org.name,
    title: page.title,
    html: renderMarkdown(page.body),
    description,
    canonical,
    social: {
      title: page.socialTitle || page.title,
      description: page.socialDescription || description,
      image: page.socialImageUrl ? new URL(page.socialImageUrl, `${origin}/`).toString() : null,
      card: page.twitterCard,
    },
  };
}

export default function SitePage({ loaderData }: Route.ComponentProps) {
  const { title, html, description, canonical, social, orgName } = loaderData;
  return (
    <main id="main" className="page">
      <title>{`${title} · ${orgName}`}</title>
      {description ? <meta name="description" content={description} /> : null}
      <link rel="canonical" href={canonical} />
      <meta property="og:type" content="website" />
      <meta property="og:site_name" content={orgName} />
      <meta property="og:title" content={social.title} />
      {social.description ? <meta property="og:description" content={social.description} /> : null}
      <meta property="og:url" content={canonical} />
      {social.image ? <meta property="og:image" content={social.image} /> : null}
      <meta name="twitter:card" content={social.card} />
      <meta name="twitter:title" content={social.title} />
      {social.description ? <meta name="twitter:description" content={social.description} /> : null}
      {social.image ? <meta name="twitter:image" content={social.image} /> : null}
      <article className="prose">
        <h1>{title}</h1>
        {/* Sanitized by lib/markdown/render-markdown.ts: an allow-list, no script, no event handler. */}
        <div dangerouslySetInnerHTML={{ __html: html }} />
      </article>
    </main>
  );
}
