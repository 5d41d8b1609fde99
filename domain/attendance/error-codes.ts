// Error codes of attendance and the catalog key of each message (see domain/errors.ts).
export const ATTENDANCE_ERRORS = {
  SESSION_NOT_FOUND: 'attendanceErrors.sessionNotFound',
  ATTENDANCE_NOT_PARTICIPANT: 'attendanceErrors.notParticipant',
  ATTENDANCE_MINUTES_OUT_OF_RANGE: 'attendanceErrors.minutesOutOfRange',
  ATTENDANCE_MARKED_IN_FUTURE: 'attendanceErrors.markedInFuture',
  ATTENDANCE_NOT_YOUR_GROUP: 'attendanceErrors.notYourGroup',
  ATTENDANCE_MARK_ID_REUSED: 'attendanceErrors.markIdReused',
} as const satisfies Record<string, string>;

export type AttendanceErrorCode = keyof typeof ATTENDANCE_ERRORS;
