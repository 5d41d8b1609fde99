// The staff inbox: the organization's inquiries, newest first, filtered by status and kind.
import { Form, Link } from 'react-router';
import { SelectField } from '#app/components/choices.tsx';
import { DataTable } from '#app/components/data-table.tsx';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { formatInstant } from '#app/lib/instants.ts';
import { INQUIRY_KINDS, INQUIRY_STATUSES } from '#domain/inquiries/kinds.ts';
import { countInquiriesByStatus, findInquiries, INBOX_LIMIT, inquiryFiltersFrom } from '#domain/inquiries/find-inquiries.server.ts';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/inbox.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'inquiries:manage');
  const { db } = services(context);
  const filters = inquiryFiltersFrom(new URL(request.url).searchParams);
  const [rows, counts] = await Promise.all([findInquiries(db, org.id, filters), countInquiriesByStatus(db, org.id)]);
  return {
    slug: org.slug,
    filters,
    counts,
    limit: INBOX_LIMIT,
    full: rows.length === INBOX_LIMIT,
    rows: rows.map((r) => ({ ...r, received: formatInstant(r.createdAt, org.timeZone), createdAt: undefined, updatedAt: undefined })),
  };
}

export default function Inbox({ loaderData }: Route.ComponentProps) {
  const { slug, filters, counts, rows } = loaderData;
  const base = `/o/${slug}/admin/inquiries`;
  return (
    <main id="main">
      <title>{t('inquiriesInbox.title')}</title>
      <h1>{t('inquiriesInbox.title')}</h1>
      <Form method="get" className="inline-form" aria-label={t('inquiriesInbox.filters')}>
        <SelectField
          name="status"
          label={t('inquiriesInbox.status')}
          defaultValue={filters.status ?? ''}
          options={[
            { value: '', label: t('inquiriesInbox.allStatuses') },
            ...INQUIRY_STATUSES.map((s) => ({ value: s, label: t('inquiriesInbox.statusCount', { status: t(`inquiries.status_${s}`), count: counts[s] }) })),
          ]}
        />
        <SelectField
          name="kind"
          label={t('inquiriesInbox.kind')}
          defaultValue={filters.kind ?? ''}
          options={[{ value: '', label: t('inquiriesInbox.allKinds') }, ...INQUIRY_KINDS.map((k) => ({ value: k, label: t(`inquiries.kind_${k}`) }))]}
        />
        <button type="submit" className="secondary">
          {t('inquiriesInbox.apply')}
        </button>
      </Form>
      {rows.length === 0 ? (
        <p>{t('inquiriesInbox.empty')}</p>
      ) : (
        <DataTable caption={t('inquiriesInbox.title')} captionHidden>
          <thead>
            <tr>
              <th scope="col">{t('inquiriesInbox.from')}</th>
              <th scope="col">{t('inquiriesInbox.kind')}</th>
              <th scope="col">{t('inquiriesInbox.status')}</th>
              <th scope="col">{t('inquiriesInbox.assignee')}</th>
              <th scope="col">{t('inquiriesInbox.received')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <Link to={`${base}/${r.id}`}>{r.requesterName}</Link>
                  {r.groupName ? <div className="muted">{r.groupName}</div> : null}
                </th>
                <td>
                  {t(`inquiries.kind_${r.kind}`)}
                  {r.leadersToTrain ? <div className="muted">{t('inquiriesInbox.leaders', { count: r.leadersToTrain })}</div> : null}
                </td>
                <td>{t(`inquiries.status_${r.status}`)}</td>
                <td>{r.assignee ?? t('inquiriesInbox.nobody')}</td>
                <td>{r.received}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {loaderData.full ? <p className="muted">{t('inquiriesInbox.shown', { count: loaderData.limit })}</p> : null}
    </main>
  );
}
