import { describe, expect, test } from 'vitest';
import { parseForm } from '#app/lib/forms.ts';
import { t } from '#lib/i18n.ts';
import { recordSchema, refundMethods } from './record-paid-form.ts';

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries({ intent: 'record', refundId: '6f1c1b1e-1a2b-4c3d-8e9f-0a1b2c3d4e5f', method: 'check', reference: '', ...fields })) data.set(k, v);
  return parseForm(recordSchema, data);
};

describe('recording a refund as paid', () => {
  test('an impossible date is said to be one (not "required")', () => {
    for (const paidOn of ['2025-02-30', '2027-13-01', '25-02-2025']) {
      const parsed = form({ paidOn });
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.errors.paidOn).toBe('This is not a real date. Enter the date the refund was paid as YYYY-MM-DD, such as 2025-02-25.');
    }
  });
  test('an empty date asks for one; a real date passes', () => {
    const empty = form({ paidOn: '' });
    expect(!empty.ok && empty.errors.paidOn).toBe('Enter the date the refund was paid, such as 2025-02-25.');
    const ok = form({ paidOn: '2024-02-29' });
    expect(ok.ok && ok.data.paidOn).toBe('2024-02-29');
  });
  test('no method chosen is said plainly', () => {
    const parsed = form({ paidOn: '2025-02-25', method: '' });
    expect(!parsed.ok && parsed.errors.method).toBe('Choose how the refund was paid.');
  });
  test('"card" is offered only when card payments are on', () => {
    expect(refundMethods(false)).not.toContain('card');
    expect(refundMethods(true)).toContain('card');
  });
  test('the tracker counts refunds with a plural', () => {
    expect(t('refundsTracker.summary', { count: 1, total: '$800' })).toBe('1 refund, $800');
    expect(t('refundsTracker.summary', { count: 2, total: '$750' })).toBe('2 refunds, $750');
  });
  test('the cancel-course counts use plurals', () => {
    const counts = (holding: number, waitlisted: number) =>
      t('refundsCourse.counts', { holding: t('refundsCourse.holding', { count: holding }), waitlisted: t('refundsCourse.waitlisted', { count: waitlisted }), paid: '$0' });
    expect(counts(1, 1)).toBe('1 registration holds a place, 1 is on the waitlist; $0 has been paid in total.');
    expect(counts(2, 0)).toBe('2 registrations hold a place, 0 are on the waitlist; $0 has been paid in total.');
  });
});
