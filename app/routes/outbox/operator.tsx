import { DataTable } from '#app/components/data-table.tsx';
import { Link } from 'react-router';
import { OperatorNav } from '#app/components/operator-nav.tsx';
import { requireOperator, services } from '#app/lib/guards.server.ts';
import { formatInstant } from '#app/lib/instants.ts';
import { findOrganizations } from '#domain/organizations/organizations.server.ts';
import { findCredentialMessages } from '#lib/email/outbox.server.ts';
import { RecipientFilter } from '#app/components/outbox-parts.tsx';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/operator.ts';

// The deployment operator's list of credential-bearing mail, across organizations.
export async function loader({ request, context }: Route.LoaderArgs) {
  await requireOperator(request, context);
  const { db } = services(context);
  const to = new URL(request.url).searchParams.get('to')?.trim() || undefined;
  const [rows, orgs] = await Promise.all([findCredentialMessages(db, { limit: 200, to }), findOrganizations(db)]);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  return {
    to: to ?? '',
    messages: rows.map((m) => ({
      id: m.id,
      to: m.toAddress,
      subject: m.subject,
      status: m.status,
      organization: orgName.get(m.organizationId) ?? '',
      created: `${formatInstant(m.createdAt, 'UTC')} UTC`,
    })),
  };
}

export default function OperatorOutbox({ loaderData }: Route.ComponentProps) {
  return (
    <main id="main" className="page">
      <title>{`${t('operator.outboxTitle')} · ${t('operator.title')}`}</title>
      <p className="muted">{t('operator.title')}</p>
      <h1>{t('operator.outboxTitle')}</h1>
      <OperatorNav />
      <p>{t('operator.outboxIntro')}</p>
      <RecipientFilter id="operator-to" value={loaderData.to} label={t('operator.filter')} />
      {loaderData.messages.length === 0 ? (
        <p>{t('operator.outboxEmpty')}</p>
      ) : (
        <DataTable caption={t('operator.outboxTitle')} captionHidden><thead>
              <tr>
                <th scope="col">{t('admin.created')}</th>
                <th scope="col">{t('operator.organization')}</th>
                <th scope="col">{t('admin.to')}</th>
                <th scope="col">{t('admin.subject')}</th>
                <th scope="col">{t('admin.status')}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.messages.map((m) => (
                <tr key={m.id}>
                  <td>{m.created}</td>
                  <td>{m.organization}</td>
                  <td>{m.to}</td>
                  <td>
                    <Link to={`/operator/outbox/${m.id}`}>{m.subject}</Link>
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
