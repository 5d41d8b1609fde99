// /o/:org/admin/money/export.csv?table=revenue|outstanding|refunds|aid[&course=<id>]
import { data } from 'react-router';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { safeFilename } from '#domain/billing/document-numbers.ts';
import { REPORT_TABLES, reportCsv, type ReportTable } from '#domain/billing/report-csv.ts';
import { moneyReport } from '#domain/billing/reports.server.ts';
import { localDate } from '#domain/money/policy.ts';
import { t } from '#lib/i18n.ts';
import { reportScope } from './report-scope.server.ts';
import type { Route } from './+types/report-csv.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'money:read');
  const { db } = services(context);
  const url = new URL(request.url);
  const table = url.searchParams.get('table') ?? '';
  if (!(REPORT_TABLES as readonly string[]).includes(table)) throw data(null, { status: 404 });
  const { course, scope } = await reportScope(db, org, url);
  const report = await moneyReport(db, scope);
  const csv = reportCsv(report, table as ReportTable, (key) => t(`billingReports.csv_${key}`));
  const filename = safeFilename(`${org.shortName}-${course ? course.title : 'all-courses'}-${table}-${localDate(scope.now, org.timeZone)}`, 'csv');
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
    },
  });
}
