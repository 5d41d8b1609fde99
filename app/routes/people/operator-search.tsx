// The deployment's operator searches people across every organization (issue 18), e.g. to
// answer "which society am I registered with?". Results name each person's organizations.
import { OperatorNav } from '#app/components/operator-nav.tsx';
import { requireOperator, services } from '#app/lib/guards.server.ts';
import { searchPeople } from '#domain/people/search-people.server.ts';
import { t } from '#lib/i18n.ts';
import { PeopleResults, problemMessage, SearchForm } from './results.tsx';
import type { Route } from './+types/operator-search.ts';

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireOperator(request, context);
  const query = new URL(request.url).searchParams.get('q') ?? '';
  if (query.trim() === '') return { query, error: undefined, hits: null, more: false };
  const outcome = await searchPeople(services(context).db, null, query);
  if (!outcome.ok) return { query, error: problemMessage(outcome.problem), hits: null, more: false };
  return { query, error: undefined, hits: outcome.hits, more: outcome.more };
}

export default function OperatorPeople({ loaderData }: Route.ComponentProps) {
  const { query, error, hits, more } = loaderData;
  return (
    <main id="main" className="page">
      <title>{`${t('people.operatorTitle')} · ${t('operator.title')}`}</title>
      <p className="muted">{t('operator.title')}</p>
      <h1>{t('people.operatorTitle')}</h1>
      <OperatorNav />
      <SearchForm query={query} error={error} action="/operator/people" />
      {hits ? <PeopleResults hits={hits} more={more} showOrganizations /> : null}
    </main>
  );
}
