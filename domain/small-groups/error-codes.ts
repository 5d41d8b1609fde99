// Error codes of the small-groups capability and the catalog key of each message (domain/errors.ts).
export const SMALL_GROUPS_ERRORS = {
  SMALL_GROUPS_STALE: 'smallGroupsErrors.stale',
  SMALL_GROUPS_NO_GROUPS: 'smallGroupsErrors.noGroups',
  SMALL_GROUPS_GROUP_NOT_FOUND: 'smallGroupsErrors.groupNotFound',
  SMALL_GROUPS_PARTICIPANT_NOT_FOUND: 'smallGroupsErrors.participantNotFound',
  SMALL_GROUPS_FACULTY_NOT_FOUND: 'smallGroupsErrors.facultyNotFound',
  SMALL_GROUPS_NO_PARTICIPANTS: 'smallGroupsErrors.noParticipants',
  SMALL_GROUPS_RUN_IN_PROGRESS: 'smallGroupsErrors.runInProgress',
  SMALL_GROUPS_RUN_NOT_FOUND: 'smallGroupsErrors.runNotFound',
  SMALL_GROUPS_RUN_HAS_NO_RESULT: 'smallGroupsErrors.runHasNoResult',
  SMALL_GROUPS_RULES_BROKEN: 'smallGroupsErrors.rulesBroken',
  SMALL_GROUPS_SETTINGS_INVALID: 'smallGroupsErrors.settingsInvalid',
} as const satisfies Record<string, string>;
