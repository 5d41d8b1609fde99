// The listing form (issue 14), one schema for the browser and the server: what a leader says
// about their group. Professions arrive as one checkbox each (`profession.<name>`), co-leaders
// as their account's email address, one per line.
import { z } from 'zod';
import { ENROLLMENT_STATUSES, LISTING_CADENCES, LISTING_FORMATS, PROFESSIONS, type Profession } from '#db/schema/directory.ts';
import { isCalendarDate } from '#lib/dates.ts';
import { parseAmount } from '#lib/money.ts';
import { t } from '#lib/i18n.ts';
import { TIME_ZONES } from './time-zones.ts';

export const WEEKS_OF_MONTH = ['1', '2', '3', '4', '-1'] as const;
const EMAIL = z.email();

const text = (max: number) => z.string().trim().max(max);
const required = (max: number) => z.string().trim().min(1).max(max);

export const listingSchema = z
  .object({
    title: required(120),
    description: text(4000).default(''),
    format: z.enum(LISTING_FORMATS, { error: t('form.invalidChoice') }),
    rotatingLeader: z.literal('yes').optional(),
    ...Object.fromEntries(PROFESSIONS.map((p) => [`profession.${p}`, z.literal('yes').optional()])),
    cadence: z.enum(LISTING_CADENCES, { error: t('form.invalidChoice') }),
    weekday: z.coerce.number({ error: t('form.invalidChoice') }).int().min(1, t('form.invalidChoice')).max(7, t('form.invalidChoice')),
    weekOfMonth: z.enum(['', ...WEEKS_OF_MONTH]).default(''),
    startTime: z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, t('directory.form.timeFormat')),
    durationMinutes: z.coerce.number({ error: t('directory.form.durationRange') }).int(t('directory.form.durationRange')).min(15, t('directory.form.durationRange')).max(720, t('directory.form.durationRange')),
    timeZone: z.enum(TIME_ZONES, { error: t('form.invalidChoice') }),
    startsOn: z.string().trim().refine(isCalendarDate, t('directory.form.dateFormat')),
    placeName: text(200).default(''),
    city: text(100).default(''),
    region: text(100).default(''),
    postcode: text(12).default(''),
    country: text(60).default(''),
    cost: z
      .string()
      .trim()
      .regex(/^(\d{1,6}(\.\d{1,2})?)?$/, t('directory.form.costFormat'))
      .default(''),
    costNote: text(200).default(''),
    enrollment: z.enum(ENROLLMENT_STATUSES, { error: t('form.invalidChoice') }),
    howToJoin: required(2000),
    coLeaders: text(2000).default(''),
  })
  .superRefine((v, ctx) => {
    if (v.cadence === 'monthly' && v.weekOfMonth === '') ctx.addIssue({ code: 'custom', path: ['weekOfMonth'], message: t('directory.form.weekOfMonthRequired') });
    if (v.format !== 'online' && v.city === '') ctx.addIssue({ code: 'custom', path: ['city'], message: t('directory.form.cityRequired') });
    for (const line of coLeaderEmails(v.coLeaders)) {
      if (!EMAIL.safeParse(line).success) {
        ctx.addIssue({ code: 'custom', path: ['coLeaders'], message: t('directory.form.coLeaderEmail', { email: line }) });
        break;
      }
    }
  });

export type ListingFormValues = z.output<typeof listingSchema>;

export function coLeaderEmails(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

export function professionsOf(values: Record<string, unknown>): Profession[] {
  return PROFESSIONS.filter((p) => values[`profession.${p}`] === 'yes');
}

/** The cost typed ("12.50") in the organization's currency's minor units; '' → null (free, or ask the leader). */
export function costMinor(cost: string, currency: string): number | null {
  if (!cost) return null;
  const parsed = parseAmount(cost, currency, { allowZero: true });
  return parsed.ok ? parsed.minor : null;
}
