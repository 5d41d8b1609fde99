import type { DomainErrorCode } from '#domain/errors.ts';
import { t } from '#lib/i18n.ts';
import { amountMessage, isAmountProblem } from '#lib/money.ts';
import { AID_ERRORS } from '#domain/aid/error-codes.ts';
import { CERTIFICATE_ERRORS } from '#domain/certificates/error-codes.ts';
import { INQUIRIES_ERRORS } from '#domain/inquiries/error-codes.ts';
import { CONTENT_ERRORS } from '#domain/content/error-codes.ts';
import { ATTENDANCE_ERRORS } from '#domain/attendance/error-codes.ts';
import { BILLING_ERRORS } from '#domain/billing/error-codes.ts';
import { MONEY_ERRORS } from '#domain/money/error-codes.ts';
import { PAYMENTS_ERRORS } from '#domain/payments/error-codes.ts';
import { REFUNDS_ERRORS } from '#domain/refunds/error-codes.ts';
import { SCHEDULE_ERRORS } from '#domain/schedule/error-codes.ts';
import { ROTATION_ERRORS } from '#domain/rotation/error-codes.ts';
import { SMALL_GROUPS_ERRORS } from '#domain/small-groups/error-codes.ts';
import { DIRECTORY_ERRORS } from '#domain/directory/error-codes.ts';
import { SERIES_ERRORS } from '#domain/series/error-codes.ts';
import { EMAIL_TEMPLATES_ERRORS } from '#domain/email-templates/error-codes.ts';
import { PERSONAL_DATA_ERRORS } from '#domain/personal-data/error-codes.ts';
import { MESSAGES_ERRORS } from '#domain/messages/error-codes.ts';
import { MEMBERSHIP_ERRORS } from '#domain/membership/error-codes.ts';

// The one place where domain error codes become words.
const MESSAGES: Record<DomainErrorCode, string> = {
  UNKNOWN_ROLE: 'errors.unknownRole',
  PERSON_NOT_FOUND: 'admin.noSuchPerson',
  ROLE_NOT_FOUND: 'errors.roleNotFound',
  LAST_ADMIN: 'errors.lastAdmin',
  ORGANIZATION_NOT_FOUND: 'app.notFoundBody',
  COURSE_NOT_FOUND: 'app.notFoundBody',
  COURSE_NOT_OPEN: 'errors.courseNotOpen',
  REGISTRATION_NOT_OPEN: 'errors.registrationNotOpen',
  REGISTRATION_CLOSED: 'errors.registrationClosed',
  UNKNOWN_CATEGORY: 'errors.unknownCategory',
  PRICE_NOT_SET: 'errors.priceNotSet',
  INVALID_APPLICATION: 'form.fixErrors',
  DISCOUNT_CODE_UNKNOWN: 'errors.discountCodeUnknown',
  DISCOUNT_CODE_EXPIRED: 'errors.discountCodeExpired',
  DISCOUNT_CODE_NOT_FOR_CATEGORY: 'errors.discountCodeNotForCategory',
  DISCOUNT_CODE_USED_UP: 'errors.discountCodeUsedUp',
  ALREADY_APPLIED: 'errors.alreadyApplied',
  BUSY: 'errors.busy',
  REGISTRATION_NOT_FOUND: 'errors.registrationNotFound',
  TRANSITION_NOT_ALLOWED: 'errors.transitionNotAllowed',
  NO_PLACE_AVAILABLE: 'errors.noPlaceAvailable',
  OFFER_EXPIRED: 'errors.offerExpired',
  REASON_REQUIRED: 'errors.reasonRequired',
  PRICE_CHANGED: 'errors.priceChanged',
  COURSE_SLUG_TAKEN: 'staffErrors.courseSlugTaken',
  COURSE_STATUS_NOT_ALLOWED: 'staffErrors.courseStatusNotAllowed',
  PRICE_TABLE_INCOMPLETE: 'staffErrors.priceTableIncomplete',
  DISCOUNT_CODE_TAKEN: 'staffErrors.discountCodeTaken',
  DISCOUNT_CODE_NOT_FOUND: 'staffErrors.discountCodeNotFound',
  MEMBERSHIP_IMPORT_INVALID: 'staffErrors.membershipImportInvalid',
  ...MONEY_ERRORS,
  ...MEMBERSHIP_ERRORS,
  ...PAYMENTS_ERRORS,
  ...REFUNDS_ERRORS,
  ...AID_ERRORS,
  ...CERTIFICATE_ERRORS,
  ...BILLING_ERRORS,
  ...SCHEDULE_ERRORS,
  ...ATTENDANCE_ERRORS,
  ...ROTATION_ERRORS,
  ...SMALL_GROUPS_ERRORS,
  ...DIRECTORY_ERRORS,
  ...INQUIRIES_ERRORS,
  ...CONTENT_ERRORS,
  ...SERIES_ERRORS,
  ...EMAIL_TEMPLATES_ERRORS,
  ...PERSONAL_DATA_ERRORS,
  ...MESSAGES_ERRORS,
};

/** Field-level problem codes from the domain (validateAnswers and friends). */
const FIELD_MESSAGES: Record<string, string> = {
  REQUIRED: 'form.required',
  MUST_AGREE: 'form.mustAgree',
  INVALID_CHOICE: 'form.invalidChoice',
  TOO_LONG: 'form.tooLong',
  INVALID_EMAIL: 'form.invalidEmail',
  INVALID_TYPE: 'form.invalidType',
  UNKNOWN_FIELD: 'form.unknownField',
  INVALID_VALUE: 'form.invalidValue',
};

export function fieldMessage(code: string): string {
  if (code in MESSAGES) return t(MESSAGES[code as DomainErrorCode]);
  return t(FIELD_MESSAGES[code] ?? 'form.required', { max: 2000 });
}

/** fieldMessage, with a typed amount's problems worded for its currency ("like 1250.00"; "like 1250" for JPY). */
export function fieldMessageIn(currency: string): (code: string) => string {
  return (code) => (isAmountProblem(code) ? amountMessage(code, currency) : fieldMessage(code));
}

export function errorMessage(code: DomainErrorCode): string {
  return t(MESSAGES[code]);
}
