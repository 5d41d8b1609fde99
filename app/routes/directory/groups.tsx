// Public: the directory of ongoing Balint groups. Filters are a GET form (they work without
// JavaScript and the URL can be shared); results are a list — the accessible whole — and a
// map of the groups that meet in person. A national society's directory also lists its
// regional circles' published groups, each labelled with its circle and linked to its page.
import { useState, useEffect } from 'react';
import { Link } from 'react-router';
import { PROFESSIONS } from '#domain/directory/vocabulary.ts';
import { DISTANCES_MILES, filterListings, parseFilters } from '#domain/directory/directory-filters.ts';
import { findDirectory } from '#domain/directory/find-listings.server.ts';
import { requireOrganization, services } from '#app/lib/guards.server.ts';
import { t } from '#lib/i18n.ts';
import { DirectoryMap, type MapPoint } from './directory-map.tsx';
import { listingSummary } from './listing-view.server.ts';
import type { Route } from './+types/groups.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const url = new URL(request.url);
  const filters = parseFilters(url.searchParams);
  const all = await findDirectory(services(context).db, org.id);
  const entries = all.map((l) => ({ ...l, organizationName: l.organization.name }));
  const outcome = filterListings(entries, filters);
  return {
    org: { slug: org.slug, name: org.name },
    hasCircles: all.some((l) => !l.organization.own),
    filters: {
      q: filters.q ?? '',
      region: filters.region ?? '',
      postcode: filters.postcode ?? '',
      within: String(filters.withinMiles ?? 50),
      online: filters.online ?? false,
      profession: filters.profession ?? '',
      day: filters.day ? String(filters.day) : '',
      open: filters.open ?? false,
    },
    distances: [...DISTANCES_MILES],
    regions: [...new Set(all.map((l) => l.region).filter(Boolean))].sort(),
    professions: PROFESSIONS.map((p) => ({ value: p, label: t(`directory.profession_${p}`) })),
    postcodeUnknown: outcome.postcodeUnknown,
    results: outcome.listings.map((l) => ({
      ...listingSummary(l),
      href: `/o/${l.organization.slug}/groups/${l.slug}`,
      circle: l.organization.own ? null : l.organization.name,
      distanceMiles: l.distanceMiles === null ? null : Math.round(l.distanceMiles),
    })),
  };
}

const DAYS = [1, 2, 3, 4, 5, 6, 7];

