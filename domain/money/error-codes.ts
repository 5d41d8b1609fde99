// Error codes of this capability and the catalog key of each message (see domain/errors.ts).
export const MONEY_ERRORS = {
  CANCEL_INSTEAD: 'moneyErrors.cancelInstead',
  NOTHING_DUE: 'moneyErrors.nothingDue',
  // A typed amount's problems (lib/money.ts), for a field whose currency is not at hand;
  // fieldMessageIn(currency) words them with the currency's example.
  AMOUNT_FORMAT: 'amount.formatAny',
  AMOUNT_DECIMALS: 'amount.decimalsAny',
  AMOUNT_NOT_POSITIVE: 'amount.notPositive',
  AMOUNT_TOO_LARGE: 'amount.tooLargeAny',
} as const satisfies Record<string, string>;
