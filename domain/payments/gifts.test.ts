import { describe, expect, it } from 'vitest';
import { giftMessage, maxGiftMinor, minGiftMinor, parseGift } from './gifts.ts';

describe('gifts', () => {
  it('caps gifts at 100,000 whole units and starts them at one, in the currency', () => {
    expect(maxGiftMinor('USD')).toBe(10_000_000);
    expect(maxGiftMinor('JPY')).toBe(100_000);
    expect(maxGiftMinor('KWD')).toBe(100_000_000);
    expect(minGiftMinor('USD')).toBe(100);
    expect(minGiftMinor('JPY')).toBe(1);
  });

  it('reads a gift with the money module, the limit included', () => {
    expect(parseGift('25', 'USD')).toEqual({ ok: true, minor: 2500 });
    expect(parseGift('500', 'JPY')).toEqual({ ok: true, minor: 500 });
    expect(parseGift('100000', 'USD')).toEqual({ ok: true, minor: maxGiftMinor('USD') });
    expect(parseGift('100000.01', 'USD')).toEqual({ ok: false, problem: 'AMOUNT_TOO_LARGE' });
    expect(parseGift('12,50', 'USD')).toEqual({ ok: false, problem: 'AMOUNT_FORMAT' });
    expect(parseGift('', 'USD')).toEqual({ ok: false, problem: 'REQUIRED' });
    expect(parseGift('0', 'USD')).toEqual({ ok: false, problem: 'AMOUNT_NOT_POSITIVE' });
  });

  it('takes an empty field or 0 as no gift where the gift is optional', () => {
    expect(parseGift('', 'USD', { optional: true })).toEqual({ ok: true, minor: 0 });
    expect(parseGift('0', 'USD', { optional: true })).toEqual({ ok: true, minor: 0 });
    expect(parseGift('-5', 'USD', { optional: true })).toEqual({ ok: false, problem: 'AMOUNT_FORMAT' });
  });

  it('says what the limit is, in the currency', () => {
    expect(giftMessage('AMOUNT_TOO_LARGE', 'USD')).toBe('A gift online can be at most $100,000. For a larger gift, please contact the society.');
    expect(giftMessage('AMOUNT_TOO_LARGE', 'JPY')).toMatch(/at most ¥100,000\./);
    expect(giftMessage('AMOUNT_FORMAT', 'JPY')).toMatch(/like 1250 /);
  });
});
