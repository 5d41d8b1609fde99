// Dates as the seed documents print them ("March 12, 2025", "April 22 - 26, 2025"), so the
// demo's generated course reads like the published one. Fixed English month names on
// purpose: this is seed text in the organization's language, not interface formatting.
import { Temporal } from 'temporal-polyfill';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

function monthName(date: Temporal.PlainDate): string {
  const name = MONTHS[date.month - 1];
  if (name === undefined) throw new Error(`No month ${date.month}`);
  return name;
}

/** "2025-03-12" → "March 12, 2025" */
export function longDate(iso: string): string {
  const date = Temporal.PlainDate.from(iso);
  return `${monthName(date)} ${date.day}, ${date.year}`;
}

/** "2025-04-22", "2025-04-26" → "April 22 - 26, 2025", spelling out what changes. */
export function longDateRange(fromIso: string, toIso: string): string {
  const from = Temporal.PlainDate.from(fromIso);
  const to = Temporal.PlainDate.from(toIso);
  if (from.year !== to.year) return `${longDate(fromIso)} - ${longDate(toIso)}`;
  if (from.month !== to.month) return `${monthName(from)} ${from.day} - ${monthName(to)} ${to.day}, ${to.year}`;
  return `${monthName(from)} ${from.day} - ${to.day}, ${to.year}`;
}
