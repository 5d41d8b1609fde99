import { expect, test } from 'vitest';
import { formatDate, formatDateRange } from './i18n.ts';

test.each([
  ['2025-04-23', '2025-04-26', 'April 23–26, 2025'],
  ['2025-04-30', '2025-05-03', 'April 30 – May 3, 2025'],
  ['2025-12-30', '2026-01-02', 'December 30, 2025 – January 2, 2026'],
  ['2025-04-23', '2025-04-23', 'April 23, 2025'],
])('%s to %s reads "%s"', (start, end, words) => {
  expect(formatDateRange(start, end)).toBe(words);
});

test('a calendar date does not shift with the time zone of the machine', () => {
  expect(formatDate('2025-03-12')).toBe('March 12, 2025');
});
