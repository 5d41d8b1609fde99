// Applications over time against capacity and the early-place limit: an inline SVG for the
// eye, with the same figures in a table for everyone else.
import { DataTable } from '#app/components/data-table.tsx';
import { formatDate, t } from '#lib/i18n.ts';

export interface ChartPoint {
  day: string;
  applications: number;
  cumulative: number;
}

const W = 640;
const H = 260;
const PAD = { left: 44, right: 16, top: 16, bottom: 36 };

export function ApplicationsChart({ series, capacity, earlyPlaceLimit }: { series: ChartPoint[]; capacity: number; earlyPlaceLimit: number | null }) {
  const total = series.at(-1)?.cumulative ?? 0;
  const top = Math.max(capacity, earlyPlaceLimit ?? 0, total, 1);
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (series.length <= 1 ? innerW / 2 : (i * innerW) / (series.length - 1));
  const y = (v: number) => PAD.top + innerH - (v * innerH) / top;
  const points = series.map((p, i) => `${x(i).toFixed(1)},${y(p.cumulative).toFixed(1)}`).join(' ');
  const description = t('staffDashboard.chartDescription', { total, capacity, early: earlyPlaceLimit ?? t('staffDashboard.none'), days: series.length });
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="chart-title chart-desc" width="100%" preserveAspectRatio="xMidYMid meet">
        <title id="chart-title">{t('staffDashboard.chartTitle')}</title>
        <desc id="chart-desc">{description}</desc>
        <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={PAD.top + innerH} className="axis" />
        <line x1={PAD.left} y1={PAD.top + innerH} x2={PAD.left + innerW} y2={PAD.top + innerH} className="axis" />
        <text x={PAD.left - 6} y={y(0) + 4} textAnchor="end" className="tick">
          0
        </text>
        <line x1={PAD.left} x2={PAD.left + innerW} y1={y(capacity)} y2={y(capacity)} className="limit capacity" />
        <text x={PAD.left + innerW} y={y(capacity) - 4} textAnchor="end" className="tick">
          {t('staffDashboard.capacityLine', { count: capacity })}
        </text>
        {earlyPlaceLimit !== null ? (
          <>
            <line x1={PAD.left} x2={PAD.left + innerW} y1={y(earlyPlaceLimit)} y2={y(earlyPlaceLimit)} className="limit early" />
            <text x={PAD.left + 4} y={y(earlyPlaceLimit) - 4} className="tick">
              {t('staffDashboard.earlyLine', { count: earlyPlaceLimit })}
            </text>
          </>
        ) : null}
        {series.length > 1 ? <polyline points={points} className="series" fill="none" /> : null}
        {series.map((p, i) => (
          <circle key={p.day} cx={x(i)} cy={y(p.cumulative)} r={3} className="series-point" />
        ))}
        {series.length > 0 ? (
          <>
            <text x={x(0)} y={H - 10} textAnchor="start" className="tick">
              {formatDate(series[0]!.day, 'en-US', 'medium')}
            </text>
            {series.length > 1 ? (
              <text x={x(series.length - 1)} y={H - 10} textAnchor="end" className="tick">
                {formatDate(series.at(-1)!.day, 'en-US', 'medium')}
              </text>
            ) : null}
          </>
        ) : null}
      </svg>
      <figcaption>{description}</figcaption>
      <details>
        <summary>{t('staffDashboard.chartTable')}</summary>
        <DataTable caption={t('staffDashboard.chartTitle')}>
            <thead>
              <tr>
                <th scope="col">{t('staffDashboard.day')}</th>
                <th scope="col">{t('staffDashboard.newApplications')}</th>
                <th scope="col">{t('staffDashboard.cumulative')}</th>
              </tr>
            </thead>
            <tbody>
              {series.map((p) => (
                <tr key={p.day}>
                  <th scope="row">{formatDate(p.day, 'en-US', 'medium')}</th>
                  <td>{p.applications}</td>
                  <td>{p.cumulative}</td>
                </tr>
              ))}
            </tbody>
        </DataTable>
      </details>
    </figure>
  );
}
