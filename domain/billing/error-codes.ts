// Error codes of this capability and the catalog key of each message (see domain/errors.ts).
// Codes used as field problems (fields of a DomainError) are listed here too, so
// fieldMessage() finds their words.
export const BILLING_ERRORS = {
  PAYMENT_INVALID: 'form.fixErrors',
  INVOICE_NOT_FOUND: 'billingErrors.invoiceNotFound',
  INVOICE_NOT_OPEN: 'billingErrors.invoiceNotOpen',
  INVOICE_HAS_PAYMENTS: 'billingErrors.invoiceHasPayments',
  RECEIVED_IN_FUTURE: 'billingErrors.receivedInFuture',
  DATE_FORMAT: 'billingErrors.dateFormat',
  DATE_NOT_REAL: 'billingErrors.dateNotReal',
  REFERENCE_TOO_LONG: 'billingErrors.referenceTooLong',
  WHOLE_NUMBER: 'billingErrors.wholeNumber',
  TEXT_TOO_LONG: 'billingErrors.tooLong',
} as const satisfies Record<string, string>;
