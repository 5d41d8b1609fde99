// Error codes of series sign-ups (ADR 0063) and the catalog key of each message (see domain/errors.ts).
export const SERIES_ERRORS = {
  SERIES_NOT_FOUND: 'app.notFoundBody',
  SERIES_ENROLLMENT_NOT_FOUND: 'app.notFoundBody',
  SERIES_LISTING_NOT_FOUND: 'seriesErrors.listingNotFound',
  SERIES_NOT_YOURS: 'seriesErrors.notYours',
  SERIES_FULL: 'seriesErrors.full',
  SERIES_ENROLLMENT_CLOSED: 'seriesErrors.closed',
  SERIES_NOT_OPEN: 'seriesErrors.notOpen',
  SERIES_ALREADY_ENROLLED: 'seriesErrors.alreadyEnrolled',
  SERIES_SIGN_IN_TO_PAY: 'seriesErrors.signInToPay',
  SERIES_NOT_DECIDABLE_YET: 'seriesErrors.notDecidableYet',
  SERIES_MAXIMUM_BELOW_ENROLLED: 'seriesErrors.maximumBelowEnrolled',
  SERIES_PRICE_LOCKED: 'seriesErrors.priceLocked',
} as const satisfies Record<string, string>;
