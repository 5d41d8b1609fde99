import { expect, test } from 'vitest';
import { priceTable } from './get-course.server.ts';

const cell = (categoryKey: string, position: number, tier: 'early' | 'regular', amountMinor: number) => ({
  id: `${categoryKey}-${tier}`,
  organizationId: 'o',
  courseId: 'c',
  categoryKey,
  categoryLabel: categoryKey.toUpperCase(),
  position,
  tier,
  amountMinor,
});

test('cells become one row per category, in published order, with both tiers', () => {
  const rows = priceTable([cell('member', 1, 'regular', 87500), cell('non_member', 0, 'early', 90000), cell('member', 1, 'early', 80000), cell('non_member', 0, 'regular', 97500)]);
  expect(rows).toEqual([
    { categoryKey: 'non_member', categoryLabel: 'NON_MEMBER', early: 90000, regular: 97500 },
    { categoryKey: 'member', categoryLabel: 'MEMBER', early: 80000, regular: 87500 },
  ]);
});

test('a category without an early amount keeps the gap visible', () => {
  expect(priceTable([cell('guest', 0, 'regular', 5000)])).toEqual([{ categoryKey: 'guest', categoryLabel: 'GUEST', early: undefined, regular: 5000 }]);
});
