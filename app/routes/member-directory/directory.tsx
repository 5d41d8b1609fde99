// The member directory (issue 15, ADR 0070): current members of the organization see the other
// members who chose to be listed, with only the fields each consented to. Anyone else signed
// in is refused (403) with a page that says why. Search by name, filter by city and profession:
// a GET form, so it works without JavaScript and the URL can be bookmarked.
import { data, Form, Link } from 'react-router';
import { Temporal } from 'temporal-polyfill';
import { DataTable } from '#app/components/data-table.tsx';
import { requireOrganization, requireUser, services } from '#app/lib/guards.server.ts';
import { DomainError } from '#domain/errors.ts';
import { findMemberDirectory } from '#domain/member-directory/find-member-directory.server.ts';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/directory.ts';

const param = (url: URL, name: string) => (url.searchParams.get(name) ?? '').slice(0, 100).trim();

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  const user = await requireUser(request, context, org.slug);
  const url = new URL(request.url);
  const filter = { q: param(url, 'q'), city: param(url, 'city'), profession: param(url, 'profession') };
  const orgView = { slug: org.slug, name: org.name };
  try {
    const directory = await findMemberDirectory(services(context).db, {
      organizationId: org.id,
      viewer: { userId: user.id, email: user.email },
      today: Temporal.Now.plainDateISO(org.timeZone).toString(),
      filter,
    });
    return { refused: false as const, org: orgView, filter, directory };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'MEMBERS_ONLY') return data({ refused: true as const, org: orgView, filter, directory: null }, { status: 403 });
    throw error;
  }
}

export default function MemberDirectory({ loaderData }: Route.ComponentProps) {
  const { org, filter } = loaderData;
  if (loaderData.refused) {
    return (
      <main id="main" className="page narrow">
        <title>{`${t('memberDirectory.refusedTitle')} · ${org.name}`}</title>
        <h1>{t('memberDirectory.refusedTitle')}</h1>
        <p>{t('memberDirectory.refused', { org: org.name })}</p>
      </main>
    );
  }
  const { directory } = loaderData;
  const searching = Boolean(filter.q || filter.city || filter.profession);
  return (
    <main id="main" className="page">
      <title>{`${t('memberDirectory.title')} · ${org.name}`}</title>
      <h1>{t('memberDirectory.title')}</h1>
      <p>{t('memberDirectory.intro', { org: org.name })}</p>
      <p className="muted">
        <Link to={`/o/${org.slug}/profile#directory`}>{t('memberDirectory.yourListing')}</Link>
      </p>
      <Form method="get" className="filters" role="search" aria-label={t('memberDirectory.title')}>
        <div className="field">
          <label htmlFor="md-q">{t('memberDirectory.search')}</label>
          <input id="md-q" name="q" type="search" defaultValue={filter.q} maxLength={100} />
        </div>
        <div className="field">
          <label htmlFor="md-city">{t('memberDirectory.city')}</label>
          <select id="md-city" name="city" defaultValue={filter.city}>
            <option value="">{t('memberDirectory.any')}</option>
            {directory.cities.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="md-profession">{t('memberDirectory.profession')}</label>
          <select id="md-profession" name="profession" defaultValue={filter.profession}>
            <option value="">{t('memberDirectory.any')}</option>
            {directory.professions.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit">{t('memberDirectory.filter')}</button>
          {searching ? <Link to={`/o/${org.slug}/members`}>{t('memberDirectory.clear')}</Link> : null}
        </div>
      </Form>
      <p role="status">
        {t('memberDirectory.count', { count: directory.listed })}
        {searching ? ` ${t('memberDirectory.shown', { count: directory.entries.length })}` : ''}
      </p>
      {directory.listed === 0 ? (
        <p>{t('memberDirectory.empty')}</p>
      ) : directory.entries.length === 0 ? (
        <p>{t('memberDirectory.none')}</p>
      ) : (
        <DataTable caption={t('memberDirectory.caption')} captionHidden>
          <thead>
            <tr>
              <th scope="col">{t('memberDirectory.name')}</th>
              <th scope="col">{t('memberDirectory.credentials')}</th>
              <th scope="col">{t('memberDirectory.city')}</th>
              <th scope="col">{t('memberDirectory.profession')}</th>
              <th scope="col">{t('memberDirectory.training')}</th>
              <th scope="col">{t('memberDirectory.leaderStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {directory.entries.map((e) => (
              <tr key={e.userId}>
                <th scope="row">{e.name}</th>
                <Cell value={e.credentials} />
                <Cell value={e.city} />
                <Cell value={e.profession} />
                <Cell value={e.training?.join('; ') ?? null} />
                <Cell value={e.leaderStatus ? t(`memberDirectory.leader_${e.leaderStatus}`) : null} />
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </main>
  );
}

function Cell({ value }: { value: string | null }) {
  return (
    <td>
      {value ?? (
        <>
          <span aria-hidden="true">—</span>
          <span className="visually-hidden">{t('memberDirectory.notShown')}</span>
        </>
      )}
    </td>
  );
}