export default function Groups({ loaderData }: Route.ComponentProps) {
  const { org, filters: f, results } = loaderData;
  const points: MapPoint[] = results.flatMap((r) => (r.latitude !== null && r.longitude !== null ? [{ id: r.id, title: r.title, href: r.href, latitude: r.latitude, longitude: r.longitude }] : []));
  // The map is drawn only after hydration: the server and the first browser render agree.
  const [hydrated, setHydrated] = useState(false);
  const [showMap, setShowMap] = useState(false);
  useEffect(() => setHydrated(true), []);
  const title = `${t('directory.heading')} — ${org.name}`;
  return (
    <main id="main" className="page">
      <title>{title}</title>
      <meta name="description" content={t('directory.metaDescription')} />
      <h1>{t('directory.heading')}</h1>
      <p>{t('directory.intro')}</p>
      {loaderData.hasCircles ? <p className="muted">{t('directory.circleIntro')}</p> : null}
      <p>
        <Link to={`/o/${org.slug}/my-groups`}>{t('directory.leadGroup')}</Link>
      </p>
      <section aria-labelledby="filters-heading">
        <h2 id="filters-heading">{t('directory.filtersHeading')}</h2>
        <form method="get" className="stack directory-filters" role="search" aria-labelledby="filters-heading">
          <div className="field">
            <label htmlFor="filter-q">{t('directory.q')}</label>
            <span className="hint" id="filter-q-hint">
              {t('directory.qHint')}
            </span>
            <input id="filter-q" name="q" type="search" defaultValue={f.q} aria-describedby="filter-q-hint" />
          </div>
          <div className="field">
            <label htmlFor="filter-region">{t('directory.region')}</label>
            <select id="filter-region" name="region" defaultValue={f.region}>
              <option value="">{t('directory.anyRegion')}</option>
              {loaderData.regions.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-postcode">{t('directory.postcode')}</label>
            <span className="hint" id="filter-postcode-hint">
              {t('directory.postcodeHint')}
            </span>
            <input id="filter-postcode" name="postcode" defaultValue={f.postcode} autoComplete="postal-code" aria-describedby="filter-postcode-hint" />
          </div>
          <div className="field">
            <label htmlFor="filter-within">{t('directory.within')}</label>
            <select id="filter-within" name="within" defaultValue={f.within}>
              {loaderData.distances.map((d) => (
                <option key={d} value={String(d)}>
                  {t('directory.withinMiles', { miles: d })}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-profession">{t('directory.profession')}</label>
            <select id="filter-profession" name="profession" defaultValue={f.profession}>
              <option value="">{t('directory.anyProfession')}</option>
              {loaderData.professions.map((p) => (
                <option key={p.value} value={p.value}>
                  {p.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-day">{t('directory.day')}</label>
            <select id="filter-day" name="day" defaultValue={f.day}>
              <option value="">{t('directory.anyDay')}</option>
              {DAYS.map((d) => (
                <option key={d} value={String(d)}>
                  {t(`directory.weekday_${d}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field checkbox">
            <div className="checkbox-row">
              <input type="checkbox" id="filter-online" name="online" value="yes" defaultChecked={f.online} aria-describedby="filter-online-hint" />
              <label htmlFor="filter-online">{t('directory.online')}</label>
            </div>
            <span className="hint" id="filter-online-hint">
              {t('directory.onlineHint')}
            </span>
          </div>
          <div className="field checkbox">
            <div className="checkbox-row">
              <input type="checkbox" id="filter-open" name="open" value="yes" defaultChecked={f.open} />
              <label htmlFor="filter-open">{t('directory.open')}</label>
            </div>
          </div>
          <div className="button-row">
            <button type="submit">{t('directory.search')}</button>
            <Link to={`/o/${org.slug}/groups`}>{t('directory.clear')}</Link>
          </div>
        </form>
      </section>
      <section aria-labelledby="results-heading">
        <h2 id="results-heading">{t('directory.listHeading')}</h2>
        {loaderData.postcodeUnknown ? (
          <div className="notice" role="note">
            <p>{t('directory.postcodeUnknown', { postcode: f.postcode })}</p>
          </div>
        ) : null}
        <p role="status">{t('directory.results', { count: results.length })}</p>
        {results.length === 0 ? <p>{t('directory.none')}</p> : null}
        <ul className="card-list directory-results">
          {results.map((r) => (
            <li key={r.id} className="card">
              <h3>
                <a href={r.href}>{r.title}</a>
              </h3>
              {r.circle ? <p className="muted">{t('directory.circleLabel', { circle: r.circle })}</p> : null}
              <dl className="facts">
                <dt>{t('directory.meets')}</dt>
                <dd>
                  {r.pattern} <span className="muted">({r.zone})</span>
                </dd>
                <dt>{t('directory.place')}</dt>
                <dd>
                  {r.place}
                  {r.distanceMiles !== null ? ` · ${t('directory.distance', { miles: r.distanceMiles })}` : null}
                </dd>
                <dt>{t('directory.format')}</dt>
                <dd>
                  {r.formatLabel}
                  {r.rotatingLeader ? ` · ${t('directory.rotating')}` : null}
                </dd>
                <dt>{t('directory.forWhom')}</dt>
                <dd>{r.professions.length ? r.professions.join(', ') : t('directory.allClinicians')}</dd>
                <dt>{r.leaders.length > 1 ? t('directory.leaders') : t('directory.leader')}</dt>
                <dd>{r.leaders.join(', ')}</dd>
                <dt>{t('directory.enrollmentLabel')}</dt>
                <dd>{r.enrollmentLabel}</dd>
              </dl>
            </li>
          ))}
        </ul>
      </section>
      {points.length ? (
        <section aria-labelledby="map-heading">
          <h2 id="map-heading">{t('directory.mapHeading')}</h2>
          {/* On request: the map's library and its tiles are the heaviest part of the page and the
              list already says everything, so a phone downloads them only when asked. */}
          {showMap ? (
            <DirectoryMap points={points} />
          ) : (
            <>
              <p className="muted">{t('directory.mapNote')}</p>
              {hydrated ? (
                <button type="button" className="secondary" onClick={() => setShowMap(true)}>
                  {t('directory.showMap', { count: points.length })}
                </button>
              ) : null}
            </>
          )}
        </section>
      ) : null}
    </main>
  );
}
