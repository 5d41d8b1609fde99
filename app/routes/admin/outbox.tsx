import { Link } from 'react-router';
import { findOutboxMessages } from '#lib/email/outbox.server.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/outbox.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'outbox:read');
  const to = new URL(request.url).searchParams.get('to') ?? undefined;
  const rows = await findOutboxMessages(services(context).db, org.id, { limit: 200, to });
  return {
    slug: org.slug,
    to: to ?? '',
    smtp: services(context).smtpConfigured,
    messages: rows.map((m) => ({ id: m.id, to: m.toAddress, subject: m.subject, status: m.status, createdAt: m.createdAt.toISOString() })),
  };
}

export default function Outbox({ loaderData }: Route.ComponentProps) {
  const when = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  return (
    <main id="main">
      <title>{t('admin.outboxTitle')}</title>
      <h1>{t('admin.outboxTitle')}</h1>
      <p className="muted">{t('admin.outboxIntro')}</p>
      <form method="get" className="stack" role="search">
        <div className="field">
          <label htmlFor="outbox-to">{t('admin.to')}</label>
          <input id="outbox-to" name="to" type="email" defaultValue={loaderData.to} />
        </div>
        <div>
          <button type="submit" className="secondary">
            {t('admin.to')} ↵
          </button>
        </div>
      </form>
      {loaderData.messages.length === 0 ? (
        <p>{t('admin.outboxEmpty')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin.created')}</th>
                <th scope="col">{t('admin.to')}</th>
                <th scope="col">{t('admin.subject')}</th>
                <th scope="col">{t('admin.status')}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.messages.map((m) => (
                <tr key={m.id}>
                  <td>{when.format(new Date(m.createdAt))} UTC</td>
                  <td>{m.to}</td>
                  <td>
                    <Link to={`/o/${loaderData.slug}/admin/outbox/${m.id}`}>{m.subject}</Link>
                  </td>
                  <td>{t(`admin.status_${m.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
