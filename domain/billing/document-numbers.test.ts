import { describe, expect, test } from 'vitest';
import { documentNumber, paymentReceiptNumber, safeFilename } from './document-numbers.ts';
import { dateProblem, isCalendarDate } from '#lib/dates.ts';

test('calendar dates', () => {
  expect(isCalendarDate('2025-02-28')).toBe(true);
  expect(isCalendarDate('2024-02-29')).toBe(true);
  expect(isCalendarDate('2025-02-29')).toBe(false);
  expect(isCalendarDate('2025-2-1')).toBe(false);
  expect(isCalendarDate('yesterday')).toBe(false);
});

test('numbers and file names', () => {
  expect(documentNumber('ABS', 123)).toBe('ABS-000123');
  expect(paymentReceiptNumber('ABS', '1a2b3c4d-0000-0000-0000-000000000000', null)).toBe('ABS-R1A2B3C4D');
  expect(paymentReceiptNumber('ABS', '1a2b3c4d-0000-0000-0000-000000000000', 7)).toBe('ABS-000007');
  expect(safeFilename('receipt ABS-000123', 'pdf')).toBe('receipt-ABS-000123.pdf');
  expect(safeFilename('statement Zoë "Łukasiewicz"\r\n', 'pdf')).toBe('statement-Zoe-ukasiewicz.pdf');
  expect(safeFilename('ÅÅÅ///', 'pdf')).toBe('AAA.pdf');
});

describe('dateProblem', () => {
  test('a real date has no problem; a date-shaped non-date is DATE_NOT_REAL; anything else DATE_FORMAT', () => {
    expect(dateProblem('2028-02-29')).toBeNull();
    expect(dateProblem('2025-02-30')).toBe('DATE_NOT_REAL');
    expect(dateProblem('2027-13-01')).toBe('DATE_NOT_REAL');
    expect(dateProblem('2027-00-10')).toBe('DATE_NOT_REAL');
    expect(dateProblem('30/02/2025')).toBe('DATE_FORMAT');
    expect(dateProblem('')).toBe('DATE_FORMAT');
  });
});
