// The reconcile report: the ledger's invariants, checked now; each violation with a link to
// the account it concerns. A clean ledger says so.
import { DataTable } from '#app/components/data-table.tsx';
import { Link } from 'react-router';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { reconcile } from '#domain/billing/reconcile.server.ts';
import { t } from '#lib/i18n.ts';
import { formatMoney } from '#lib/money.ts';
import type { Route } from './+types/reconcile.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'money:read');
  const violations = await reconcile(services(context).db, org.id);
  return {
    base: `/o/${org.slug}/admin`,
    violations: violations.map((v, i) => ({
      key: `${v.check}-${i}`,
      check: t(`billingReconcile.check_${v.check}`),
      name: v.name,
      href: v.registrationId && v.courseId ? `/o/${org.slug}/admin/courses/${v.courseId}/applications/${v.registrationId}/account` : null,
      expected: formatMoney(v.expectedMinor, v.currency),
      actual: formatMoney(v.actualMinor, v.currency),
    })),
  };
}

export default function Reconcile({ loaderData }: Route.ComponentProps) {
  const d = loaderData;
  return (
    <main id="main">
      <title>{t('billingReconcile.title')}</title>
      <p>
        <Link to={`${d.base}/money`}>{t('billingReports.title')}</Link>
      </p>
      <h1>{t('billingReconcile.title')}</h1>
      <p>{t('billingReconcile.intro')}</p>
      {d.violations.length === 0 ? (
        <p className="notice success" role="status">
          {t('billingReconcile.clean')}
        </p>
      ) : (
        <>
          <p className="notice error">{t('billingReconcile.found', { count: d.violations.length })}</p>
          <DataTable caption={t('billingReconcile.caption')}>
              <thead>
                <tr>
                  <th scope="col">{t('billingReconcile.check')}</th>
                  <th scope="col">{t('billingReconcile.account')}</th>
                  <th scope="col" className="numeric">{t('billingReconcile.expected')}</th>
                  <th scope="col" className="numeric">{t('billingReconcile.actual')}</th>
                </tr>
              </thead>
              <tbody>
                {d.violations.map((v) => (
                  <tr key={v.key}>
                    <th scope="row">{v.check}</th>
                    <td>
                      {v.href ? (
                        <Link to={v.href}>
                          {v.name}
                        </Link>
                      ) : (
                        v.name || t('billingReconcile.noAccount')
                      )}
                    </td>
                    <td className="numeric">{v.expected}</td>
                    <td className="numeric">{v.actual}</td>
                  </tr>
                ))}
              </tbody>
          </DataTable>
        </>
      )}
    </main>
  );
}
