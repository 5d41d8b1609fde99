import { describe, expect, test } from 'vitest';
import { amountInput, documentNumber, parseAmount, paymentReceiptNumber, safeFilename } from './amounts.ts';
import { dateProblem, isCalendarDate } from '#lib/dates.ts';

describe('parseAmount', () => {
  test.each([
    ['975', 97500],
    ['975.5', 97550],
    ['975.50', 97550],
    [' 12.05 ', 1205],
    ['0.01', 1],
    ['1000000', 100_000_000],
  ])('%s → %i minor units', (input, minor) => {
    expect(parseAmount(input, 'USD')).toEqual({ ok: true, minor });
  });

  test.each([
    ['', 'REQUIRED'],
    ['   ', 'REQUIRED'],
    ['12,50', 'AMOUNT_FORMAT'],
    ['-5', 'AMOUNT_FORMAT'],
    ['+5', 'AMOUNT_FORMAT'],
    ['1e9', 'AMOUNT_FORMAT'],
    ['1,000', 'AMOUNT_FORMAT'],
    ['12.345', 'AMOUNT_FORMAT'],
    ['$12', 'AMOUNT_FORMAT'],
    ['NaN', 'AMOUNT_FORMAT'],
    ['0', 'AMOUNT_NOT_POSITIVE'],
    ['0.00', 'AMOUNT_NOT_POSITIVE'],
    ['1000000.01', 'AMOUNT_TOO_LARGE'],
    ['99999999999999999999', 'AMOUNT_TOO_LARGE'],
  ])('%j is refused (%s)', (input, problem) => {
    expect(parseAmount(input, 'USD')).toEqual({ ok: false, problem });
  });

  test('a currency without minor units takes whole numbers only', () => {
    expect(parseAmount('5000', 'JPY')).toEqual({ ok: true, minor: 5000 });
    expect(parseAmount('50.5', 'JPY')).toEqual({ ok: false, problem: 'AMOUNT_FORMAT' });
  });

  test('zero is allowed where asked (a fee of nothing)', () => {
    expect(parseAmount('0', 'USD', { allowZero: true })).toEqual({ ok: true, minor: 0 });
  });
});

test('amountInput writes minor units back as a decimal', () => {
  expect(amountInput(97550, 'USD')).toBe('975.50');
  expect(amountInput(5, 'USD')).toBe('0.05');
  expect(amountInput(5000, 'JPY')).toBe('5000');
});

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
