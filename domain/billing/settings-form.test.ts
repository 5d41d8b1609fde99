import { expect, test } from 'vitest';
import { readCoursePolicy, readOrganizationSettings } from './settings-form.ts';

test('organization settings: trimmed text, a whole number of days', () => {
  expect(readOrganizationSettings({ postalAddress: ' PO Box 1 ', paymentInstructions: 'Checks to ABS', invoiceDueDays: '14', giftReceiptStatement: '' })).toEqual({
    ok: true,
    data: { postalAddress: 'PO Box 1', paymentInstructions: 'Checks to ABS', invoiceDueDays: 14, giftReceiptStatement: '' },
  });
  expect(readOrganizationSettings({ invoiceDueDays: '1e3', postalAddress: 'x'.repeat(501) })).toEqual({
    ok: false,
    errors: { invoiceDueDays: { code: 'WHOLE_NUMBER', values: { min: 0, max: 365 } }, postalAddress: { code: 'TEXT_TOO_LONG', values: { max: 500 } } },
  });
});

test('course policy: fee as a decimal, empty deadline means none, bad input per field', () => {
  expect(readCoursePolicy({ paymentTiming: 'after_acceptance', paymentHoldHours: '72', cancellationDeadline: '', cancellationFee: '100', refundWithinDays: '30' }, 'USD')).toEqual({
    ok: true,
    data: { paymentTiming: 'after_acceptance', paymentHoldHours: 72, cancellationDeadline: null, cancellationFeeMinor: 10000, refundWithinDays: 30 },
  });
  const bad = readCoursePolicy({ paymentTiming: 'whenever', paymentHoldHours: '0', cancellationDeadline: '2025-02-30', cancellationFee: '12,50', refundWithinDays: '-1' }, 'USD');
  expect(bad).toEqual({
    ok: false,
    errors: {
      paymentTiming: { code: 'INVALID_CHOICE' },
      paymentHoldHours: { code: 'WHOLE_NUMBER', values: { min: 1, max: 720 } },
      cancellationDeadline: { code: 'DATE_NOT_REAL' },
      cancellationFee: { code: 'AMOUNT_FORMAT' },
      refundWithinDays: { code: 'WHOLE_NUMBER', values: { min: 0, max: 365 } },
    },
  });
});

test('course policy: a deadline that is not a real date is a problem, never "no deadline"', () => {
  const base = { paymentTiming: 'after_acceptance', paymentHoldHours: '72', cancellationFee: '100', refundWithinDays: '30' };
  for (const deadline of ['2025-02-30', '2027-13-01', '2026-04-31']) {
    expect(readCoursePolicy({ ...base, cancellationDeadline: deadline }, 'USD')).toEqual({ ok: false, errors: { cancellationDeadline: { code: 'DATE_NOT_REAL' } } });
  }
  expect(readCoursePolicy({ ...base, cancellationDeadline: 'next May' }, 'USD')).toEqual({ ok: false, errors: { cancellationDeadline: { code: 'DATE_FORMAT' } } });
  expect(readCoursePolicy({ ...base, cancellationDeadline: '   ' }, 'USD')).toMatchObject({ ok: true, data: { cancellationDeadline: null } });
  expect(readCoursePolicy({ ...base, cancellationDeadline: '2028-02-29' }, 'USD')).toMatchObject({ ok: true, data: { cancellationDeadline: '2028-02-29' } });
});
