// The refund tracker's views (pure: the page renders its tabs from them).
export const REFUND_VIEWS = ['due', 'overdue', 'failed', 'done', 'all'] as const;
export type RefundView = (typeof REFUND_VIEWS)[number];

/** Rows per tracker page (the count and totals cover every page; the CSV has every row). */
export const REFUND_PAGE_SIZE = 100;

/** The page asked for: 1 when missing or malformed; at most 100,000. */
export function refundPageFrom(search: URLSearchParams): number {
  const page = Number(search.get('page') ?? '1');
  return Number.isInteger(page) && page >= 1 ? Math.min(page, 100_000) : 1;
}

/** The tracker's filters from a query string: an unknown view is 'due', a malformed course is none. */
export function refundFiltersFrom(search: URLSearchParams): { view: RefundView; courseId: string | null } {
  const view = search.get('view');
  const course = search.get('course');
  return {
    view: (REFUND_VIEWS as readonly string[]).includes(view ?? '') ? (view as RefundView) : 'due',
    courseId: course && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(course) ? course : null,
  };
}

