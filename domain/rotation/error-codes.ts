// Error codes of the rotation and the catalog key of each message (see domain/errors.ts).
export const ROTATION_ERRORS = {
  SMALL_GROUP_NOT_FOUND: 'rotationErrors.groupNotFound',
  ROTATION_NOT_A_MEMBER: 'rotationErrors.notAMember',
  ROTATION_SESSION_NOT_FOUND: 'rotationErrors.sessionNotFound',
  ROTATION_NOT_GROUP_FACULTY: 'rotationErrors.notGroupFaculty',
  ROTATION_TWO_ROLES: 'rotationErrors.twoRoles',
} as const satisfies Record<string, string>;
