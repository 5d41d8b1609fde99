import { requirePermission, services } from '#app/lib/guards.server.ts';
import { AuditTable } from '#app/components/audit-table.tsx';
import { findAuditEvents } from '#domain/audit/find-audit-events.server.ts';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/staff.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'audit:read');
  const rows = await findAuditEvents(services(context).db, org.id);
  return { events: rows.map((r) => ({ ...r, at: r.at.toISOString() })) };
}

export default function Audit({ loaderData }: Route.ComponentProps) {
  return (
    <main id="main">
      <title>{t('admin.auditTitle')}</title>
      <h1>{t('admin.auditTitle')}</h1>
      <AuditTable events={loaderData.events} />
    </main>
  );
}
