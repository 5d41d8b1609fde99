// Error codes of email templates and unsubscribing (ADR 0069) and the catalog key of each message (see domain/errors.ts).
export const EMAIL_TEMPLATES_ERRORS = {
  EMAIL_TEMPLATE_NOT_FOUND: 'app.notFoundBody',
  EMAIL_TEMPLATE_INVALID: 'form.fixErrors',
  UNSUBSCRIBE_LINK_INVALID: 'emailTemplates.linkInvalid',
} as const satisfies Record<string, string>;
