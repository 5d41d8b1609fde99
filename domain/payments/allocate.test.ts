import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocate } from './allocate.ts';

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
