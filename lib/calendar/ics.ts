// iCalendar (RFC 5545) documents through ical-generator, with the VTIMEZONE of the course's
// zone from @touch4it/ical-timezones, so every DTSTART/DTEND carries a TZID that Google
// Calendar, Outlook and Apple Calendar resolve to the same rules as ours. No text is written
// by hand here.
import ical, { ICalCalendarMethod } from 'ical-generator';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { Temporal } from 'temporal-polyfill';

export interface CalendarEvent {
  /** Stable across edits: the calendar recognises the same event by it. */
  uid: string;
  /** Grows with every change a calendar should notice. */
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  location: string;
  url?: string;
  lastModified: Date;
}

export interface CalendarInput {
  /** X-WR-CALNAME: the name a subscribing calendar shows. */
  name: string;
  description?: string;
  /** The IANA zone every event is written in (TZID), with its VTIMEZONE. */
  timeZone: string;
  events: readonly CalendarEvent[];
  /** Hours between refreshes that a subscribing client is asked to keep to (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
  refreshHours?: number;
}

export const ICS_CONTENT_TYPE = 'text/calendar; charset=utf-8';

export function renderCalendar(input: CalendarInput): string {
  const calendar = ical({
    name: input.name,
    description: input.description ?? null,
    prodId: { company: 'Balint Hub', product: 'Schedule', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    // No calendar-wide zone: ical-generator would then write DTSTAMP and LAST-MODIFIED as local
    // times without the Z that RFC 5545 requires. Each event names its zone (TZID) and the
    // generator adds that zone's VTIMEZONE once.
    timezone: { name: null, generator: getVtimezoneComponent },
    ttl: (input.refreshHours ?? 6) * 3600,
    x: { 'X-WR-TIMEZONE': input.timeZone },
  });
  // A native Date with a TZID would be written in the server process's own zone; a Temporal
  // instant is converted to the event's zone by the library.
  const instant = (date: Date) => Temporal.Instant.fromEpochMilliseconds(date.getTime());
  for (const event of input.events) {
    calendar.createEvent({
      id: event.uid,
      sequence: event.sequence,
      start: instant(event.start),
      end: instant(event.end),
      timezone: input.timeZone,
      summary: event.summary,
      description: event.description || null,
      location: event.location || null,
      url: event.url ?? null,
      stamp: event.lastModified,
      lastModified: event.lastModified,
    });
  }
  return calendar.toString();
}
