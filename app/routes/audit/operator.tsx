import { AuditTable } from '#app/components/audit-table.tsx';
import { OperatorNav } from '#app/components/operator-nav.tsx';
import { requireOperator, services } from '#app/lib/guards.server.ts';
import { findAuditEvents } from '#domain/audit/find-audit-events.server.ts';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/operator.ts';

// Events of the deployment itself, at no organization: password resets, verified emails,
// operators granted, credential mail viewed.
export async function loader({ request, context }: Route.LoaderArgs) {
  await requireOperator(request, context);
  const rows = await findAuditEvents(services(context).db, null);
  return { events: rows.map((r) => ({ ...r, at: r.at.toISOString() })) };
}

export default function OperatorAudit({ loaderData }: Route.ComponentProps) {
  return (
    <main id="main" className="page">
      <title>{`${t('operator.auditTitle')} · ${t('operator.title')}`}</title>
      <p className="muted">{t('operator.title')}</p>
      <h1>{t('operator.auditTitle')}</h1>
      <OperatorNav />
      <AuditTable events={loaderData.events} />
    </main>
  );
}
