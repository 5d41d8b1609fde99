// Error codes of this capability and the catalog key of each message (see domain/errors.ts).
export const MONEY_ERRORS = {
  CANCEL_INSTEAD: 'moneyErrors.cancelInstead',
  NOTHING_DUE: 'moneyErrors.nothingDue',
} as const satisfies Record<string, string>;
