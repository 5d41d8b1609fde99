import { describe, expect, test } from 'vitest';
import { basePrice, checkDiscountCode, discountFor, earlyRateAvailable, localToday, registrationWindow } from './rules.ts';

describe('localToday: deadlines are dates where the course happens', () => {
  test.each([
    // 06:59 UTC on March 13 is still March 12 in Spokane (UTC−7 in March, daylight time).
    ['2025-03-13T06:59:59Z', 'America/Los_Angeles', '2025-03-12'],
    ['2025-03-13T07:00:00Z', 'America/Los_Angeles', '2025-03-13'],
    // Before the daylight-saving change (March 9, 2025) Spokane is UTC−8.
    ['2025-03-08T07:59:59Z', 'America/Los_Angeles', '2025-03-07'],
    ['2025-03-08T08:00:00Z', 'America/Los_Angeles', '2025-03-08'],
    ['2025-03-12T23:30:00Z', 'Pacific/Auckland', '2025-03-13'],
  ])('%s in %s is %s', (instant, zone, date) => {
    expect(localToday(zone, new Date(instant))).toBe(date);
  });
});

describe('registrationWindow', () => {
  const course = { registrationOpensOn: '2025-01-06', registrationDeadline: '2025-03-12' };
  test.each([
    ['2025-01-05', 'not_open'],
    ['2025-01-06', 'open'],
    ['2025-03-12', 'open'], // the deadline day is inclusive
    ['2025-03-13', 'closed'],
  ] as const)('%s → %s', (today, expected) => {
    expect(registrationWindow(course, today)).toBe(expected);
  });
  test('no opening date: open until the deadline', () => {
    expect(registrationWindow({ registrationOpensOn: null, registrationDeadline: '2025-03-12' }, '2024-01-01')).toBe('open');
  });
});

describe('earlyRateAvailable: "Early rates are limited to the first 30 registrants"', () => {
  const byCount = { earlyPlaceLimit: 30, earlyRateUntil: null };
  test.each([
    [byCount, 0, '2025-03-01', true],
    [byCount, 29, '2025-03-01', true], // the 30th registrant
    [byCount, 30, '2025-03-01', false], // the 31st
    [{ earlyPlaceLimit: null, earlyRateUntil: '2025-02-01' }, 500, '2025-02-01', true], // date inclusive
    [{ earlyPlaceLimit: null, earlyRateUntil: '2025-02-01' }, 0, '2025-02-02', false],
    [{ earlyPlaceLimit: 30, earlyRateUntil: '2025-02-01' }, 10, '2025-02-02', false], // both: whichever ends first
    [{ earlyPlaceLimit: 30, earlyRateUntil: '2025-02-01' }, 30, '2025-01-01', false],
    [{ earlyPlaceLimit: null, earlyRateUntil: null }, 0, '2025-01-01', false], // no early tier at all
    [{ earlyPlaceLimit: 0, earlyRateUntil: null }, 0, '2025-01-01', false],
  ])('%j with %i taken on %s → %s', (rule, taken, today, expected) => {
    expect(earlyRateAvailable(rule, taken, today)).toBe(expected);
  });
});

describe('basePrice: every cell is an explicit amount', () => {
  const cells = [
    { categoryKey: 'non_member', tier: 'early' as const, amountMinor: 90000 },
    { categoryKey: 'non_member', tier: 'regular' as const, amountMinor: 97500 },
    { categoryKey: 'guest', tier: 'regular' as const, amountMinor: 0 },
  ];
  test('early and regular cells', () => {
    expect(basePrice(cells, 'non_member', 'early')).toEqual({ amountMinor: 90000, tier: 'early' });
    expect(basePrice(cells, 'non_member', 'regular')).toEqual({ amountMinor: 97500, tier: 'regular' });
  });
  test('a category without an early amount pays regular, and says so; zero is a price', () => {
    expect(basePrice(cells, 'guest', 'early')).toEqual({ amountMinor: 0, tier: 'regular' });
  });
  test('an unknown category has no price', () => {
    expect(basePrice(cells, 'nobody', 'regular')).toBeUndefined();
  });
});

describe('discounts', () => {
  test.each([
    [90000, { kind: 'fixed' as const, amount: 10000 }, 10000],
    [90000, { kind: 'fixed' as const, amount: 100000 }, 90000], // never more than the price
    [97500, { kind: 'percent' as const, amount: 15 }, 14625],
    [99999, { kind: 'percent' as const, amount: 33 }, 33000], // 32999.67 rounds to 33000
    [0, { kind: 'percent' as const, amount: 50 }, 0],
    [90000, undefined, 0],
  ])('%i with %j → %i off', (base, terms, expected) => {
    expect(discountFor(base, terms)).toBe(expected);
  });

  const code = { expiresOn: '2025-03-01', categoryKeys: ['non_member'], maxUses: 3 };
  test.each([
    [2, 'non_member', '2025-03-01', undefined], // last use, last day
    [3, 'non_member', '2025-03-01', 'DISCOUNT_CODE_USED_UP'],
    [0, 'non_member', '2025-03-02', 'DISCOUNT_CODE_EXPIRED'],
    [0, 'member', '2025-02-01', 'DISCOUNT_CODE_NOT_FOR_CATEGORY'],
  ])('%i uses, %s, on %s → %s', (uses, category, today, expected) => {
    expect(checkDiscountCode(code, uses, category, today)).toBe(expected);
  });
  test('a disabled code is no longer on offer', () => {
    expect(checkDiscountCode({ ...code, disabledAt: new Date() }, 0, 'non_member', '2025-02-01')).toBe('DISCOUNT_CODE_UNKNOWN');
  });
});
