// The series form (create and edit), one Zod schema for the browser and the action. The price
// is typed in the organization's currency; dates are typed as text (ADR 0045).
import { z } from 'zod';
import { dateProblem } from '#lib/dates.ts';
import { t } from '#lib/i18n.ts';
import { amountMessage, parseAmount } from '#lib/money.ts';

export interface SeriesInput {
  title: string;
  firstSessionOn: string;
  sessionCount: number;
  priceMinor: number;
  minimum: number;
  maximum: number;
  closesAfterSession: number;
  decideBy: string;
}

const date = z
  .string()
  .trim()
  .default('')
  .superRefine((v, ctx) => {
    if (v === '') ctx.addIssue({ code: 'custom', message: t('seriesForm.dateRequired') });
    else if (dateProblem(v)) ctx.addIssue({ code: 'custom', message: t('seriesForm.dateNotReal') });
  });

const whole = z
  .string()
  .trim()
  .default('')
  .refine((v) => /^\d{1,4}$/.test(v), { message: t('seriesForm.wholeNumber') })
  .transform(Number);

export function seriesSchema(currency: string) {
  return z
    .object({
      listingId: z.uuid(),
      title: z.string().trim().min(1, t('seriesForm.titleRequired')).max(200),
      firstSessionOn: date,
      sessionCount: whole,
      price: z.string().trim().default(''),
      minimum: whole,
      maximum: whole,
      closesAfterSession: whole,
      decideBy: date,
    })
    .superRefine((v, ctx) => {
      const price = parseAmount(v.price === '' ? '0' : v.price, currency, { allowZero: true });
      if (!price.ok) ctx.addIssue({ code: 'custom', path: ['price'], message: amountMessage(price.problem, currency) });
      if (v.sessionCount < 1 || v.sessionCount > 52) ctx.addIssue({ code: 'custom', path: ['sessionCount'], message: t('seriesForm.sessionRange') });
      if (v.minimum < 1) ctx.addIssue({ code: 'custom', path: ['minimum'], message: t('seriesForm.minimumRange') });
      if (v.maximum < v.minimum || v.maximum > 200) ctx.addIssue({ code: 'custom', path: ['maximum'], message: t('seriesForm.maximumRange') });
      if (v.closesAfterSession < 1 || v.closesAfterSession > v.sessionCount) ctx.addIssue({ code: 'custom', path: ['closesAfterSession'], message: t('seriesForm.closesRange') });
      if (!dateProblem(v.decideBy) && !dateProblem(v.firstSessionOn) && v.decideBy > v.firstSessionOn) ctx.addIssue({ code: 'custom', path: ['decideBy'], message: t('seriesForm.decideByAfterStart') });
    })
    .transform((v): SeriesInput & { listingId: string } => {
      const price = parseAmount(v.price === '' ? '0' : v.price, currency, { allowZero: true });
      return {
        listingId: v.listingId,
        title: v.title,
        firstSessionOn: v.firstSessionOn,
        sessionCount: v.sessionCount,
        priceMinor: price.ok ? price.minor : 0,
        minimum: v.minimum,
        maximum: v.maximum,
        closesAfterSession: v.closesAfterSession,
        decideBy: v.decideBy,
      };
    });
}

/** The public sign-up form: a visitor gives a name and email; a paid series is paid by card or invoice. */
export const signUpSchema = z.object({
  intent: z.enum(['signup', 'pay']),
  name: z.string().trim().min(1, t('seriesSignUp.nameRequired')).max(200),
  email: z.email({ message: t('seriesSignUp.emailInvalid') }).max(320),
  method: z.enum(['card', 'invoice']).optional(),
});
