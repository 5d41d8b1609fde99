// Continuing-education credit commensurate with participation (issue 13). The seed course:
// "physicians should claim only the credit commensurate with the extent of their
// participation in the activity"; registrants "commit to attending all sessions and to
// attending each session in its entirety". Credit is computed from the attendance record and
// each session's credit minutes, never typed.
//
// Pure: the use cases that read sessions and attendance from the database call this.

/** How one accrediting body grants credit for one course. */
export interface CreditPolicy {
  /** The accrediting body, as in the course's accreditation statements ("APA", "AAFP"). */
  body: string;
  unit: 'credits' | 'hours' | 'points';
  /** The most credit the body approved for the course (the seed: 19.25 APA CE credits). */
  maxCredit: number;
  /**
   * `commensurate`: the credit minutes of the sessions attended, late arrival and early leaving
   * subtracted; `full_attendance`: all the credit or none.
   */
  rule: 'commensurate' | 'full_attendance';
  /** Minutes that make one unit (60 for credit hours). */
  minutesPerCredit: number;
  /** Attended minutes are rounded to a multiple of this (15: the quarter hour). */
  roundingStepMinutes: number;
  rounding: 'down' | 'nearest';
  /** The evaluation must be completed before credit can be claimed. */
  evaluationRequired: boolean;
  /** Below this credit, a certificate of attendance without credit. */
  minimumCredit: number;
}

export interface SessionForCredit {
  id: string;
  kind: string;
  lengthMinutes: number;
  /** Accrediting body → credit minutes; breaks and meals carry none. */
  creditMinutes: Record<string, number>;
}

export interface AttendanceForCredit {
  status: 'present' | 'absent';
  lateMinutes: number;
  leftEarlyMinutes: number;
}

export type CreditOutcome =
  /** A certificate with credit can be issued. */
  | 'credit'
  /** Credit is earned but the evaluation is not completed yet. */
  | 'awaiting_evaluation'
  /** Attended, but below the minimum or not every session in full: a certificate of attendance. */
  | 'attendance_only'
  /** Attended nothing. */
  | 'none';

export interface CreditResult {
  body: string;
  unit: CreditPolicy['unit'];
  /** Credit minutes the course offers for this body. */
  possibleCreditMinutes: number;
  /** Credit minutes attended (late and early leaving subtracted), before rounding. */
  attendedCreditMinutes: number;
  /** The credit earned, rounded as the body requires and capped at its maximum. */
  credit: number;
  outcome: CreditOutcome;
  /** In words, for the participant and staff. */
  reason: string;
  /** Credit sessions with no attendance recorded (counted as not attended). */
  unrecordedSessionIds: string[];
  /** Minutes actually present at any session (credit or not): decides "attended nothing". */
  presentMinutes: number;
}

function attendedMinutes(creditMinutes: number, mark: AttendanceForCredit | undefined): number {
  if (!mark || mark.status !== 'present') return 0;
  return Math.max(0, creditMinutes - mark.lateMinutes - mark.leftEarlyMinutes);
}

function roundToStep(minutes: number, step: number, mode: CreditPolicy['rounding']): number {
  const steps = mode === 'down' ? Math.floor(minutes / step) : Math.round(minutes / step);
  return steps * step;
}

/** Credit for one person and one body, from the sessions and that person's attendance. */
export function computeCredit(
  policy: CreditPolicy,
  sessions: readonly SessionForCredit[],
  attendance: ReadonlyMap<string, AttendanceForCredit>,
  person: { evaluationCompleted: boolean },
): CreditResult {
  let possible = 0;
  let attended = 0;
  let everyInFull = true;
  let presentMinutes = 0;
  const unrecorded: string[] = [];
  for (const session of sessions) {
    const mark = attendance.get(session.id);
    if (mark?.status === 'present') presentMinutes += Math.max(0, session.lengthMinutes - mark.lateMinutes - mark.leftEarlyMinutes);
    const minutes = session.creditMinutes[policy.body] ?? 0;
    if (minutes <= 0) continue;
    possible += minutes;
    if (!mark) unrecorded.push(session.id);
    const got = attendedMinutes(minutes, mark);
    attended += got;
    if (!mark || mark.status !== 'present' || mark.lateMinutes > 0 || mark.leftEarlyMinutes > 0) everyInFull = false;
  }

  const maxMinutes = policy.maxCredit * policy.minutesPerCredit;
  let creditedMinutes: number;
  let reason: string;
  if (policy.rule === 'full_attendance') {
    creditedMinutes = everyInFull && possible > 0 ? possible : 0;
    reason = everyInFull ? 'attended every session in its entirety' : `${policy.body} grants credit only for attending every session in its entirety`;
  } else {
    creditedMinutes = roundToStep(attended, policy.roundingStepMinutes, policy.rounding);
    reason = `${attended} of ${possible} credit minutes attended`;
  }
  // Cap, then keep the result a whole number of steps (a cap that is not one is rounded down).
  creditedMinutes = Math.min(creditedMinutes, maxMinutes);
  creditedMinutes = roundToStep(creditedMinutes, policy.roundingStepMinutes, 'down');
  const credit = creditedMinutes / policy.minutesPerCredit;

  let outcome: CreditOutcome;
  if (presentMinutes === 0 && attended === 0) {
    outcome = 'none';
    reason = 'no attendance recorded as present';
  } else if (credit <= 0 || credit < policy.minimumCredit) {
    outcome = 'attendance_only';
    if (policy.rule === 'commensurate') reason = `${credit} ${policy.unit} is below the ${policy.minimumCredit} ${policy.body} requires for credit`;
  } else if (policy.evaluationRequired && !person.evaluationCompleted) {
    outcome = 'awaiting_evaluation';
  } else {
    outcome = 'credit';
  }
  return {
    body: policy.body,
    unit: policy.unit,
    possibleCreditMinutes: possible,
    attendedCreditMinutes: attended,
    credit,
    outcome,
    reason,
    unrecordedSessionIds: unrecorded,
    presentMinutes,
  };
}
