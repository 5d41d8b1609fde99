// When a scheduled course message is due: a number of days before or after one of the course's
// dates, at a local time, in the course's time zone (a date of the course is a local date there).
import { Temporal } from 'temporal-polyfill';
import type { MessageSchedule } from '#db/schema/messages.ts';

export const MAX_OFFSET_DAYS = 365;

/** The instant a schedule names for a course. A local time skipped by a DST change moves forward (Temporal's "compatible"). */
export function scheduledInstant(course: { startsOn: string; endsOn: string; timeZone: string }, schedule: MessageSchedule): Date {
  const anchor = Temporal.PlainDate.from(schedule.anchor === 'starts_on' ? course.startsOn : course.endsOn);
  const day = anchor.add({ days: schedule.offsetDays });
  const zoned = day.toZonedDateTime({ timeZone: course.timeZone, plainTime: Temporal.PlainTime.from(schedule.localTime) });
  return new Date(zoned.epochMilliseconds);
}

/** The local date a schedule falls on (for the page: "on 10 April 2025 at 09:00"). */
export function scheduledLocalDate(course: { startsOn: string; endsOn: string }, schedule: MessageSchedule): string {
  const anchor = Temporal.PlainDate.from(schedule.anchor === 'starts_on' ? course.startsOn : course.endsOn);
  return anchor.add({ days: schedule.offsetDays }).toString();
}
