// Staff search their organization's people by part of a name or email (accents and case
// ignored) and open a person's record.
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { searchPeople } from '#domain/people/search-people.server.ts';
import { t } from '#lib/i18n.ts';
import { PeopleResults, problemMessage, SearchForm } from './results.tsx';
import type { Route } from './+types/search.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'people:search');
  const query = new URL(request.url).searchParams.get('q') ?? '';
  const base = `/o/${org.slug}/admin`;
  if (query.trim() === '') return { base, query, error: undefined, hits: null, more: false };
  const outcome = await searchPeople(services(context).db, org.id, query);
  if (!outcome.ok) return { base, query, error: problemMessage(outcome.problem), hits: null, more: false };
  return { base, query, error: undefined, hits: outcome.hits, more: outcome.more };
}

export default function PeopleSearch({ loaderData }: Route.ComponentProps) {
  const { base, query, error, hits, more } = loaderData;
  return (
    <main id="main">
      <title>{query ? `${t('people.searchTitle')}: ${query}` : t('people.searchTitle')}</title>
      <h1>{t('people.searchTitle')}</h1>
      <SearchForm query={query} error={error} action={`${base}/search`} />
      {hits ? <PeopleResults hits={hits} more={more} personHref={(id) => `${base}/person/${encodeURIComponent(id)}`} /> : null}
    </main>
  );
}
