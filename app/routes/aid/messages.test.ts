import { describe, expect, test } from 'vitest';
import { aidAmountError } from './messages.ts';

describe('what an aid amount field says', () => {
  test('a request names the problem, not "greater than zero"', () => {
    expect(aidAmountError('500.001', 'USD', 'request', 50_000)).toBe('USD has 2 decimals: enter an amount like 1250.00.');
    expect(aidAmountError('1e9', 'USD', 'request', 50_000)).toMatch(/^Enter the amount in USD as digits, .*like 1250\.00/);
    expect(aidAmountError('12,50', 'USD', 'request', 50_000)).toMatch(/no commas/);
    expect(aidAmountError('500.01', 'USD', 'request', 50_000)).toBe('The most this program awards is $500.');
    expect(aidAmountError('1000000000', 'USD', 'request', 50_000)).toBe('The most this program awards is $500.');
    expect(aidAmountError('0', 'USD', 'request', 50_000)).toBe('Enter an amount greater than zero.');
    expect(aidAmountError('500', 'USD', 'request', 50_000)).toBeUndefined();
    expect(aidAmountError('1000', 'USD', 'request', 100_000)).toBeUndefined();
  });
  test('an award of a negative amount says it must be positive', () => {
    expect(aidAmountError('-5', 'USD', 'award', 50_000)).toBe('The award must be a positive amount, such as 250.');
    expect(aidAmountError('', 'USD', 'award', 50_000)).toBe('Enter the amount to award, such as 250.');
  });
  test('the program maximum itself', () => {
    expect(aidAmountError('1,000', 'USD', 'max')).toMatch(/like 1250\.00 \(no commas/);
    expect(aidAmountError('1000', 'USD', 'max')).toBeUndefined();
    expect(aidAmountError('-1', 'USD', 'max')).toBe('The maximum must be a positive amount, such as 500.');
    expect(aidAmountError('1000001', 'USD', 'max')).toBe('That amount is too large: enter at most $1,000,000.');
  });
  test('decimals follow the currency', () => {
    expect(aidAmountError('50.5', 'JPY', 'request', 100_000)).toBe('JPY has no decimals: enter a whole amount, like 1250.');
    expect(aidAmountError('1.5', 'KWD', 'request', 100_000)).toBeUndefined();
  });
});
