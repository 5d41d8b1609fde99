import { describe, expect, test } from 'vitest';
import { aidAmountInput, parseAidAmount } from './amounts.ts';

describe('reading an aid amount (USD: 2 decimals)', () => {
  test.each([
    ['500', 50_000],
    ['500.5', 50_050],
    ['12.50', 1_250],
    ['$250', 25_000],
    ['1,000', 100_000],
    ['12,345.50', 1_234_550],
    [' 0.01 ', 1],
  ])('%s → %s minor units', (text, minor) => expect(parseAidAmount(text, 'USD')).toEqual({ ok: true, minor }));

  test.each([
    ['', 'REQUIRED'],
    ['   ', 'REQUIRED'],
    ['12,50', 'COMMA'],
    ['1,00', 'COMMA'],
    ['1,2345', 'COMMA'],
    ['500.001', 'TOO_MANY_DECIMALS'],
    ['1e9', 'NOT_A_NUMBER'],
    ['abc', 'NOT_A_NUMBER'],
    ['12.', 'NOT_A_NUMBER'],
    ['-5', 'NOT_POSITIVE'],
    ['0', 'NOT_POSITIVE'],
    ['0.00', 'NOT_POSITIVE'],
    ['1000000000', 'TOO_LARGE'],
    ['9999999999999', 'TOO_LARGE'],
  ])('%s is refused: %s', (text, problem) => expect(parseAidAmount(text, 'USD')).toEqual({ ok: false, problem }));
});

describe('the currency decides the decimals', () => {
  test('yen has none', () => {
    expect(parseAidAmount('5000', 'JPY')).toEqual({ ok: true, minor: 5000 });
    expect(parseAidAmount('50.5', 'JPY')).toEqual({ ok: false, problem: 'TOO_MANY_DECIMALS' });
    expect(aidAmountInput(5000, 'JPY')).toBe('5000');
  });
  test('dinar has three', () => {
    expect(parseAidAmount('12.345', 'KWD')).toEqual({ ok: true, minor: 12_345 });
    expect(aidAmountInput(12_345, 'KWD')).toBe('12.345');
  });
  test('dollars show whole amounts plainly and cents with two digits', () => {
    expect(aidAmountInput(50_000, 'USD')).toBe('500');
    expect(aidAmountInput(1_250, 'USD')).toBe('12.50');
  });
});
