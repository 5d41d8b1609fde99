// Calendar dates as people type them (YYYY-MM-DD): the one check the forms share.

/** A local date typed as YYYY-MM-DD that exists on the calendar (from 1900 on). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1900;
}

/**
 * What is wrong with a typed date: 'DATE_FORMAT' when it is not YYYY-MM-DD, 'DATE_NOT_REAL'
 * when it has that shape but names no day (2025-02-30, 2027-13-01), null when it is a date.
 */
export function dateProblem(text: string): 'DATE_FORMAT' | 'DATE_NOT_REAL' | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return 'DATE_FORMAT';
  return isCalendarDate(text) ? null : 'DATE_NOT_REAL';
}
