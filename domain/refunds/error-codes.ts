// Error codes of this capability and the catalog key of each message (see domain/errors.ts).
export const REFUNDS_ERRORS = {
  CANCELLATION_NOT_ALLOWED: 'refundsErrors.cancellationNotAllowed',
  CANCELLATION_NOT_FOUND: 'refundsErrors.cancellationNotFound',
  RECEIVED_ON_IN_FUTURE: 'refundsErrors.receivedOnInFuture',
  RECEIVED_ON_BEFORE_SUBMISSION: 'refundsErrors.receivedOnBeforeSubmission',
  OVERRIDE_OUT_OF_RANGE: 'refundsErrors.overrideOutOfRange',
  REFUND_ALREADY_PAID: 'refundsErrors.refundAlreadyPaid',
  REFUND_NOT_FOUND: 'refundsErrors.refundNotFound',
  REFUND_NOT_OPEN: 'refundsErrors.refundNotOpen',
  REFUND_IN_PROGRESS: 'refundsErrors.refundInProgress',
  REFUND_EXCEEDS_PAID: 'refundsErrors.refundExceedsPaid',
  REFUND_NO_CARD_PAYMENT: 'refundsErrors.noCardPayment',
  CARD_PAYMENTS_OFF: 'refundsErrors.cardPaymentsOff',
  REFUND_PROVIDER_FAILED: 'refundsErrors.providerFailed',
  REFUND_PAID_ON_INVALID: 'refundsErrors.paidOnInvalid',
  ORGANIZER_REASON_REQUIRED: 'refundsErrors.organizerReasonRequired',
  ORGANIZER_REASON_TOO_LONG: 'refundsErrors.organizerReasonTooLong',
} as const satisfies Record<string, string>;
