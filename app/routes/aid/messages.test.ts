import { describe, expect, test } from 'vitest';
import { aidAmountError } from './messages.ts';

describe('what an aid amount field says', () => {
  test('a request names the problem, not "greater than zero"', () => {
    expect(aidAmountError('500.001', 'USD', 'request', 50_000)).toBe('Enter at most 2 decimal places, such as 250.50.');
    expect(aidAmountError('1e9', 'USD', 'request', 50_000)).toBe('Enter the amount as a number, such as 250 or 250.50.');
    expect(aidAmountError('12,50', 'USD', 'request', 50_000)).toMatch(/comma only to separate thousands/);
    expect(aidAmountError('500.01', 'USD', 'request', 50_000)).toBe('The most this program awards is $500.');
    expect(aidAmountError('1000000000', 'USD', 'request', 50_000)).toBe('The most this program awards is $500.');
    expect(aidAmountError('0', 'USD', 'request', 50_000)).toBe('Enter an amount greater than zero.');
    expect(aidAmountError('500', 'USD', 'request', 50_000)).toBeUndefined();
    expect(aidAmountError('1,000', 'USD', 'request', 100_000)).toBeUndefined();
  });
  test('an award of a negative amount says it must be positive', () => {
    expect(aidAmountError('-5', 'USD', 'award', 50_000)).toBe('The award must be a positive amount, such as 250.');
    expect(aidAmountError('', 'USD', 'award', 50_000)).toBe('Enter the amount to award, such as 250.');
  });
  test('the program maximum itself', () => {
    expect(aidAmountError('12,50', 'USD', 'max')).toMatch(/comma only/);
    expect(aidAmountError('1,000', 'USD', 'max')).toBeUndefined();
    expect(aidAmountError('-1', 'USD', 'max')).toBe('The maximum must be a positive amount, such as 500.');
  });
  test('decimals follow the currency', () => {
    expect(aidAmountError('50.5', 'JPY', 'request', 100_000)).toBe('Enter a whole amount, without decimals.');
    expect(aidAmountError('1.5', 'KWD', 'request', 100_000)).toBeUndefined();
  });
});
