// Error codes of membership (ADR 0068) and the catalog key of each message (see domain/errors.ts).
export const MEMBERSHIP_ERRORS = {
  MEMBERSHIP_TYPE_NOT_FOUND: 'app.notFoundBody',
  MEMBERSHIP_TERM_NOT_FOUND: 'app.notFoundBody',
  MEMBERSHIP_TYPE_NOT_OFFERED: 'membershipErrors.typeNotOffered',
  MEMBERSHIP_DUES_CURRENCY: 'membershipErrors.duesCurrency',
  MEMBERSHIP_SIGN_IN: 'membershipErrors.signIn',
  MEMBERSHIP_TYPE_KEY_TAKEN: 'membershipErrors.keyTaken',
  MEMBERSHIP_ALREADY_PENDING: 'membershipErrors.alreadyPending',
  MEMBERSHIP_NOT_REVOCABLE: 'membershipErrors.notRevocable',
  MEMBERSHIP_PARTNER_SELF: 'membershipErrors.partnerSelf',
  MEMBERSHIP_PARTNER_KIND: 'membershipErrors.partnerKind',
} as const satisfies Record<string, string>;
