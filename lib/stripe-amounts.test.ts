import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';
import { fromStripeAmount, toStripeAmount } from './stripe-amounts.ts';

describe('amounts at the Stripe boundary', () => {
  test.each([
    // ISO minor units, currency, what Stripe's API takes
    [97550, 'USD', 97550],
    [12550, 'EUR', 12550],
    [125000, 'JPY', 125000], // ¥125,000 is 125000, not 12500000
    [1250, 'KRW', 1250],
    [1250, 'KWD', 1250],
    [5000, 'ISK', 500000], // ISK stays two-decimal in Stripe's API
    [12300, 'MGA', 123], // MGA: two decimals in ISO 4217, none in Stripe
    [125050, 'HUF', 125050],
  ])('%i %s → %i', (minor, currency, amount) => {
    expect(toStripeAmount(minor, currency)).toBe(amount);
    expect(fromStripeAmount(amount, currency)).toBe(minor);
  });

  it('refuses amounts Stripe cannot charge instead of rounding them', () => {
    expect(toStripeAmount(1255, 'KWD')).toBeUndefined(); // a three-decimal amount must end in 0
    expect(toStripeAmount(12345, 'MGA')).toBeUndefined();
    expect(fromStripeAmount(12345, 'ISK')).toBeUndefined(); // fractional króna
  });

  it('round-trips every amount it accepts, in every currency of the issue', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000_000 }), fc.constantFrom('USD', 'EUR', 'JPY', 'KRW', 'KWD', 'BHD', 'ISK', 'MGA', 'HUF', 'TWD'), (minor, currency) => {
        const amount = toStripeAmount(minor, currency);
        if (amount !== undefined) expect(fromStripeAmount(amount, currency)).toBe(minor);
        else expect(['KWD', 'BHD', 'MGA']).toContain(currency);
      }),
    );
  });
});
