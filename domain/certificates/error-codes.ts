// Error codes of this capability and the catalog key of each message (see domain/errors.ts).
export const CERTIFICATE_ERRORS = {
  COURSE_NOT_ENDED: 'certificateErrors.courseNotEnded',
  NO_CREDIT_POLICY: 'certificateErrors.noCreditPolicy',
  CERTIFICATE_NOT_FOUND: 'certificateErrors.notFound',
  CERTIFICATE_NOT_VALID: 'certificateErrors.notValid',
  CREDIT_POLICY_INVALID: 'certificateErrors.policyInvalid',
  SIGNATURE_INVALID: 'certificateErrors.signatureInvalid',
  EVALUATION_NOT_OPEN: 'certificateErrors.evaluationNotOpen',
  EVALUATION_ALREADY_DONE: 'certificateErrors.evaluationAlreadyDone',
  EVALUATION_INVALID: 'certificateErrors.evaluationInvalid',
} as const satisfies Record<string, string>;
