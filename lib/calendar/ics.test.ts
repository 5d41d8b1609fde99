// The generated iCalendar read back by a real parser (ical.js): every event, its zone, UID,
// SEQUENCE and instants, in zones with and without daylight saving time.
import fc from 'fast-check';
import ICAL from 'ical.js';
import { parseCalendar } from '../../tests/helpers/ics.ts';
import { Temporal } from 'temporal-polyfill';
import { afterEach, describe, expect, test } from 'vitest';
import { renderCalendar, type CalendarEvent } from './ics.ts';

afterEach(() => ICAL.TimezoneService.reset());

/**
 * A local time that happens twice (the hour repeated when clocks fall back). A TZID time names
 * such an hour ambiguously: RFC 5545 says it means the first occurrence, ical.js reads the
 * second, and calendar programs differ. Sessions are typed as local times and stored as the
 * first occurrence (domain/schedule/local-time.ts), so the property leaves these instants out.
 */
function inRepeatedHour(date: Date, zone: string): boolean {
  const local = Temporal.Instant.fromEpochMilliseconds(date.getTime()).toZonedDateTimeISO(zone).toPlainDateTime();
  return local.toZonedDateTime(zone, { disambiguation: 'earlier' }).epochMilliseconds !== local.toZonedDateTime(zone, { disambiguation: 'later' }).epochMilliseconds;
}

const event = (over: Partial<CalendarEvent> = {}): CalendarEvent => ({
  uid: 'a1b2@balinthub.example.org',
  sequence: 0,
  start: new Date('2025-04-23T15:00:00Z'),
  end: new Date('2025-04-23T16:30:00Z'),
  summary: 'Small group I',
  description: 'Small group; leaders: Janet Walker, MD',
  location: 'Cedar Room, Ruby River Hotel, Spokane',
  lastModified: new Date('2025-03-01T12:00:00Z'),
  ...over,
});

describe('renderCalendar', () => {
  test('METHOD:PUBLISH, X-WR-CALNAME, one VTIMEZONE with the TZID every event uses, text escaped and read back', () => {
    const text = renderCalendar({ name: 'Balint Leadership Training Intensive', timeZone: 'America/Los_Angeles', events: [event(), event({ uid: 'c3@h', sequence: 4, summary: 'Lunch; then, a walk', start: new Date('2025-04-23T19:00:00Z'), end: new Date('2025-04-23T20:00:00Z') })] });
    expect(text).toContain('DTSTART;TZID=America/Los_Angeles:20250423T080000');
    const parsed = parseCalendar(text);
    expect(parsed.method).toBe('PUBLISH');
    expect(parsed.name).toBe('Balint Leadership Training Intensive');
    expect(parsed.zones).toEqual(['America/Los_Angeles']);
    expect(parsed.events).toMatchObject([
      { uid: 'a1b2@balinthub.example.org', sequence: 0, tzid: 'America/Los_Angeles', summary: 'Small group I', location: 'Cedar Room, Ruby River Hotel, Spokane', description: 'Small group; leaders: Janet Walker, MD', start: new Date('2025-04-23T15:00:00Z'), end: new Date('2025-04-23T16:30:00Z') },
      { uid: 'c3@h', sequence: 4, summary: 'Lunch; then, a walk', start: new Date('2025-04-23T19:00:00Z') },
    ]);
    // DTSTAMP is UTC, as RFC 5545 requires.
    expect(parsed.events[0]!.stamp).toMatch(/Z$/);
  });

  test('a time in the hour repeated when clocks fall back is written as a local time (ambiguous by RFC 5545 design)', () => {
    // 02:00 CEST, the first of the two 02:00s in Berlin on 2028-10-29.
    expect(inRepeatedHour(new Date('2028-10-29T00:00:00Z'), 'Europe/Berlin')).toBe(true);
    expect(inRepeatedHour(new Date('2028-10-28T23:59:00Z'), 'Europe/Berlin')).toBe(false);
    const text = renderCalendar({ name: 'x', timeZone: 'Europe/Berlin', events: [event({ start: new Date('2028-10-28T22:00:00Z'), end: new Date('2028-10-29T00:00:00Z') })] });
    expect(text).toContain('DTEND;TZID=Europe/Berlin:20281029T020000');
  });

  test('property: any events in any of these zones come back at the same instants, UIDs and sequences', () => {
    const zones = ['America/Los_Angeles', 'America/New_York', 'Europe/Berlin', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata', 'America/St_Johns'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.uniqueArray(
          fc.record({
            startMinute: fc.integer({ min: 0, max: 60 * 24 * 365 * 4 }),
            length: fc.integer({ min: 5, max: 600 }),
            sequence: fc.nat(50),
            summary: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() === s && s.length > 0 && !/[\u0000-\u001f\u007f]/.test(s)),
          }),
          { minLength: 1, maxLength: 8, selector: (e) => e.startMinute },
        ),
        (zone, specs) => {
          ICAL.TimezoneService.reset();
          const origin = Date.UTC(2026, 0, 1);
          const events = specs
            .map((s, i) => event({ uid: `uid-${i}@test`, sequence: s.sequence, summary: s.summary, start: new Date(origin + s.startMinute * 60_000), end: new Date(origin + (s.startMinute + s.length) * 60_000) }))
            .filter((e) => !inRepeatedHour(e.start, zone) && !inRepeatedHour(e.end, zone));
          const parsed = parseCalendar(renderCalendar({ name: 'x', timeZone: zone, events }));
          expect(parsed.zones).toEqual([zone]);
          expect(parsed.events.map((e) => [e.uid, e.sequence, e.tzid, e.summary, e.start.getTime(), e.end.getTime()])).toEqual(
            events.map((e) => [e.uid, e.sequence, zone, e.summary, e.start.getTime(), e.end.getTime()]),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
