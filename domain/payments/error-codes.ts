// Error codes of this capability and the catalog key of each message (see domain/errors.ts).
export const PAYMENTS_ERRORS = {
  CHECKOUT_EMPTY: 'paymentsErrors.checkoutEmpty',
  CHECKOUT_NOT_FOUND: 'paymentsErrors.checkoutNotFound',
  LINE_KIND_UNSUPPORTED: 'paymentsErrors.lineKindUnsupported',
  NOT_YOUR_REGISTRATION: 'paymentsErrors.notYourRegistration',
  REGISTRATION_HOLDS_NO_PLACE: 'paymentsErrors.registrationHoldsNoPlace',
  NOTHING_TO_PAY: 'paymentsErrors.nothingToPay',
  DONATION_TOO_SMALL: 'paymentsErrors.donationTooSmall',
  DONATION_TOO_LARGE: 'paymentsErrors.donationTooLarge',
  DONATION_FUND_UNKNOWN: 'paymentsErrors.donationFundUnknown',
  CURRENCY_MISMATCH: 'paymentsErrors.currencyMismatch',
  CARD_PAYMENTS_OFF: 'paymentsErrors.cardPaymentsOff',
  PAYMENT_PROVIDER_UNAVAILABLE: 'paymentsErrors.providerUnavailable',
  CARD_AMOUNT_NOT_PAYABLE: 'paymentsErrors.cardAmountNotPayable',
  INVOICE_INSTRUCTIONS_MISSING: 'paymentsErrors.invoiceInstructionsMissing',
} as const satisfies Record<string, string>;
