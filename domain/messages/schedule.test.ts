import { describe, expect, test } from 'vitest';
import { scheduledInstant, scheduledLocalDate } from './schedule.ts';

// The seed's intensive: 24–27 April 2025 in Spokane (America/Los_Angeles). DST began 9 March 2025
// and ends 2 November 2025.
const spokane = { startsOn: '2025-04-24', endsOn: '2025-04-27', timeZone: 'America/Los_Angeles' };

describe('scheduled course messages', () => {
  test('14 days before the start at 09:00 is 09:00 Pacific daylight time on 10 April', () => {
    expect(scheduledInstant(spokane, { anchor: 'starts_on', offsetDays: -14, localTime: '09:00' }).toISOString()).toBe('2025-04-10T16:00:00.000Z');
    expect(scheduledLocalDate(spokane, { anchor: 'starts_on', offsetDays: -14, localTime: '09:00' })).toBe('2025-04-10');
  });

  test('across the spring DST change: 09:00 local stays 09:00 local (UTC offset moves from −8 to −7)', () => {
    // 50 days before 24 April is 5 March, still standard time.
    expect(scheduledInstant(spokane, { anchor: 'starts_on', offsetDays: -50, localTime: '09:00' }).toISOString()).toBe('2025-03-05T17:00:00.000Z');
    // 8 March (PST) and 10 March (PDT): 24 hours of calendar, 23 hours apart.
    const before = scheduledInstant(spokane, { anchor: 'starts_on', offsetDays: -47, localTime: '09:00' });
    const after = scheduledInstant(spokane, { anchor: 'starts_on', offsetDays: -45, localTime: '09:00' });
    expect(before.toISOString()).toBe('2025-03-08T17:00:00.000Z');
    expect(after.toISOString()).toBe('2025-03-10T16:00:00.000Z');
  });

  test('a local time skipped by DST moves forward an hour, not back a day', () => {
    // 02:30 on 9 March 2025 does not exist in Los Angeles.
    expect(scheduledInstant(spokane, { anchor: 'starts_on', offsetDays: -46, localTime: '02:30' }).toISOString()).toBe('2025-03-09T10:30:00.000Z');
  });

  test('after the end, across the autumn change, and in another zone', () => {
    expect(scheduledInstant({ ...spokane, endsOn: '2025-10-31' }, { anchor: 'ends_on', offsetDays: 3, localTime: '09:00' }).toISOString()).toBe('2025-11-03T17:00:00.000Z');
    expect(scheduledInstant({ startsOn: '2025-03-30', endsOn: '2025-03-30', timeZone: 'Europe/Berlin' }, { anchor: 'starts_on', offsetDays: 0, localTime: '09:00' }).toISOString()).toBe('2025-03-30T07:00:00.000Z');
    expect(scheduledInstant({ startsOn: '2025-03-30', endsOn: '2025-03-30', timeZone: 'Europe/Berlin' }, { anchor: 'starts_on', offsetDays: -1, localTime: '09:00' }).toISOString()).toBe('2025-03-29T08:00:00.000Z');
  });

  test('across a leap day', () => {
    expect(scheduledLocalDate({ startsOn: '2028-03-01', endsOn: '2028-03-02' }, { anchor: 'starts_on', offsetDays: -1, localTime: '09:00' })).toBe('2028-02-29');
  });
});
