import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocate, checkoutNumber, maxGiftMinor, parseAmount } from './amounts.ts';

describe('parseAmount', () => {
  it('reads whole and decimal amounts in minor units', () => {
    expect(parseAmount('25', 'USD')).toBe(2500);
    expect(parseAmount('25.5', 'USD')).toBe(2550);
    expect(parseAmount('$1,000.05', 'USD')).toBe(100005);
    expect(parseAmount('', 'USD')).toBe(0);
    expect(parseAmount('500', 'JPY')).toBe(500);
  });
  it('refuses what is not an amount', () => {
    for (const bad of ['abc', '1.234', '-5', '1e5', '12..3', '5,5.5.5']) expect(parseAmount(bad, 'USD')).toBeNull();
  });
  it('reads a comma only as a thousands separator', () => {
    expect(parseAmount('1,000', 'USD')).toBe(100000);
    expect(parseAmount('12,345.50', 'USD')).toBe(1234550);
    expect(parseAmount('1,234,567', 'USD')).toBe(123456700);
    expect(parseAmount('USD 2,500', 'USD')).toBe(250000);
    expect(parseAmount('1,000', 'JPY')).toBe(1000);
  });
  it('refuses a decimal comma or misplaced separators instead of guessing (12,50 is not 1250)', () => {
    for (const bad of ['12,50', '1,00,0', '1,0000', ',500', '500,', '1,,000', '12,5', '1.000,50', '12,50.5']) expect(parseAmount(bad, 'USD'), bad).toBeNull();
  });
  it('caps gifts at 100,000 in the currency', () => {
    expect(maxGiftMinor('USD')).toBe(10_000_000);
    expect(maxGiftMinor('JPY')).toBe(100_000);
    expect(parseAmount('100,000.00', 'USD')).toBe(maxGiftMinor('USD'));
    expect(parseAmount('100,000.01', 'USD')! > maxGiftMinor('USD')).toBe(true);
  });
});

describe('checkoutNumber', () => {
  it('pads to six digits', () => expect(checkoutNumber('ABS', 123)).toBe('ABS-000123'));
});

describe('allocate', () => {
  const lines = [
    { id: 'reg', amountMinor: 90000 },
    { id: 'gift', amountMinor: 2500 },
  ];
  it('pays each line its amount when the total is exact', () => {
    expect(allocate(lines, 92500)).toEqual([
      { id: 'reg', amountMinor: 90000 },
      { id: 'gift', amountMinor: 2500 },
    ]);
  });
  it('puts an overpayment on the overflow line and a short payment on the first lines', () => {
    expect(allocate(lines, 93000, 'reg')).toEqual([
      { id: 'reg', amountMinor: 90500 },
      { id: 'gift', amountMinor: 2500 },
    ]);
    expect(allocate(lines, 50000)).toEqual([{ id: 'reg', amountMinor: 50000 }]);
  });
  it('always adds up to the amount received, with positive parts', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 100000 }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 600000 }), (amounts, received) => {
        const parts = allocate(amounts.map((a, i) => ({ id: String(i), amountMinor: a })), received, '0');
        expect(parts.reduce((s, p) => s + p.amountMinor, 0)).toBe(received);
        expect(parts.every((p) => p.amountMinor > 0)).toBe(true);
      }),
    );
  });
});
