// Test-only hooks into the transactions that guard scarce things (places, early places, aid
// awards, an invoice's payment, a refund's payout). Inert unless NODE_ENV is "test":
// - `skipLocks` (or BALINT_UNSAFE_SKIP_LOCKS=1 in a child process) makes the lock helpers read
//   without `FOR UPDATE`, so a concurrency test's negative control can show that its checker
//   catches the oversell the locks prevent;
// - `racePoint` is called at each race point — after the transaction has read what it decides
//   on, before it writes — so a test can hold every contender there until all have read
//   (tests/helpers/forced-race.ts): with the locks off the race then happens every time, with
//   them on the test proves the lock rather than hoping for an interleaving.

/** Where a transaction has read what it decides on and is about to write. */
export type RacePoint =
  /** placeRegistration counted the places and early places taken. */
  | 'registration.counted'
  /** enrollInSeries counted a series' places taken (ADR 0063). */
  | 'series.counted'
  /** decideAidApplication counted the awards given. */
  | 'aid.counted'
  /** Recording a payment against, or voiding, an invoice that was read as open. */
  | 'invoice.open'
  /** Paying out (card) or recording as paid (by hand) a refund that was read as due. */
  | 'refund.due'
  /** issueRefund marked a refund processing (committed) and is about to ask the provider. */
  | 'refund.sending'
  /** createSession/updateSession read the course's other sessions and found no overlap. */
  | 'schedule.checked'
  /** recordMarks read a person's current attendance and is about to apply a mark to it. */
  | 'attendance.read'
  /** deleteAccount counted the other administrators of the person's organizations (ADR 0070). */
  | 'account.admins-counted'
  /** sendNextBatch claimed course message recipients not yet handed over (ADR 0067). */
  | 'messages.claimed'
  /** grantComplimentaryMembership checked the person holds no membership and no earlier grant. */
  | 'membership.granting';

export const testHooks: {
  skipLocks?: boolean;
  /** The backup reads each table as of its own moment (READ COMMITTED), for the snapshot test's negative control. */
  backupWithoutSnapshot?: boolean;
  racePoint?: (point: RacePoint) => Promise<void>;
} = {};

function testing(): boolean {
  return process.env.NODE_ENV === 'test';
}

/** True only in tests that switched the locks off for a negative control. */
export function locksDisabledForTest(): boolean {
  return testing() && (testHooks.skipLocks === true || process.env.BALINT_UNSAFE_SKIP_LOCKS === '1');
}

/** True only in the backup test's negative control: no single snapshot. */
export function backupSnapshotDisabledForTest(): boolean {
  return testing() && testHooks.backupWithoutSnapshot === true;
}

/** A race point: resolves at once outside tests, or when the test's barrier lets go. */
export async function racePoint(point: RacePoint): Promise<void> {
  if (testHooks.racePoint && testing()) await testHooks.racePoint(point);
}
