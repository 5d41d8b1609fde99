// The refund tracker's views (pure: the page renders its tabs from them).
export const REFUND_VIEWS = ['due', 'overdue', 'failed', 'done', 'all'] as const;
export type RefundView = (typeof REFUND_VIEWS)[number];

/** The tracker's filters from a query string: an unknown view is 'due', a malformed course is none. */
export function refundFiltersFrom(search: URLSearchParams): { view: RefundView; courseId: string | null } {
  const view = search.get('view');
  const course = search.get('course');
  return {
    view: (REFUND_VIEWS as readonly string[]).includes(view ?? '') ? (view as RefundView) : 'due',
    courseId: course && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(course) ? course : null,
  };
}

