// The refund tracker's list as a CSV download, with the page's filters.
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { findRefunds, REFUND_CSV_COLUMNS, refundsCsv } from '#domain/refunds/find-refunds.server.ts';
import { refundFiltersFrom } from '#domain/refunds/tracker-views.ts';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/tracker-csv.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'refunds:manage');
  const filters = refundFiltersFrom(new URL(request.url).searchParams);
  const rows = await findRefunds(services(context).db, org.id, filters);
  const headers = Object.fromEntries(REFUND_CSV_COLUMNS.map((c) => [c, t(`refundsCsv.${c}`)])) as Record<(typeof REFUND_CSV_COLUMNS)[number], string>;
  const csv = refundsCsv(rows, headers, { reason: (r) => t(`refunds.reason_${r}`), status: (s) => t(`refunds.status_${s}`) });
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${org.slug.replace(/[^a-z0-9-]/gi, '')}-refunds-${filters.view}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}
