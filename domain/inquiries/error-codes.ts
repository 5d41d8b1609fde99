// Error codes of this capability and the catalog key of each message (see domain/errors.ts).
export const INQUIRIES_ERRORS = {
  INQUIRY_NOT_FOUND: 'inquiriesErrors.notFound',
  INQUIRY_HONEYPOT: 'inquiriesErrors.honeypot',
  INQUIRY_TOO_FAST: 'inquiriesErrors.tooFast',
  INQUIRY_FORM_EXPIRED: 'inquiriesErrors.formExpired',
  INQUIRY_RATE_LIMITED: 'inquiriesErrors.rateLimited',
  INQUIRY_ASSIGNEE_NOT_STAFF: 'inquiriesErrors.assigneeNotStaff',
} as const satisfies Record<string, string>;
