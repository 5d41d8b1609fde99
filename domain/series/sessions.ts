// When a series meets and when its sign-ups close (ADR 0063). A series takes its listing's
// cadence, weekday, time and zone, starting on its own first session; every session is computed
// in the group's zone (domain/directory/meeting-times.ts), so "sign-ups close when the second
// session ends" means 8:30 pm in Spokane whether that evening is on daylight time or not.
import { Temporal } from 'temporal-polyfill';
import { nextMeetings, type MeetingPattern, type Occurrence } from '#domain/directory/meeting-times.ts';

export interface SeriesTiming {
  firstSessionOn: string;
  sessionCount: number;
  closesAfterSession: number;
}

export type ListingPattern = Omit<MeetingPattern, 'startsOn'>;

/** The series' sessions, in order: the listing's pattern from the first session's date. */
export function seriesSessions(listing: ListingPattern, series: SeriesTiming): Occurrence[] {
  const pattern: MeetingPattern = { ...listing, startsOn: series.firstSessionOn };
  const from = Temporal.PlainDate.from(series.firstSessionOn).toZonedDateTime({ timeZone: listing.timeZone }).toInstant();
  return nextMeetings(pattern, from, series.sessionCount);
}

/** The instant sign-ups close: when the chosen session ends. */
export function enrollmentClosesAt(listing: ListingPattern, series: SeriesTiming): Temporal.Instant {
  const sessions = seriesSessions(listing, series);
  const session = sessions[Math.min(series.closesAfterSession, sessions.length) - 1]!;
  return session.end.toInstant();
}

export type SignUpState = 'open' | 'full' | 'closed' | 'cancelled';

/** Whether a visitor can sign up now, and if not why. */
export function signUpState(
  listing: ListingPattern,
  series: SeriesTiming & { status: 'open' | 'confirmed' | 'cancelled'; maximum: number },
  signUps: number,
  now: Temporal.Instant,
): SignUpState {
  if (series.status === 'cancelled') return 'cancelled';
  if (Temporal.Instant.compare(now, enrollmentClosesAt(listing, series)) >= 0) return 'closed';
  if (signUps >= series.maximum) return 'full';
  return 'open';
}

/** Today's date in the group's zone (for the decide-by date). */
export function localToday(now: Temporal.Instant, timeZone: string): string {
  return now.toZonedDateTimeISO(timeZone).toPlainDate().toString();
}
