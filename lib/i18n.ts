// Every user-visible string goes through this catalog. English first; a national society
// adds a locale by adding a resource file, not by touching components.
import i18next, { type TOptions } from 'i18next';
import { en } from './i18n/en.ts';

export const defaultLocale = 'en';

const inBrowser = typeof document !== 'undefined';
const instance = i18next.createInstance();
void instance.init({
  lng: defaultLocale,
  fallbackLng: defaultLocale,
  // The server has the whole catalog. In the browser build `en` is empty and each module brings
  // the messages it names (lib/i18n/catalog-per-module.vite.ts, ADR 0061).
  resources: { en: { translation: en } },
  initAsync: false,
  interpolation: { escapeValue: false }, // React and our email composer escape output
  returnNull: false,
  // A key the page's modules did not bring shows as the key itself: say so where tests look.
  saveMissing: inBrowser,
  missingKeyHandler: inBrowser ? (_lngs, _ns, key) => reportError(new Error(`message "${key}" is not in this page's catalog (ADR 0061)`)) : false,
});

/** Adds one message of the catalog in the browser; called by the modules that name its key. */
export function addCatalogMessage(key: string, message: string): void {
  instance.addResource(defaultLocale, 'translation', key, message);
}

export function t(key: string, options?: TOptions): string {
  return instance.t(key, (options ?? {}) as Record<string, unknown>) as string;
}

/** A plain calendar date (YYYY-MM-DD) in words; no time zone shift. */
export function formatDate(isoDate: string, locale = 'en-US', style: 'long' | 'medium' = 'long'): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' }).format(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

/**
 * A date range in words ("April 23–26, 2025", "April 30 – May 3, 2025"). Built from parts
 * rather than Intl's formatRange, whose spacing differs between ICU versions: the server
 * (Node) and the browser must render the same text, or hydration fails.
 */
export function formatDateRange(startIso: string, endIso: string, locale = 'en-US'): string {
  if (startIso === endIso) return formatDate(startIso, locale);
  const [sy, sm, sd] = startIso.split('-').map(Number) as [number, number, number];
  const [ey, em, ed] = endIso.split('-').map(Number) as [number, number, number];
  const month = (y: number, m: number) => new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 1));
  if (sy === ey && sm === em) return `${month(sy, sm)} ${sd}–${ed}, ${sy}`;
  if (sy === ey) return `${month(sy, sm)} ${sd} – ${month(ey, em)} ${ed}, ${sy}`;
  return `${formatDate(startIso, locale)} – ${formatDate(endIso, locale)}`;
}
