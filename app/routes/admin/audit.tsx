import { desc, eq } from 'drizzle-orm';
import { auditEvents } from '#db/schema/audit.ts';
import { users } from '#db/schema/accounts.ts';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/audit.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'audit:read');
  const rows = await services(context)
    .db.select({ id: auditEvents.id, action: auditEvents.action, entityType: auditEvents.entityType, entityId: auditEvents.entityId, at: auditEvents.at, actor: users.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(eq(auditEvents.organizationId, org.id))
    .orderBy(desc(auditEvents.at))
    .limit(200);
  return { events: rows.map((r) => ({ ...r, at: r.at.toISOString() })) };
}

export default function Audit({ loaderData }: Route.ComponentProps) {
  return (
    <main id="main">
      <title>{t('admin.auditTitle')}</title>
      <h1>{t('admin.auditTitle')}</h1>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('admin.when')}</th>
              <th scope="col">{t('admin.actor')}</th>
              <th scope="col">{t('admin.action')}</th>
              <th scope="col">{t('admin.entity')}</th>
            </tr>
          </thead>
          <tbody>
            {loaderData.events.map((e) => (
              <tr key={e.id}>
                <td>{e.at.replace('T', ' ').slice(0, 16)} UTC</td>
                <td>{e.actor ?? 'system'}</td>
                <td>{e.action}</td>
                <td>
                  {e.entityType} {e.entityId.slice(0, 8)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </main>
  );
}
