// The events-and-news form's one schema (browser and action). An event has a first day, an
// optional last day on or after it, and a place; a news item has its date.
import { z } from 'zod';
import type { EntryKind } from '#db/schema/content.ts';
import { isCalendarDate } from '#lib/dates.ts';
import { t } from '#lib/i18n.ts';
import { MAX_BODY_LENGTH } from './page-form.ts';

export const ENTRY_KINDS: readonly EntryKind[] = ['event', 'news'];

export const entryFormSchema = z
  .object({
    kind: z.enum(ENTRY_KINDS as [EntryKind, ...EntryKind[]]),
    title: z.string().trim().min(1).max(200),
    startsOn: z
      .string()
      .trim()
      .min(1)
      .refine(isCalendarDate, { message: t('siteEntries.dateInvalid') }),
    endsOn: z
      .string()
      .trim()
      .refine((v) => v === '' || isCalendarDate(v), { message: t('siteEntries.dateInvalid') }),
    place: z.string().trim().max(200),
    summary: z.string().trim().max(500),
    body: z.string().max(MAX_BODY_LENGTH),
    published: z
      .string()
      .optional()
      .transform((v) => v === 'on'),
  })
  .superRefine((v, ctx) => {
    if (v.endsOn && isCalendarDate(v.startsOn) && v.endsOn < v.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: t('siteEntries.endsBeforeStart') });
  });

export type EntryForm = z.output<typeof entryFormSchema>;
