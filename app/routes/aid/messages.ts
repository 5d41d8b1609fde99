// Aid error codes as words, with the amounts some of them name.
import { errorMessage, fieldMessage } from '#app/lib/error-messages.ts';
import { AID_ERRORS } from '#domain/aid/error-codes.ts';
import type { DomainError } from '#domain/errors.ts';
import { t } from '#lib/i18n.ts';
import { amountMessage, formatMoney, parseAmount } from '#lib/money.ts';

export function aidMessage(code: string, values: Record<string, string> = {}): string {
  if (code in AID_ERRORS) return t(AID_ERRORS[code as keyof typeof AID_ERRORS], values);
  return fieldMessage(code);
}

/** The alert and the per-field messages of a refused request. */
export function aidProblem(error: DomainError, values: Record<string, string> = {}) {
  const errors = Object.fromEntries(Object.entries(error.fields).map(([field, code]) => [field, aidMessage(code, values)]));
  const alert = error.code in AID_ERRORS ? aidMessage(error.code, values) : errorMessage(error.code);
  return { errors, alert: Object.keys(errors).length > 0 ? t('form.fixErrors') : alert };
}

export type AmountUse = 'request' | 'award' | 'max';

/** A typed aid amount read by the money module, and what is wrong with it in words (undefined: fine). */
export function aidAmountError(text: string, currency: string, use: AmountUse, maxMinor?: number): string | undefined {
  const amount = parseAmount(text, currency);
  const max = maxMinor === undefined ? undefined : formatMoney(maxMinor, currency);
  if (amount.ok) return max !== undefined && amount.minor > maxMinor! ? t('aidAmount.overMax', { max }) : undefined;
  switch (amount.problem) {
    case 'REQUIRED':
      return t(`aidAmount.required_${use}`);
    case 'AMOUNT_NOT_POSITIVE':
      return t(`aidAmount.notPositive_${use}`);
    case 'AMOUNT_TOO_LARGE':
      return max !== undefined ? t('aidAmount.overMax', { max }) : amountMessage(amount.problem, currency);
    default:
      return amountMessage(amount.problem, currency);
  }
}

/** The minor units of an amount aidAmountError accepted. */
export function aidAmountMinor(text: string, currency: string): number {
  const amount = parseAmount(text, currency);
  if (!amount.ok) throw new Error('aidAmountMinor: the amount was not checked');
  return amount.minor;
}
