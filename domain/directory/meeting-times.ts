// When an ongoing Balint group meets (issue 14). A group's time is stored as the group keeps
// it — a weekday and a wall-clock time in the group's own time zone — and every occurrence is
// computed in that zone, so "Tuesdays at 7 pm in Spokane" stays 7 pm in Spokane across the
// daylight-saving changes. A visitor elsewhere sees each occurrence in their own zone too;
// because zones change their clocks on different dates, that time can shift for a few weeks
// a year, and the visitor sees exactly when.
import { Temporal } from 'temporal-polyfill';

export type Cadence = 'weekly' | 'every_other_week' | 'monthly';

export interface MeetingPattern {
  cadence: Cadence;
  /** ISO weekday: 1 Monday … 7 Sunday. */
  weekday: number;
  /** "19:00", in the group's zone. */
  startTime: string;
  durationMinutes: number;
  timeZone: string;
  /** The first meeting (a date in the group's zone): anchors every-other-week series and the start. */
  startsOn: string;
  /** Monthly: which weekday of the month (1–4; 5 or -1 for the last). */
  weekOfMonth?: number;
}

export interface Occurrence {
  start: Temporal.ZonedDateTime;
  end: Temporal.ZonedDateTime;
}

function at(date: Temporal.PlainDate, pattern: MeetingPattern): Occurrence {
  const start = date.toZonedDateTime({ timeZone: pattern.timeZone, plainTime: Temporal.PlainTime.from(pattern.startTime) });
  return { start, end: start.add({ minutes: pattern.durationMinutes }) };
}

function nthWeekdayOfMonth(year: number, month: number, weekday: number, n: number): Temporal.PlainDate | null {
  const first = Temporal.PlainDate.from({ year, month, day: 1 });
  if (n === -1 || n === 5) {
    const last = first.add({ months: 1 }).subtract({ days: 1 });
    return last.subtract({ days: (last.dayOfWeek - weekday + 7) % 7 });
  }
  const date = first.add({ days: (weekday - first.dayOfWeek + 7) % 7 + (n - 1) * 7 });
  return date.month === month ? date : null;
}

/** The next `count` meetings at or after `from` (an instant), none before the series starts. */
export function nextMeetings(pattern: MeetingPattern, from: Temporal.Instant, count: number): Occurrence[] {
  const startsOn = Temporal.PlainDate.from(pattern.startsOn);
  const fromDate = from.toZonedDateTimeISO(pattern.timeZone).toPlainDate();
  let cursor = Temporal.PlainDate.compare(fromDate, startsOn) < 0 ? startsOn : fromDate;
  const found: Occurrence[] = [];
  if (pattern.cadence === 'monthly') {
    let month = cursor.toPlainYearMonth();
    for (let guard = 0; found.length < count && guard < 240; guard++, month = month.add({ months: 1 })) {
      const date = nthWeekdayOfMonth(month.year, month.month, pattern.weekday, pattern.weekOfMonth ?? 1);
      if (!date || Temporal.PlainDate.compare(date, startsOn) < 0) continue;
      const occurrence = at(date, pattern);
      if (Temporal.Instant.compare(occurrence.start.toInstant(), from) >= 0) found.push(occurrence);
    }
    return found;
  }
  cursor = cursor.add({ days: (pattern.weekday - cursor.dayOfWeek + 7) % 7 });
  const step = pattern.cadence === 'weekly' ? 7 : 14;
  if (step === 14) {
    const firstMeeting = startsOn.add({ days: (pattern.weekday - startsOn.dayOfWeek + 7) % 7 });
    const offset = startsOn.until(cursor, { largestUnit: 'days' }).days - firstMeeting.since(startsOn, { largestUnit: 'days' }).days;
    if (((offset % 14) + 14) % 14 !== 0) cursor = cursor.add({ days: 7 });
  }
  for (let guard = 0; found.length < count && guard < 1000; guard++, cursor = cursor.add({ days: step })) {
    const occurrence = at(cursor, pattern);
    if (Temporal.Instant.compare(occurrence.start.toInstant(), from) >= 0) found.push(occurrence);
  }
  return found;
}

/** An occurrence as a reader in `timeZone` sees it: "Tue, Mar 11, 7:00 PM – 8:30 PM PDT". */
export function formatOccurrence(occurrence: Occurrence, timeZone: string, locale = 'en-US'): string {
  const start = occurrence.start.withTimeZone(timeZone);
  const end = occurrence.end.withTimeZone(timeZone);
  const day = new Intl.DateTimeFormat(locale, { weekday: 'short', month: 'short', day: 'numeric', timeZone }).format(start.epochMilliseconds);
  const time = (z: Temporal.ZonedDateTime, zoneName: boolean) =>
    new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone, ...(zoneName ? { timeZoneName: 'short' } : {}) }).format(z.epochMilliseconds);
  const endDay = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone }).format(end.epochMilliseconds);
  const sameDay = start.toPlainDate().equals(end.toPlainDate());
  return `${day}, ${time(start, false)} – ${sameDay ? '' : `${endDay} `}${time(end, true)}`;
}
