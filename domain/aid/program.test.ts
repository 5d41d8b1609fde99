import { describe, expect, test } from 'vitest';
import { applicationRefusal, averageScore, awardRefusal, normalizeContent, programOpenOn, type AidProgram } from './program.ts';

const program: AidProgram = { financialAidDeadline: '2025-02-25', financialAidAwards: 4, financialAidMaxMinor: 50_000 };

describe('the deadline (local date, inclusive)', () => {
  test.each([
    ['2025-02-24', true],
    ['2025-02-25', true],
    ['2025-02-26', false],
  ])('on %s open: %s', (today, open) => expect(programOpenOn(program, today)).toBe(open));
  test('no deadline: open; no awards or no maximum: no program', () => {
    expect(programOpenOn({ ...program, financialAidDeadline: null }, '2099-01-01')).toBe(true);
    expect(programOpenOn({ ...program, financialAidAwards: 0 }, '2025-01-01')).toBe(false);
    expect(programOpenOn({ ...program, financialAidMaxMinor: null }, '2025-01-01')).toBe(false);
  });
});

describe('applying', () => {
  const base = { today: '2025-02-01', status: 'submitted' as const, requestedMinor: 10_000 };
  test.each([
    [{}, null],
    [{ requestedMinor: 50_000 }, null],
    [{ requestedMinor: 50_001 }, 'AID_AMOUNT_OVER_MAX'],
    [{ requestedMinor: 0 }, 'AID_AMOUNT_INVALID'],
    [{ requestedMinor: 12.5 }, 'AID_AMOUNT_INVALID'],
    [{ status: 'waitlisted' as const }, null],
    [{ status: 'withdrawn' as const }, 'AID_NOT_ELIGIBLE'],
    [{ status: 'declined' as const }, 'AID_NOT_ELIGIBLE'],
    [{ status: 'cancelled' as const }, 'AID_NOT_ELIGIBLE'],
    [{ today: '2025-02-26' }, 'AID_CLOSED'],
  ])('%o → %s', (change, expected) => expect(applicationRefusal(program, { ...base, ...change })).toBe(expected));
});

describe('awarding', () => {
  const base = { applicationStatus: 'submitted', registrationStatus: 'accepted' as const, amountMinor: 50_000, awardsGiven: 3, dueMinor: 90_000 };
  test.each([
    [{}, null],
    [{ awardsGiven: 4 }, 'AID_AWARDS_USED_UP'],
    [{ amountMinor: 50_001 }, 'AID_AMOUNT_OVER_MAX'],
    [{ amountMinor: 0 }, 'AID_AMOUNT_INVALID'],
    [{ dueMinor: 49_999 }, 'AID_AMOUNT_OVER_DUE'],
    [{ dueMinor: 50_000 }, null],
    [{ applicationStatus: 'awarded' }, 'AID_ALREADY_DECIDED'],
    [{ registrationStatus: 'waitlisted' as const }, 'AID_NOT_ELIGIBLE'],
    [{ registrationStatus: 'withdrawn' as const }, 'AID_NOT_ELIGIBLE'],
  ])('%o → %s', (change, expected) => expect(awardRefusal(program, { ...base, ...change })).toBe(expected));
});

test('"prefer not to say" clears the choices; unknown groups are dropped', () => {
  expect(normalizeContent({ statement: ' s ', groups: ['ethnic'], selfDescribed: 'x', preferNotToSay: true })).toEqual({ statement: 's', groups: [], selfDescribed: '', preferNotToSay: true });
  expect(normalizeContent({ statement: 's', groups: ['other', 'bogus' as never, 'ethnic'], selfDescribed: ' y ', preferNotToSay: false })).toEqual({
    statement: 's',
    groups: ['ethnic', 'other'],
    selfDescribed: 'y',
    preferNotToSay: false,
  });
  expect(averageScore([])).toBeNull();
  expect(averageScore([4, 5, 5])).toBe(4.7);
});
