import { DataTable } from '#app/components/data-table.tsx';
import { Link } from 'react-router';
import { findOutboxMessages } from '#lib/email/outbox.server.ts';
import { OUTBOX_VIEW_KEYS, parseOutboxView } from '#lib/email/outbox-views.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { formatInstant } from '#app/lib/instants.ts';
import { RecipientFilter } from '#app/components/outbox-parts.tsx';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/staff.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'outbox:read');
  const query = new URL(request.url).searchParams;
  const to = query.get('to')?.trim() || undefined;
  const view = parseOutboxView(query.get('view'));
  const rows = await findOutboxMessages(services(context).db, org.id, { limit: 200, to, view });
  return {
    slug: org.slug,
    to: to ?? '',
    view: view ?? '',
    timeZone: org.timeZone,
    smtp: services(context).smtpConfigured,
    // Times are formatted here, in the organization's zone, so the browser renders the same text.
    messages: rows.map((m) => ({ id: m.id, to: m.toAddress, subject: m.subject, status: m.status, credential: m.credential, created: formatInstant(m.createdAt, org.timeZone) })),
  };
}

export default function Outbox({ loaderData }: Route.ComponentProps) {
  return (
    <main id="main">
      <title>{t('admin.outboxTitle')}</title>
      <h1>{t('admin.outboxTitle')}</h1>
      <p className="muted">{t('admin.outboxIntro')}</p>
      <RecipientFilter id="outbox-to" value={loaderData.to} label={t('admin.filter')} view={{ value: loaderData.view, options: OUTBOX_VIEW_KEYS }} />
      {loaderData.messages.length === 0 ? (
        <p>{t('admin.outboxEmpty')}</p>
      ) : (
        <DataTable caption={t('admin.outboxTitle')} captionHidden><thead>
              <tr>
                <th scope="col">{t('admin.createdIn', { zone: loaderData.timeZone })}</th>
                <th scope="col">{t('admin.to')}</th>
                <th scope="col">{t('admin.subject')}</th>
                <th scope="col">{t('admin.status')}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.messages.map((m) => (
                <tr key={m.id}>
                  <td>{m.created}</td>
                  <td>{m.to}</td>
                  <td>
                    <Link to={`/o/${loaderData.slug}/admin/outbox/${m.id}`}>{m.subject}</Link>{' '}
                    {m.credential ? <span className="status-badge">{t('outboxCredential.badge')}</span> : null}
                  </td>
                  <td>{t(`admin.status_${m.status}`)}</td>
                </tr>
              ))}
            </tbody>
        </DataTable>
      )}
    </main>
  );
}
