// RFC 9457 problem details: every API error is `application/problem+json` with a stable
// `code`, a `type` URI derived from it, per-field `errors` with readable messages, and the
// request id to quote when asking for help.
import type { z } from 'zod';
import { DomainError, type DomainErrorCode } from '#domain/errors.ts';
import { errorMessage, fieldMessage } from '#app/lib/error-messages.ts';
import { t } from '#lib/i18n.ts';

/** Codes only the API produces (transport-level problems the domain never sees). */
export type ApiErrorCode =
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'MALFORMED_JSON'
  | 'INVALID_REQUEST'
  | 'IDEMPOTENCY_KEY_REQUIRED'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN';

// Developer-facing titles of the API's own codes. TODO(catalog): move to lib/i18n (api.*) when
// the catalog owner adds the keys; the domain's codes already go through errorMessage().
const API_TITLES: Record<ApiErrorCode, string> = {
  NOT_FOUND: 'Not found.',
  METHOD_NOT_ALLOWED: 'This method is not allowed on this resource.',
  UNSUPPORTED_MEDIA_TYPE: 'Send the body as application/json.',
  MALFORMED_JSON: 'The request body is not valid JSON.',
  INVALID_REQUEST: 'Some fields are missing or invalid.',
  IDEMPOTENCY_KEY_REQUIRED: 'The Idempotency-Key header is required.',
  IDEMPOTENCY_KEY_REUSED: 'This Idempotency-Key was already used for a different application.',
  UNAUTHENTICATED: 'Authentication is required.',
  FORBIDDEN: 'This token may not do that in this organization.',
};

/** Field problems in words: one map for the forms and the API (app/lib/error-messages.ts). */
export function apiFieldMessage(code: string): string {
  return fieldMessage(code);
}

// Partial on purpose: a code added elsewhere maps to 422 until it is placed here.
const STATUS_OF: Partial<Record<DomainErrorCode, number>> = {
  UNKNOWN_ROLE: 422,
  PERSON_NOT_FOUND: 404,
  ROLE_NOT_FOUND: 404,
  LAST_ADMIN: 409,
  ORGANIZATION_NOT_FOUND: 404,
  COURSE_NOT_FOUND: 404,
  // The course exists but does not take applications now: a conflict with its state.
  COURSE_NOT_OPEN: 409,
  REGISTRATION_NOT_OPEN: 409,
  REGISTRATION_CLOSED: 409,
  UNKNOWN_CATEGORY: 422,
  PRICE_NOT_SET: 422,
  INVALID_APPLICATION: 422,
  DISCOUNT_CODE_UNKNOWN: 422,
  DISCOUNT_CODE_EXPIRED: 422,
  DISCOUNT_CODE_NOT_FOR_CATEGORY: 422,
  DISCOUNT_CODE_USED_UP: 422,
  ALREADY_APPLIED: 409,
  BUSY: 503,
  REGISTRATION_NOT_FOUND: 404,
  TRANSITION_NOT_ALLOWED: 409,
  NO_PLACE_AVAILABLE: 409,
  OFFER_EXPIRED: 409,
  REASON_REQUIRED: 422,
  PRICE_CHANGED: 409,
};

export interface FieldError {
  code: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: Record<string, FieldError>;
  requestId: string;
}

export function problemType(code: string): string {
  return `urn:balint-hub:problem:${code.toLowerCase().replaceAll('_', '-')}`;
}

export function problem(
  requestId: string,
  status: number,
  code: ApiErrorCode | DomainErrorCode,
  options: { detail?: string; fields?: Record<string, string>; headers?: Record<string, string> } = {},
): Response {
  const title = code in API_TITLES ? API_TITLES[code as ApiErrorCode] : errorMessage(code as DomainErrorCode);
  const body: Problem = { type: problemType(code), title, status, code, requestId };
  if (options.detail) body.detail = options.detail;
  if (options.fields && Object.keys(options.fields).length > 0) {
    body.errors = Object.fromEntries(Object.entries(options.fields).map(([field, c]) => [field, { code: c, message: apiFieldMessage(c) }]));
  }
  return Response.json(body, { status, headers: { 'content-type': 'application/problem+json', ...options.headers } });
}

/** Domain field names (`a_<attestation>`, `q_<question>`, answer keys) as paths in the JSON body. */
export function bodyPath(field: string): string {
  if (field === 'categoryKey' || field === 'discountCode' || field === 'name' || field === 'email') return field;
  if (field.startsWith('a_')) return `answers.attestations.${field.slice(2)}`;
  if (field.startsWith('q_')) return `answers.custom.${field.slice(2)}`;
  return `answers.${field}`;
}

export function domainProblem(requestId: string, error: DomainError): Response {
  const status = STATUS_OF[error.code] ?? 422;
  const fields = Object.fromEntries(Object.entries(error.fields).map(([f, c]) => [bodyPath(f), c]));
  const headers: Record<string, string> = status === 503 ? { 'retry-after': '2' } : {};
  return problem(requestId, status, error.code, { fields, headers });
}

/** Zod issues → field path → one code per field (the first problem wins). */
export function zodFields(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[base ? `${base}.${key}` : key] ??= 'UNKNOWN_FIELD';
      continue;
    }
    const path = base || '(body)';
    if (fields[path]) continue;
    if (issue.code === 'invalid_type') fields[path] = issue.input === undefined ? 'REQUIRED' : 'INVALID_TYPE';
    else if (issue.code === 'too_big') fields[path] = 'TOO_LONG';
    else if (issue.code === 'too_small') fields[path] = 'REQUIRED';
    else if (issue.code === 'invalid_format' && issue.format === 'email') fields[path] = 'INVALID_EMAIL';
    else if (issue.code === 'invalid_value') fields[path] = 'INVALID_CHOICE';
    else fields[path] = 'INVALID_VALUE';
  }
  return fields;
}
