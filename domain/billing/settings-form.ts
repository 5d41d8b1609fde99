// The money settings forms read into values or per-field problems (pure).
import type { PaymentTiming } from '#db/schema/courses.ts';
import { parseAmount } from '#lib/money.ts';
import { dateProblem } from '#lib/dates.ts';
import type { CourseMoneyPolicy, OrganizationMoneySettings } from './settings.server.ts';

export type Problem = { code: string; values?: Record<string, number> };

function wholeNumber(text: string | undefined, min: number, max: number): number | Problem {
  const value = (text ?? '').trim();
  if (value === '') return { code: 'REQUIRED' };
  if (!/^\d{1,6}$/.test(value) || Number(value) < min || Number(value) > max) return { code: 'WHOLE_NUMBER', values: { min, max } };
  return Number(value);
}

function text(value: string | undefined, max: number): string | Problem {
  const trimmed = (value ?? '').trim();
  return trimmed.length > max ? { code: 'TEXT_TOO_LONG', values: { max } } : trimmed;
}

const isProblem = (v: unknown): v is Problem => typeof v === 'object' && v !== null && 'code' in v;

export function readOrganizationSettings(values: Record<string, string>): { ok: true; data: OrganizationMoneySettings } | { ok: false; errors: Record<string, Problem> } {
  const fields = {
    postalAddress: text(values.postalAddress, 500),
    paymentInstructions: text(values.paymentInstructions, 2000),
    invoiceDueDays: wholeNumber(values.invoiceDueDays, 0, 365),
    giftReceiptStatement: text(values.giftReceiptStatement, 1000),
  };
  const errors = Object.fromEntries(Object.entries(fields).filter(([, v]) => isProblem(v))) as Record<string, Problem>;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, data: fields as OrganizationMoneySettings };
}

export function readCoursePolicy(values: Record<string, string>, currency: string): { ok: true; data: CourseMoneyPolicy } | { ok: false; errors: Record<string, Problem> } {
  const errors: Record<string, Problem> = {};
  const timing = values.paymentTiming;
  if (timing !== 'at_application' && timing !== 'after_acceptance') errors.paymentTiming = { code: 'INVALID_CHOICE' };
  const hold = wholeNumber(values.paymentHoldHours, 1, 720);
  if (isProblem(hold)) errors.paymentHoldHours = hold;
  const deadline = (values.cancellationDeadline ?? '').trim();
  // Only a truly empty field means "no deadline"; a date that is not real is a problem, never empty.
  const deadlineProblem = deadline === '' ? null : dateProblem(deadline);
  if (deadlineProblem) errors.cancellationDeadline = { code: deadlineProblem };
  const fee = parseAmount(values.cancellationFee ?? '', currency, { allowZero: true });
  if (!fee.ok) errors.cancellationFee = { code: fee.problem };
  const days = wholeNumber(values.refundWithinDays, 0, 365);
  if (isProblem(days)) errors.refundWithinDays = days;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    data: {
      paymentTiming: timing as PaymentTiming,
      paymentHoldHours: hold as number,
      cancellationDeadline: deadline || null,
      cancellationFeeMinor: fee.ok ? fee.minor : 0,
      refundWithinDays: days as number,
    },
  };
}
