import { Temporal } from 'temporal-polyfill';
import { describe, expect, test } from 'vitest';
import { formatOccurrence, nextMeetings, type MeetingPattern } from './meeting-times.ts';

const spokaneTuesdays: MeetingPattern = { cadence: 'weekly', weekday: 2, startTime: '19:00', durationMinutes: 90, timeZone: 'America/Los_Angeles', startsOn: '2025-01-07' };
const instant = (iso: string) => Temporal.Instant.from(iso);

describe('meeting times across daylight-saving changes', () => {
  test('7 pm in Spokane stays 7 pm in Spokane across the March change', () => {
    const meetings = nextMeetings(spokaneTuesdays, instant('2025-03-01T00:00:00Z'), 3);
    expect(meetings.map((m) => m.start.toPlainDateTime().toString())).toEqual(['2025-03-04T19:00:00', '2025-03-11T19:00:00', '2025-03-18T19:00:00']);
    // UTC offset moves from −8 to −7 on March 9.
    expect(meetings.map((m) => m.start.offset)).toEqual(['-08:00', '-07:00', '-07:00']);
  });

  test('a visitor in London sees the time move twice: US and UK clocks change on different dates', () => {
    const [before, between, after] = [
      nextMeetings(spokaneTuesdays, instant('2025-03-04T00:00:00Z'), 1)[0]!,
      nextMeetings(spokaneTuesdays, instant('2025-03-11T00:00:00Z'), 1)[0]!,
      nextMeetings(spokaneTuesdays, instant('2025-04-01T00:00:00Z'), 1)[0]!,
    ];
    expect(formatOccurrence(before, 'Europe/London')).toBe('Wed, Mar 5, 3:00 AM – 4:30 AM GMT');
    expect(formatOccurrence(between, 'Europe/London')).toBe('Wed, Mar 12, 2:00 AM – 3:30 AM GMT');
    expect(formatOccurrence(after, 'Europe/London')).toBe('Wed, Apr 2, 3:00 AM – 4:30 AM GMT+1');
    expect(formatOccurrence(between, 'America/Los_Angeles')).toBe('Tue, Mar 11, 7:00 PM – 8:30 PM PDT');
  });

  test('every other week keeps to the weeks of the first meeting', () => {
    const pattern: MeetingPattern = { ...spokaneTuesdays, cadence: 'every_other_week', startsOn: '2025-01-07' };
    const meetings = nextMeetings(pattern, instant('2025-01-15T00:00:00Z'), 3);
    expect(meetings.map((m) => m.start.toPlainDate().toString())).toEqual(['2025-01-21', '2025-02-04', '2025-02-18']);
  });

  test('monthly on the second Thursday, and on the last Friday', () => {
    const second: MeetingPattern = { ...spokaneTuesdays, cadence: 'monthly', weekday: 4, weekOfMonth: 2 };
    expect(nextMeetings(second, instant('2025-01-01T00:00:00Z'), 3).map((m) => m.start.toPlainDate().toString())).toEqual(['2025-01-09', '2025-02-13', '2025-03-13']);
    const last: MeetingPattern = { ...spokaneTuesdays, cadence: 'monthly', weekday: 5, weekOfMonth: -1 };
    expect(nextMeetings(last, instant('2025-01-01T00:00:00Z'), 2).map((m) => m.start.toPlainDate().toString())).toEqual(['2025-01-31', '2025-02-28']);
  });

  test('nothing before the series starts; a meeting already begun today is not "next"', () => {
    expect(nextMeetings(spokaneTuesdays, instant('2024-12-01T00:00:00Z'), 1)[0]!.start.toPlainDate().toString()).toBe('2025-01-07');
    // 19:30 Spokane time on Tuesday March 11 (02:30Z March 12): the next is March 18.
    expect(nextMeetings(spokaneTuesdays, instant('2025-03-12T02:30:00Z'), 1)[0]!.start.toPlainDate().toString()).toBe('2025-03-18');
  });
});

describe('a listing shown in the group zone and the visitor zone', () => {
  test('an online group in Chicago, seen from Berlin across the autumn changes (Europe first, then the US)', () => {
    const chicago: MeetingPattern = { cadence: 'weekly', weekday: 1, startTime: '18:00', durationMinutes: 60, timeZone: 'America/Chicago', startsOn: '2025-09-01' };
    const [a, b, c] = nextMeetings(chicago, instant('2025-10-20T00:00:00Z'), 3);
    expect([a, b, c].map((m) => formatOccurrence(m!, 'America/Chicago'))).toEqual(['Mon, Oct 20, 6:00 PM – 7:00 PM CDT', 'Mon, Oct 27, 6:00 PM – 7:00 PM CDT', 'Mon, Nov 3, 6:00 PM – 7:00 PM CST']);
    expect([a, b, c].map((m) => formatOccurrence(m!, 'Europe/Berlin'))).toEqual([
      'Tue, Oct 21, 1:00 AM – 2:00 AM GMT+2',
      'Tue, Oct 28, 12:00 AM – 1:00 AM GMT+1',
      'Tue, Nov 4, 1:00 AM – 2:00 AM GMT+1',
    ]);
  });
});
