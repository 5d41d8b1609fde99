// /o/:org/news — the organization's published news, latest first.
import { requireOrganization, services } from '#app/lib/guards.server.ts';
import { findPublishedNews } from '#domain/content/find-entries.server.ts';
import { localToday } from '#domain/registration/rules.ts';
import { renderMarkdown } from '#lib/markdown/render-markdown.ts';
import { t } from '#lib/i18n.ts';
import { EntryList, noEntries } from './entry-list.tsx';
import type { Route } from './+types/news.ts';


/** Complete from the server: no JavaScript on this page (app/root.tsx). */
export const handle = { hydrate: false };

export async function loader({ context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const news = await findPublishedNews(services(context).db, org.id, localToday(org.timeZone));
  return { orgName: org.name, news: news.map((e) => ({ id: e.id, title: e.title, startsOn: e.startsOn, endsOn: null, place: '', summary: e.summary, html: renderMarkdown(e.body) })) };
}

export default function News({ loaderData }: Route.ComponentProps) {
  const { orgName, news } = loaderData;
  return (
    <main id="main" className="page">
      <title>{`${t('siteEntries.newsTitle')} · ${orgName}`}</title>
      <meta name="description" content={t('siteEntries.newsDescription', { org: orgName })} />
      <h1>{t('siteEntries.newsTitle')}</h1>
      {news.length === 0 ? <p>{noEntries('news')}</p> : <EntryList entries={news} headingLevel={2} />}
    </main>
  );
}
