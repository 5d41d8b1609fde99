// Sessions are entered and shown as a local date and clock time in the course's IANA time
// zone, and stored as instants. Temporal does the conversion, so daylight saving time is the
// zone's own rule, never an offset we guessed.
import { Temporal } from 'temporal-polyfill';

export type LocalTimeProblem = 'TIME_FORMAT' | 'TIME_DOES_NOT_EXIST';

/** A clock time typed as HH:MM (24-hour), 00:00–23:59. */
export function isClockTime(text: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(text);
}

/**
 * The instant of a local date and time in a zone. A time that the clocks skip (02:30 on the
 * morning clocks spring forward) does not exist there and is refused; a time that happens
 * twice (01:30 on the morning clocks fall back) is the first of the two, as calendars read it.
 */
export function localToInstant(date: string, time: string, timeZone: string): { ok: true; instant: Date } | { ok: false; problem: LocalTimeProblem } {
  if (!isClockTime(time)) return { ok: false, problem: 'TIME_FORMAT' };
  const local = Temporal.PlainDateTime.from(`${date}T${time}`);
  const zoned = local.toZonedDateTime(timeZone, { disambiguation: 'earlier' });
  const back = zoned.toPlainDateTime();
  if (!back.equals(local)) return { ok: false, problem: 'TIME_DOES_NOT_EXIST' };
  return { ok: true, instant: new Date(zoned.epochMilliseconds) };
}

/** The local date (YYYY-MM-DD) and time (HH:MM) of an instant in a zone. */
export function instantToLocal(instant: Date, timeZone: string): { date: string; time: string } {
  const zoned = Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone);
  return { date: zoned.toPlainDate().toString(), time: zoned.toPlainTime().toString({ smallestUnit: 'minute' }) };
}

/** A local date moved by whole days (copying a day, shifting a schedule). */
export function addDays(date: string, days: number): string {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

/** Whole days from one local date to another. */
export function daysBetween(from: string, to: string): number {
  return Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to), { largestUnit: 'days' }).days;
}

/** Every date from start to end, both included. */
export function datesOf(startsOn: string, endsOn: string): string[] {
  const days: string[] = [];
  for (let d = startsOn; d <= endsOn; d = addDays(d, 1)) days.push(d);
  return days;
}
