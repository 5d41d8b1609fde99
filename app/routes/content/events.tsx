// /o/:org/events — the organization's published events: coming, then past.
import { requireOrganization, services } from '#app/lib/guards.server.ts';
import { findPublishedEvents } from '#domain/content/find-entries.server.ts';
import { localToday } from '#domain/registration/rules.ts';
import { renderMarkdown } from '#lib/markdown/render-markdown.ts';
import { t } from '#lib/i18n.ts';
import { EntryList, noEntries } from './entry-list.tsx';
import type { Route } from './+types/events.ts';


/** Complete from the server: no JavaScript on this page (app/root.tsx). */
export const handle = { hydrate: false };

export async function loader({ context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const { upcoming, past } = await findPublishedEvents(services(context).db, org.id, localToday(org.timeZone));
  const shown = (e: (typeof upcoming)[number]) => ({ id: e.id, title: e.title, startsOn: e.startsOn, endsOn: e.endsOn, place: e.place, summary: e.summary, html: renderMarkdown(e.body) });
  return { orgName: org.name, upcoming: upcoming.map(shown), past: past.map(shown) };
}

export default function Events({ loaderData }: Route.ComponentProps) {
  const { orgName, upcoming, past } = loaderData;
  return (
    <main id="main" className="page">
      <title>{`${t('siteEntries.eventsTitle')} · ${orgName}`}</title>
      <meta name="description" content={t('siteEntries.eventsDescription', { org: orgName })} />
      <h1>{t('siteEntries.eventsTitle')}</h1>
      <section aria-labelledby="events-upcoming">
        <h2 id="events-upcoming">{t('siteEntries.upcomingEvents')}</h2>
        {upcoming.length === 0 ? <p>{noEntries('event')}</p> : <EntryList entries={upcoming} />}
      </section>
      {past.length > 0 ? (
        <section aria-labelledby="events-past">
          <h2 id="events-past">{t('siteEntries.pastEvents')}</h2>
          <EntryList entries={past} />
        </section>
      ) : null}
    </main>
  );
}
