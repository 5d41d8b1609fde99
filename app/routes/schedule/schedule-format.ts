// How a schedule reads on every page: days in words, times as the course's local clock.
import { t } from '#lib/i18n.ts';

/** "Wednesday, April 23, 2025" for a local date (no zone shift). */
export function dayHeading(date: string, locale = 'en-US'): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
}

export function kindLabel(kind: string): string {
  return t(`schedule.kind_${kind}`);
}

/** "19.25 hours" from minutes. */
export function hoursLabel(minutes: number): string {
  return t('schedule.hours', { hours: (Math.round((minutes / 60) * 100) / 100).toString() });
}
