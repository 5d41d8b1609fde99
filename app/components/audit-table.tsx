import { DataTable } from '#app/components/data-table.tsx';
import { t } from '#lib/i18n.ts';

export interface AuditRow {
  id: number;
  action: string;
  entityType: string;
  entityId: string;
  /** ISO instant. */
  at: string;
  actor: string | null;
}

/** Audit events, newest first; times in UTC, said so. */
export function AuditTable({ events }: { events: AuditRow[] }) {
  return (
    <DataTable caption={t('admin.auditTitle')} captionHidden><thead>
          <tr>
            <th scope="col">{t('admin.when')}</th>
            <th scope="col">{t('admin.actor')}</th>
            <th scope="col">{t('admin.action')}</th>
            <th scope="col">{t('admin.entity')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
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
    </DataTable>
  );
}
