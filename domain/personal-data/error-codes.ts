// Error codes of the member directory and a person's own data (ADR 0070) and the catalog key of each message.
export const PERSONAL_DATA_ERRORS = {
  MEMBERS_ONLY: 'personalDataErrors.membersOnly',
  ACCOUNT_NOT_FOUND: 'personalDataErrors.accountNotFound',
  DELETE_PASSWORD_WRONG: 'personalDataErrors.passwordWrong',
  DELETE_CONFIRMATION_MISMATCH: 'personalDataErrors.confirmationMismatch',
  DELETE_LAST_ADMIN: 'personalDataErrors.lastAdmin',
  DELETE_OPEN_BALANCE: 'personalDataErrors.openBalance',
} as const satisfies Record<string, string>;
