import { describe, expect, it } from 'vitest';
import { localDate } from '#domain/money/policy.ts';
import { quoteTerm, reminderDue, rollingEnd, statusOn } from './terms.ts';

const calendar = { term: 'calendar_year', proRating: 'remaining_months' } as const;
const calendarNone = { term: 'calendar_year', proRating: 'none' } as const;
const rolling = { term: 'rolling_12_months', proRating: 'none' } as const;

describe('rolling twelve-month terms', () => {
  it.each([
    ['2026-03-15', '2027-03-14'],
    ['2026-01-01', '2026-12-31'],
    ['2026-12-31', '2027-12-30'],
    ['2024-02-29', '2025-02-28'],
    ['2023-03-01', '2024-02-29'],
    ['2024-03-01', '2025-02-28'],
  ])('starting %s ends %s', (start, end) => {
    expect(rollingEnd(start)).toBe(end);
    expect(quoteTerm(rolling, 15000, start, null, 30)).toEqual({ startsOn: start, endsOn: end, duesMinor: 15000, renewal: false });
  });
});

describe('calendar-year terms joined late', () => {
  it.each([
    ['2026-01-01', 12000, '2026-12-31'],
    ['2026-07-01', 6000, '2026-12-31'],
    ['2026-07-31', 6000, '2026-12-31'],
    ['2026-11-30', 2000, '2026-12-31'],
    // December: full dues, the term runs to the end of next year.
    ['2026-12-01', 12000, '2027-12-31'],
    ['2026-12-31', 12000, '2027-12-31'],
    ['2024-02-29', 11000, '2024-12-31'],
  ])('joining on %s with remaining-months pro-rating costs %i and ends %s', (today, dues, end) => {
    expect(quoteTerm(calendar, 12000, today, null, 30)).toEqual({ startsOn: today, endsOn: end, duesMinor: dues, renewal: false });
  });

  it('rounds a pro-rated amount half up to a minor unit', () => {
    // 100.01 × 7/12 = 58.339… → 58.34; 5 JPY-like units × 1/12 rounds to 0.4 → 0
    expect(quoteTerm(calendar, 10001, '2026-06-10', null, 30).duesMinor).toBe(5834);
    expect(quoteTerm(calendar, 6, '2026-11-10', null, 30).duesMinor).toBe(1);
  });

  it('charges full dues without pro-rating', () => {
    expect(quoteTerm(calendarNone, 12000, '2026-10-01', null, 30)).toEqual({ startsOn: '2026-10-01', endsOn: '2026-12-31', duesMinor: 12000, renewal: false });
  });
});

describe('renewals continue from the old end date', () => {
  it('renewing early starts the day after the current term', () => {
    expect(quoteTerm(rolling, 15000, '2026-02-20', '2026-03-14', 30)).toEqual({ startsOn: '2026-03-15', endsOn: '2027-03-14', duesMinor: 15000, renewal: true });
    expect(quoteTerm(calendar, 12000, '2026-11-20', '2026-12-31', 30)).toEqual({ startsOn: '2027-01-01', endsOn: '2027-12-31', duesMinor: 12000, renewal: true });
  });
  it('renewing in grace still starts the day after the old end, at full dues', () => {
    expect(quoteTerm(calendar, 12000, '2027-01-20', '2026-12-31', 30)).toEqual({ startsOn: '2027-01-01', endsOn: '2027-12-31', duesMinor: 12000, renewal: true });
  });
  it('the last day of grace is still a renewal; the day after is a new join', () => {
    expect(quoteTerm(rolling, 100, '2026-04-13', '2026-03-14', 30).renewal).toBe(true);
    expect(quoteTerm(rolling, 100, '2026-04-14', '2026-03-14', 30)).toEqual({ startsOn: '2026-04-14', endsOn: '2027-04-13', duesMinor: 100, renewal: false });
  });
});

describe('status with grace', () => {
  const term = { startsOn: '2026-01-01', endsOn: '2026-12-31' };
  it.each([
    ['2025-12-31', 'future'],
    ['2026-01-01', 'active'],
    ['2026-12-31', 'active'],
    ['2027-01-01', 'grace'],
    ['2027-01-30', 'grace'],
    ['2027-01-31', 'lapsed'],
  ])('on %s is %s', (today, status) => {
    expect(statusOn(term, today, 30)).toBe(status);
  });
  it('no grace: lapsed the day after the end', () => {
    expect(statusOn(term, '2027-01-01', 0)).toBe('lapsed');
  });
  it('the boundary is the organization’s local day, not UTC', () => {
    // 2027-01-31 03:00 UTC is still 30 January in Los Angeles (in grace) but 31 January in Berlin (lapsed).
    const at = new Date('2027-01-31T03:00:00Z');
    expect(statusOn(term, localDate(at, 'America/Los_Angeles'), 30)).toBe('grace');
    expect(statusOn(term, localDate(at, 'Europe/Berlin'), 30)).toBe('lapsed');
    // And the last active day: 1 January 07:59 UTC is 31 December in Los Angeles.
    expect(statusOn(term, localDate(new Date('2027-01-01T07:59:00Z'), 'America/Los_Angeles'), 30)).toBe('active');
    expect(statusOn(term, localDate(new Date('2027-01-01T08:00:00Z'), 'America/Los_Angeles'), 30)).toBe('grace');
  });
});

describe('reminder scheduling', () => {
  const ends = '2026-12-31';
  it.each([
    ['2026-11-30', [], null],
    ['2026-12-01', [], 'before_30'],
    ['2026-12-10', ['before_30'], null],
    ['2026-12-24', ['before_30'], 'before_7'],
    ['2026-12-31', ['before_30', 'before_7'], null],
    ['2027-01-01', ['before_30', 'before_7'], 'expired'],
    ['2027-01-30', ['before_30', 'before_7', 'expired'], null],
    ['2027-01-31', ['before_30', 'before_7', 'expired'], 'grace_ended'],
    ['2027-03-01', ['before_30', 'before_7', 'expired', 'grace_ended'], null],
  ] as const)('on %s having sent %j sends %s', (today, sent, due) => {
    expect(reminderDue(ends, 30, today, sent)).toBe(due);
  });
  it('a job that missed days sends only the latest reminder', () => {
    expect(reminderDue(ends, 30, '2027-01-05', [])).toBe('expired');
  });
});
