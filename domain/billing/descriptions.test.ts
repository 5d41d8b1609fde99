import { expect, test } from 'vitest';
import { entryDescription } from './descriptions.ts';

const title = 'Advanced Balint Intensive — Portland, OR';

test('a charge on a page about its course reads without the title and with one colon', () => {
  expect(entryDescription({ kind: 'charge', reason: `${title}: Single Registration (early)` }, { courseTitle: title })).toBe('Registration fee: Single Registration (early)');
});

test('other reasons are kept; no reason is just the kind', () => {
  expect(entryDescription({ kind: 'discount', reason: 'discount code' }, { courseTitle: title })).toBe('Discount: discount code');
  expect(entryDescription({ kind: 'discount', reason: '' })).toBe('Discount');
  expect(entryDescription({ kind: 'charge', reason: '  ' })).toBe('Registration fee');
  expect(entryDescription({ kind: 'charge', reason: `${title}: Single` })).toBe(`Registration fee: ${title}: Single`);
});

test('an aid award is said once, with its course (old rows said "financial aid award" again)', () => {
  expect(entryDescription({ kind: 'aid_award', reason: 'financial aid award' }, { courseTitle: title })).toBe(`Financial aid award: ${title}`);
  expect(entryDescription({ kind: 'aid_award', reason: title }, { courseTitle: title })).toBe(`Financial aid award: ${title}`);
  expect(entryDescription({ kind: 'aid_award', reason: title })).toBe(`Financial aid award: ${title}`);
  expect(entryDescription({ kind: 'aid_award', reason: 'financial aid award' })).toBe('Financial aid award');
  expect(entryDescription({ kind: 'discount', reason: 'Discount' })).toBe('Discount');
});
