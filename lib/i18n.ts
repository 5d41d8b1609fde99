// Every user-visible string goes through this catalog. English first; a national society
// adds a locale by adding a resource file, not by touching components.
import i18next, { type TOptions } from 'i18next';
import { en } from './i18n/en.ts';

export const defaultLocale = 'en';

const instance = i18next.createInstance();
void instance.init({
  lng: defaultLocale,
  fallbackLng: defaultLocale,
  resources: { en: { translation: en } },
  initAsync: false,
  interpolation: { escapeValue: false }, // React and our email composer escape output
  returnNull: false,
});

export function t(key: string, options?: TOptions): string {
  return instance.t(key, (options ?? {}) as Record<string, unknown>) as string;
}

export function formatMoney(amountMinor: number, currency: string, locale = 'en-US'): string {
  const digits = new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: amountMinor % 10 ** digits === 0 ? 0 : digits }).format(
    amountMinor / 10 ** digits,
  );
}

/** A plain calendar date (YYYY-MM-DD) in words; no time zone shift. */
export function formatDate(isoDate: string, locale = 'en-US', style: 'long' | 'medium' = 'long'): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' }).format(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

export function formatDateRange(startIso: string, endIso: string, locale = 'en-US'): string {
  const toUtc = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number);
    return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  };
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).formatRange(toUtc(startIso), toUtc(endIso));
}
