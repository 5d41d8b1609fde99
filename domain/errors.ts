// Domain errors carry a code; one map (app/lib/error-messages.ts) turns codes into messages.
// Nothing matches on message text.
export type DomainErrorCode =
  | 'UNKNOWN_ROLE'
  | 'PERSON_NOT_FOUND'
  | 'ROLE_NOT_FOUND'
  | 'LAST_ADMIN'
  | 'ORGANIZATION_NOT_FOUND'
  | 'COURSE_NOT_FOUND';

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  constructor(code: DomainErrorCode, detail?: string) {
    super(detail ? `${code}: ${detail}` : code);
    this.code = code;
  }
}
