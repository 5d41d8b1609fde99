import { expect, test } from 'vitest';
import { readPaymentForm } from './payment-form.ts';

const good = { amount: '975.00', receivedOn: '2025-02-01', method: 'check', reference: '#1042', checkoutId: '' };

test('a well-filled form becomes a payment', () => {
  expect(readPaymentForm(good, 'USD', '2025-02-01')).toEqual({
    ok: true,
    data: { amountMinor: 97500, receivedOn: '2025-02-01', method: 'check', reference: '#1042', checkoutId: null },
  });
});

test.each([
  [{ amount: '12,50' }, { amount: 'AMOUNT_FORMAT' }],
  [{ amount: '-5' }, { amount: 'AMOUNT_NOT_POSITIVE' }],
  [{ amount: '975.505' }, { amount: 'AMOUNT_DECIMALS' }],
  [{ amount: '1e9' }, { amount: 'AMOUNT_FORMAT' }],
  [{ amount: '' }, { amount: 'REQUIRED' }],
  [{ amount: '0' }, { amount: 'AMOUNT_NOT_POSITIVE' }],
  [{ amount: '99999999' }, { amount: 'AMOUNT_TOO_LARGE' }],
  [{ receivedOn: '2025-02-02' }, { receivedOn: 'RECEIVED_IN_FUTURE' }],
  [{ receivedOn: '2025-02-30' }, { receivedOn: 'DATE_NOT_REAL' }],
  [{ receivedOn: '2024-13-01' }, { receivedOn: 'DATE_NOT_REAL' }],
  [{ receivedOn: '1/2/2025' }, { receivedOn: 'DATE_FORMAT' }],
  [{ receivedOn: '' }, { receivedOn: 'REQUIRED' }],
  [{ method: 'card' }, { method: 'INVALID_CHOICE' }],
  [{ method: '' }, { method: 'REQUIRED' }],
  [{ reference: 'x'.repeat(201) }, { reference: 'REFERENCE_TOO_LONG' }],
  [{ checkoutId: "1' or 1=1" }, { checkoutId: 'INVALID_CHOICE' }],
])('%j → %j', (change, errors) => {
  expect(readPaymentForm({ ...good, ...change }, 'USD', '2025-02-01')).toEqual({ ok: false, errors });
});

test('the amount is read in the currency of the registration: yen have no decimals', () => {
  expect(readPaymentForm({ ...good, amount: '120000' }, 'JPY', '2025-02-01')).toMatchObject({ ok: true, data: { amountMinor: 120_000 } });
  expect(readPaymentForm({ ...good, amount: '975.00' }, 'JPY', '2025-02-01')).toEqual({ ok: false, errors: { amount: 'AMOUNT_DECIMALS' } });
  expect(readPaymentForm({ ...good, amount: '975.500' }, 'KWD', '2025-02-01')).toMatchObject({ ok: true, data: { amountMinor: 975_500 } });
});
