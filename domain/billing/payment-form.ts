// The "record a payment" form, read into a payment or per-field problem codes. Pure: the
// route shows the problems next to their fields; nothing a person can type reaches the
// database unchecked.
import { RECORDABLE_METHODS_LIST, type RecordableMethodName } from './methods.ts';
import { parseAmount } from '#lib/money.ts';
import { dateProblem } from '#lib/dates.ts';
import { UUID_PATTERN } from '#lib/ids.ts';

export interface PaymentFormData {
  amountMinor: number;
  receivedOn: string;
  method: RecordableMethodName;
  reference: string;
  checkoutId: string | null;
}

export type FieldProblems = Record<string, string>;


export function readPaymentForm(
  values: Record<string, string>,
  currency: string,
  today: string,
  options: { amountRequired?: boolean } = {},
): { ok: true; data: PaymentFormData } | { ok: false; errors: FieldProblems } {
  const errors: FieldProblems = {};
  let amountMinor = 0;
  if (options.amountRequired !== false) {
    const amount = parseAmount(values.amount ?? '', currency);
    if (amount.ok) amountMinor = amount.minor;
    else errors.amount = amount.problem;
  }
  const receivedOn = (values.receivedOn ?? '').trim();
  if (receivedOn === '') errors.receivedOn = 'REQUIRED';
  else if (dateProblem(receivedOn)) errors.receivedOn = dateProblem(receivedOn)!;
  else if (receivedOn > today) errors.receivedOn = 'RECEIVED_IN_FUTURE';
  const method = (values.method ?? '').trim();
  if (!(RECORDABLE_METHODS_LIST as readonly string[]).includes(method)) errors.method = method ? 'INVALID_CHOICE' : 'REQUIRED';
  const reference = (values.reference ?? '').trim();
  if (reference.length > 200) errors.reference = 'REFERENCE_TOO_LONG';
  const checkout = (values.checkoutId ?? '').trim();
  if (checkout !== '' && !UUID_PATTERN.test(checkout)) errors.checkoutId = 'INVALID_CHOICE';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, data: { amountMinor, receivedOn, method: method as RecordableMethodName, reference, checkoutId: checkout || null } };
}
