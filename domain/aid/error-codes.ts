// Error codes of this capability and the catalog key of each message (see domain/errors.ts).
export const AID_ERRORS = {
  AID_NO_PROGRAM: 'aidErrors.noProgram',
  AID_CLOSED: 'aidErrors.closed',
  AID_NOT_ELIGIBLE: 'aidErrors.notEligible',
  AID_ALREADY_APPLIED: 'aidErrors.alreadyApplied',
  AID_AMOUNT_INVALID: 'aidErrors.amountInvalid',
  AID_AMOUNT_OVER_MAX: 'aidErrors.amountOverMax',
  AID_AMOUNT_OVER_DUE: 'aidErrors.amountOverDue',
  AID_AWARDS_USED_UP: 'aidErrors.awardsUsedUp',
  AID_ALREADY_DECIDED: 'aidErrors.alreadyDecided',
  AID_APPLICATION_NOT_FOUND: 'aidErrors.applicationNotFound',
  AID_PROGRAM_INVALID: 'aidErrors.programInvalid',
} as const satisfies Record<string, string>;
