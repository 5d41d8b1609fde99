// Error codes of the Balint groups directory and the catalog key of each message (domain/errors.ts).
export const DIRECTORY_ERRORS = {
  DIRECTORY_LISTING_NOT_FOUND: 'directoryErrors.listingNotFound',
  DIRECTORY_NO_TRAINED_LEADER: 'directoryErrors.noTrainedLeader',
  DIRECTORY_CO_LEADER_UNKNOWN: 'directoryErrors.coLeaderUnknown',
  DIRECTORY_TRAINING_NOT_FOUND: 'directoryErrors.trainingNotFound',
  DIRECTORY_PERSON_NOT_FOUND: 'directoryErrors.personNotFound',
  DIRECTORY_COURSE_NOT_FOUND: 'directoryErrors.courseNotFound',
  DIRECTORY_CONTACT_THROTTLED: 'directoryErrors.contactThrottled',
  DIRECTORY_NOT_SUBMITTED: 'directoryErrors.notSubmitted',
} as const satisfies Record<string, string>;
