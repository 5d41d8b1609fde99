// The rows <MySeries> shows (app/routes/series/my-series.tsx), read on the server.
import { findMySeriesEnrollments } from '#domain/series/series.server.ts';
import type { MySeriesRow } from './my-series.tsx';

export async function loadMySeries(db: Parameters<typeof findMySeriesEnrollments>[0], organizationId: string, userId: string): Promise<MySeriesRow[]> {
  const rows = await findMySeriesEnrollments(db, organizationId, userId);
  return rows.map((r) => ({
    id: r.series.id,
    title: r.series.title,
    group: r.listingTitle,
    firstSessionOn: r.series.firstSessionOn,
    seriesStatus: r.series.status,
    placeStatus: r.enrollment.status,
    currency: r.series.currency,
    paidMinor: r.account.netPaidMinor,
    balanceMinor: r.account.balanceMinor,
  }));
}

