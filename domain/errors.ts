// Domain errors carry a code; one map (app/lib/error-messages.ts) turns codes into messages.
// Nothing matches on message text. Later capabilities keep their codes in their own
// error-codes.ts (code → catalog key), merged here.
import type { AID_ERRORS } from './aid/error-codes.ts';
import type { ATTENDANCE_ERRORS } from './attendance/error-codes.ts';
import type { BILLING_ERRORS } from './billing/error-codes.ts';
import type { CERTIFICATE_ERRORS } from './certificates/error-codes.ts';
import type { DIRECTORY_ERRORS } from './directory/error-codes.ts';
import type { INQUIRIES_ERRORS } from './inquiries/error-codes.ts';
import type { CONTENT_ERRORS } from './content/error-codes.ts';
import type { MEMBERSHIP_ERRORS } from './membership/error-codes.ts';
import type { MONEY_ERRORS } from './money/error-codes.ts';
import type { PAYMENTS_ERRORS } from './payments/error-codes.ts';
import type { REFUNDS_ERRORS } from './refunds/error-codes.ts';
import type { ROTATION_ERRORS } from './rotation/error-codes.ts';
import type { SCHEDULE_ERRORS } from './schedule/error-codes.ts';
import type { SERIES_ERRORS } from './series/error-codes.ts';
import type { EMAIL_TEMPLATES_ERRORS } from './email-templates/error-codes.ts';
import type { PERSONAL_DATA_ERRORS } from './personal-data/error-codes.ts';
import type { MESSAGES_ERRORS } from './messages/error-codes.ts';
import type { SMALL_GROUPS_ERRORS } from './small-groups/error-codes.ts';

// One capability per line (several are built at once; each adds its own line).
export type CapabilityErrorCode =
  | keyof typeof MONEY_ERRORS
  | keyof typeof PAYMENTS_ERRORS
  | keyof typeof REFUNDS_ERRORS
  | keyof typeof AID_ERRORS
  | keyof typeof BILLING_ERRORS
  | keyof typeof CERTIFICATE_ERRORS
  | keyof typeof SCHEDULE_ERRORS
  | keyof typeof ATTENDANCE_ERRORS
  | keyof typeof ROTATION_ERRORS
  | keyof typeof SMALL_GROUPS_ERRORS
  | keyof typeof DIRECTORY_ERRORS
  | keyof typeof INQUIRIES_ERRORS
  | keyof typeof CONTENT_ERRORS
  | keyof typeof SERIES_ERRORS
  | keyof typeof EMAIL_TEMPLATES_ERRORS
  | keyof typeof PERSONAL_DATA_ERRORS
  | keyof typeof MESSAGES_ERRORS
  | keyof typeof MEMBERSHIP_ERRORS;

export type DomainErrorCode =
  | CapabilityErrorCode
  | 'UNKNOWN_ROLE'
  | 'PERSON_NOT_FOUND'
  | 'ROLE_NOT_FOUND'
  | 'LAST_ADMIN'
  | 'ORGANIZATION_NOT_FOUND'
  | 'COURSE_NOT_FOUND'
  | 'COURSE_NOT_OPEN'
  | 'REGISTRATION_NOT_OPEN'
  | 'REGISTRATION_CLOSED'
  | 'UNKNOWN_CATEGORY'
  | 'PRICE_NOT_SET'
  | 'INVALID_APPLICATION'
  | 'DISCOUNT_CODE_UNKNOWN'
  | 'DISCOUNT_CODE_EXPIRED'
  | 'DISCOUNT_CODE_NOT_FOR_CATEGORY'
  | 'DISCOUNT_CODE_USED_UP'
  | 'ALREADY_APPLIED'
  | 'BUSY'
  | 'REGISTRATION_NOT_FOUND'
  | 'TRANSITION_NOT_ALLOWED'
  | 'NO_PLACE_AVAILABLE'
  | 'OFFER_EXPIRED'
  | 'REASON_REQUIRED'
  | 'PRICE_CHANGED'
  | 'COURSE_SLUG_TAKEN'
  | 'COURSE_STATUS_NOT_ALLOWED'
  | 'PRICE_TABLE_INCOMPLETE'
  | 'DISCOUNT_CODE_TAKEN'
  | 'DISCOUNT_CODE_NOT_FOUND'
  | 'MEMBERSHIP_IMPORT_INVALID';

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  /** Per-field problems (field name → code), for INVALID_APPLICATION and the like. */
  readonly fields: Record<string, string>;
  constructor(code: DomainErrorCode, detail?: string, fields: Record<string, string> = {}) {
    super(detail ? `${code}: ${detail}` : code);
    this.code = code;
    this.fields = fields;
  }
}
