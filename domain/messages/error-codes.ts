// Course messages' error codes → catalog keys (merged into DomainErrorCode in domain/errors.ts).
export const MESSAGES_ERRORS = {
  MESSAGE_NOT_FOUND: 'courseMessages.errors.notFound',
  MESSAGE_NO_RECIPIENTS: 'courseMessages.errors.noRecipients',
  MESSAGE_SCHEDULE_PAST: 'courseMessages.errors.schedulePast',
  MESSAGE_NOT_SCHEDULED: 'courseMessages.errors.notScheduled',
  MESSAGE_NO_REPLY_TO: 'courseMessages.errors.noReplyTo',
} as const;
