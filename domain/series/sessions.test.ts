// Closing sign-ups after session N, in the group's zone, across daylight-saving changes.
import { Temporal } from 'temporal-polyfill';
import { describe, expect, test } from 'vitest';
import { enrollmentClosesAt, localToday, seriesSessions, signUpState, type ListingPattern } from './sessions.ts';

// Tuesdays 7–8:30 pm in Spokane; US daylight time ends Sunday 2 November 2025.
const spokane: ListingPattern = { cadence: 'weekly', weekday: 2, startTime: '19:00', durationMinutes: 90, timeZone: 'America/Los_Angeles' };
const autumn = { firstSessionOn: '2025-10-21', sessionCount: 6, closesAfterSession: 3 };
const at = (iso: string) => Temporal.Instant.from(iso);

describe('the sessions of a series', () => {
  test('follow the listing’s weekday and wall-clock time across the change of clocks', () => {
    const sessions = seriesSessions(spokane, autumn);
    expect(sessions.map((s) => s.start.toString({ timeZoneName: 'never' }))).toEqual([
      '2025-10-21T19:00:00-07:00',
      '2025-10-28T19:00:00-07:00',
      '2025-11-04T19:00:00-08:00',
      '2025-11-11T19:00:00-08:00',
      '2025-11-18T19:00:00-08:00',
      '2025-11-25T19:00:00-08:00',
    ]);
  });

  test('a first session date off the weekday starts on the next meeting day', () => {
    expect(seriesSessions(spokane, { ...autumn, firstSessionOn: '2025-10-19' })[0]!.start.toPlainDate().toString()).toBe('2025-10-21');
  });
});

describe('sign-ups close when the chosen session ends', () => {
  test('after session 3, the first after the change: 8:30 pm Pacific standard time, 04:30 UTC', () => {
    expect(enrollmentClosesAt(spokane, autumn).toString()).toBe('2025-11-05T04:30:00Z');
  });

  test('after session 2, still on daylight time: 03:30 UTC', () => {
    expect(enrollmentClosesAt(spokane, { ...autumn, closesAfterSession: 2 }).toString()).toBe('2025-10-29T03:30:00Z');
  });

  test('spring forward: a London group’s session after the change closes an hour earlier in UTC', () => {
    const london: ListingPattern = { cadence: 'every_other_week', weekday: 4, startTime: '18:30', durationMinutes: 60, timeZone: 'Europe/London' };
    const spring = { firstSessionOn: '2026-03-19', sessionCount: 3, closesAfterSession: 2 };
    // 19 March (GMT), 2 April (BST; clocks went forward 29 March).
    expect(enrollmentClosesAt(london, spring).toString()).toBe('2026-04-02T18:30:00Z');
    expect(enrollmentClosesAt(london, { ...spring, closesAfterSession: 1 }).toString()).toBe('2026-03-19T19:30:00Z');
  });

  test('open one minute before, closed at the moment and after; full before closed; cancelled above all', () => {
    const series = { ...autumn, status: 'open' as const, maximum: 8 };
    expect(signUpState(spokane, series, 3, at('2025-11-05T04:29:00Z'))).toBe('open');
    expect(signUpState(spokane, series, 3, at('2025-11-05T04:30:00Z'))).toBe('closed');
    expect(signUpState(spokane, series, 8, at('2025-11-01T00:00:00Z'))).toBe('full');
    expect(signUpState(spokane, { ...series, status: 'cancelled' }, 0, at('2025-10-01T00:00:00Z'))).toBe('cancelled');
  });

  test('the local date for the decide-by day is the group’s, not UTC’s', () => {
    // 03:00 UTC on 2 September is still the evening of 1 September in Spokane.
    expect(localToday(at('2025-09-02T03:00:00Z'), 'America/Los_Angeles')).toBe('2025-09-01');
    expect(localToday(at('2025-09-02T08:00:00Z'), 'America/Los_Angeles')).toBe('2025-09-02');
  });
});
