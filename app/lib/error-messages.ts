import type { DomainErrorCode } from '#domain/errors.ts';
import { t } from '#lib/i18n.ts';

// The one place where domain error codes become words.
const MESSAGES: Record<DomainErrorCode, string> = {
  UNKNOWN_ROLE: 'errors.unknownRole',
  PERSON_NOT_FOUND: 'admin.noSuchPerson',
  ROLE_NOT_FOUND: 'errors.roleNotFound',
  LAST_ADMIN: 'errors.lastAdmin',
  ORGANIZATION_NOT_FOUND: 'app.notFoundBody',
  COURSE_NOT_FOUND: 'app.notFoundBody',
};

export function errorMessage(code: DomainErrorCode): string {
  return t(MESSAGES[code]);
}
