// The membership type form (staff), one Zod schema for the browser and the action. Dues are
// typed one line per currency ("USD 150.00"), each amount read by the one money parser.
import { z } from 'zod';
import { MEMBERSHIP_TERMS, PRO_RATING_RULES } from '#db/schema/membership.ts';
import { t } from '#lib/i18n.ts';
import { formatAmountInput, isCurrency, parseAmount } from '#lib/money.ts';

/** "USD 150.00\nCAD 200" → { USD: 15000, CAD: 20000 }; null when any line is not a currency and an amount. */
export function parseDues(text: string): Record<string, number> | null {
  const dues: Record<string, number> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    const match = /^([A-Za-z]{3})\s+(\S+)$/.exec(line);
    if (!match) return null;
    const currency = match[1]!.toUpperCase();
    if (!isCurrency(currency) || currency in dues) return null;
    const amount = parseAmount(match[2]!, currency, { allowZero: true });
    if (!amount.ok) return null;
    dues[currency] = amount.minor;
  }
  return dues;
}

export function formatDues(dues: Record<string, number>): string {
  return Object.entries(dues)
    .map(([currency, minor]) => `${currency} ${formatAmountInput(minor, currency)}`)
    .join('\n');
}

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === 'on');

export const membershipTypeSchema = z.object({
  key: z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => /^[a-z0-9][a-z0-9-]{1,39}$/.test(v), { message: t('membershipTypes.keyInvalid') }),
  name: z.string().trim().min(1).max(120),
  dues: z
    .string()
    .default('')
    .transform((v, ctx) => {
      const dues = parseDues(v);
      if (dues === null) {
        ctx.addIssue({ code: 'custom', message: t('membershipTypes.duesInvalid') });
        return z.NEVER;
      }
      return dues;
    }),
  term: z.enum(MEMBERSHIP_TERMS, { message: t('membershipTypes.required') }),
  proRating: z.enum(PRO_RATING_RULES, { message: t('membershipTypes.required') }),
  eligibility: z.string().trim().max(2000).default(''),
  benefits: z.string().trim().max(4000).default(''),
  grantsMemberPrices: checkbox,
  complimentary: checkbox,
  active: checkbox,
});

export type MembershipTypeInput = z.output<typeof membershipTypeSchema>;

export const graceSchema = z.object({
  graceDays: z
    .string()
    .trim()
    .refine((v) => /^\d{1,3}$/.test(v) && Number(v) <= 365, { message: t('membershipTypes.graceInvalid') })
    .transform(Number),
});
