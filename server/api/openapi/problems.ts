// The document's errors: the RFC 9457 Problem schema and the problem responses operations refer to.
import { ref, type OpenApiDocument, type Schema } from './document.ts';

export const problemSchemas: Record<string, Schema> = {
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details.',
    required: ['type', 'title', 'status', 'code', 'requestId'],
    properties: {
      type: { type: 'string', format: 'uri', examples: ['urn:balint-hub:problem:already-applied'] },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
      code: { type: 'string', description: 'Stable machine-readable code, e.g. ALREADY_APPLIED, INVALID_APPLICATION, BUSY.' },
      errors: {
        type: 'object',
        description: 'Per-field problems, keyed by the path of the field in the request body (e.g. `answers.custom.intensives_before`).',
        additionalProperties: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } },
      },
      requestId: { type: 'string' },
    },
  },
};

const problemContent = { 'application/problem+json': { schema: ref('Problem') } };

export const problemResponses: OpenApiDocument['components']['responses'] = {
  BadRequest: { description: 'Malformed JSON, wrong media type, or fields that fail the schema (see `errors`)', content: problemContent },
  Unprocessable: { description: 'The application breaks a rule of the course (INVALID_APPLICATION, UNKNOWN_CATEGORY, DISCOUNT_CODE_*), see `errors`; or the Idempotency-Key was already used with a different body (IDEMPOTENCY_KEY_REUSED)', content: problemContent },
  NotFound: { description: 'No such organization, course or registration (or not yours)', content: problemContent },
  Conflict: { description: 'ALREADY_APPLIED (signed-in callers only), REGISTRATION_CLOSED, REGISTRATION_NOT_OPEN, COURSE_NOT_OPEN, TRANSITION_NOT_ALLOWED, NO_PLACE_AVAILABLE', content: problemContent },
  Unauthenticated: { description: 'No or unknown credentials', content: problemContent },
  Forbidden: { description: 'The token belongs to another organization, or its person lacks the permission now', content: problemContent },
  TooManyRequests: {
    description: 'Too many applications from this client address in the last hour (RATE_LIMITED); retry after the given time',
    headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
    content: problemContent,
  },
  Busy: {
    description: 'The course was too busy to decide in time (BUSY); retry with the same Idempotency-Key',
    headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
    content: problemContent,
  },
};
