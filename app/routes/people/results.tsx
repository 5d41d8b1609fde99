// The results of a people search, as a table; shared by staff and the operator.
import { Link } from 'react-router';
import { DataTable } from '#app/components/data-table.tsx';
import type { PersonHit } from '#domain/people/search-people.server.ts';
import { formatDate, t } from '#lib/i18n.ts';

export function SearchForm({ query, error, action }: { query: string; error?: string; action: string }) {
  return (
    <form method="get" action={action} role="search" className="stack" aria-label={t('people.searchTitle')}>
      <div className="field">
        <label htmlFor="people-q">{t('people.query')}</label>
        <span className="hint" id="people-q-hint">
          {t('people.queryHint')}
        </span>
        <input
          id="people-q"
          name="q"
          type="search"
          defaultValue={query}
          aria-describedby={error ? 'people-q-hint people-q-error' : 'people-q-hint'}
          aria-invalid={error ? true : undefined}
          autoComplete="off"
        />
        {error ? (
          <span className="error" id="people-q-error">
            {error}
          </span>
        ) : null}
      </div>
      <div>
        <button type="submit">{t('people.search')}</button>
      </div>
    </form>
  );
}

export function PeopleResults({ hits, more, personHref, showOrganizations }: { hits: PersonHit[]; more: boolean; personHref?: (userId: string) => string; showOrganizations?: boolean }) {
  if (hits.length === 0) return <p role="status">{t('people.none')}</p>;
  return (
    <>
      <p role="status">{more ? t('people.manyResults', { count: hits.length }) : t('people.results', { count: hits.length })}</p>
      <DataTable caption={t('people.resultsCaption')} captionHidden>
        <thead>
          <tr>
            <th scope="col">{t('people.name')}</th>
            <th scope="col">{t('people.email')}</th>
            {showOrganizations ? <th scope="col">{t('people.organizations')}</th> : null}
            <th scope="col">{t('people.roles')}</th>
            <th scope="col">{t('people.registrations')}</th>
            <th scope="col">{t('people.membership')}</th>
          </tr>
        </thead>
        <tbody>
          {hits.map((h) => (
            <tr key={`${h.userId ?? 'record'}-${h.email}-${h.organizations.join()}`}>
              <th scope="row">{h.userId && personHref ? <Link to={personHref(h.userId)}>{h.name}</Link> : h.name}</th>
              <td>{h.email}</td>
              {showOrganizations ? <td>{h.organizations.join(', ')}</td> : null}
              <td>{h.roles.map((r) => t(`role.${r}`)).join(', ')}</td>
              <td>{h.registrations}</td>
              <td>{h.memberUntil ? t('people.memberUntil', { date: formatDate(h.memberUntil, 'en-US', 'medium') }) : h.userId ? '' : t('people.recordOnly')}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </>
  );
}

export function problemMessage(problem: 'too_short' | 'too_long'): string {
  return t(problem === 'too_short' ? 'people.tooShort' : 'people.tooLong');
}
