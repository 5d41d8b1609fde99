/**
 * An instant as people read it in one time zone, e.g. "Dec 5, 2026, 10:02 AM". Format on the
 * server and send the text: the browser's ICU may space it differently, breaking hydration.
 */
export function formatInstant(instant: Date, timeZone: string, locale = 'en-US'): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(instant);
}
