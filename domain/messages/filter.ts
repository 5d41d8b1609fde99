// A recipient filter read from a form or a query string (the count updates with a GET form, so
// it works without JavaScript). Unknown values are dropped, never an error: a filter names only
// statuses, categories and choices the page offers.
import type { MissingItemFilter, PaymentFilter, RecipientFilter } from '#db/schema/messages.ts';
import { REGISTRATION_STATUSES, type RegistrationStatus } from '#db/schema/registration.ts';

/** The statuses a message may be filtered on (every registration status). */
export const FILTER_STATUSES: readonly RegistrationStatus[] = REGISTRATION_STATUSES;

export const PAYMENT_FILTERS: readonly PaymentFilter[] = ['any', 'paid', 'balance_due'];
export const MISSING_FILTERS: readonly MissingItemFilter[] = ['any', 'address_unconfirmed', 'evaluation'];

interface Params {
  getAll(name: string): unknown[];
  get(name: string): unknown;
}

export function parseRecipientFilter(params: Params, categoryKeys: readonly string[]): RecipientFilter {
  const strings = (name: string) => params.getAll(name).filter((v): v is string => typeof v === 'string');
  const statuses = [...new Set(strings('status'))].filter((s): s is RegistrationStatus => (REGISTRATION_STATUSES as readonly string[]).includes(s));
  const categories = [...new Set(strings('category'))].filter((c) => categoryKeys.includes(c));
  const payment = params.get('payment');
  const missing = params.get('missing');
  return {
    statuses: REGISTRATION_STATUSES.filter((s) => statuses.includes(s)),
    categoryKeys: categoryKeys.filter((c) => categories.includes(c)),
    payment: PAYMENT_FILTERS.find((p) => p === payment) ?? 'any',
    missing: MISSING_FILTERS.find((m) => m === missing) ?? 'any',
  };
}

/** The filter as query-string pairs (links and hidden fields carry it from page to page). */
export function filterParams(filter: RecipientFilter): [string, string][] {
  return [...filter.statuses.map((s) => ['status', s] as [string, string]), ...filter.categoryKeys.map((c) => ['category', c] as [string, string]), ['payment', filter.payment], ['missing', filter.missing]];
}
