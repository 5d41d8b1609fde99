// The tracker's "record as paid" form, shared by the browser and the action.
import { z } from 'zod';
import { PAYMENT_METHODS, type PaymentMethod } from '#db/schema/money.ts';
import { isCalendarDate } from '#lib/dates.ts';
import { t } from '#lib/i18n.ts';

// The date is typed as text (a date input sends an impossible date such as 2025-02-30 as empty):
// an impossible date is said to be one, and the typed value is shown again.
export const recordSchema = z.object({
  intent: z.literal('record'),
  refundId: z.uuid(),
  method: z.enum(PAYMENT_METHODS, { message: t('refundsTracker.methodRequired') }),
  paidOn: z
    .string()
    .trim()
    .default('')
    .superRefine((v, ctx) => {
      if (v === '') ctx.addIssue({ code: 'custom', message: t('refundsTracker.paidOnRequired') });
      else if (!isCalendarDate(v)) ctx.addIssue({ code: 'custom', message: t('refundsTracker.paidOnNotADate') });
    }),
  reference: z.string().trim().max(200).default(''),
});

const MANUAL_METHODS: readonly PaymentMethod[] = ['check', 'bank_transfer', 'cash', 'other'];

/** How staff may say a refund went out: by card only when card payments are on. */
export function refundMethods(cardEnabled: boolean): readonly PaymentMethod[] {
  return cardEnabled ? [...MANUAL_METHODS, 'card'] : MANUAL_METHODS;
}
