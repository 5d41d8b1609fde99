// The session form's schema, shared by the browser (instant feedback) and the action. What it
// cannot know here (the course's dates and zone, other sessions) the domain checks:
// domain/schedule/rules.ts.
import { z } from 'zod';
import { SESSION_KIND_CHOICES } from '#domain/schedule/kinds.ts';
import { dateProblem } from '#lib/dates.ts';
import { t } from '#lib/i18n.ts';

/** Credit fields are `credit0`, `credit1`, … in the order of the course's accrediting bodies. */
export const MAX_BODIES = 6;
export const creditField = (index: number) => `credit${index}`;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const time = z
  .string()
  .trim()
  .min(1)
  .refine((v) => TIME.test(v), { message: t('scheduleErrors.timeFormat') });

const credit = z
  .string()
  .trim()
  .default('')
  .refine((v) => v === '' || /^\d{1,4}$/.test(v), { message: t('scheduleErrors.creditInvalid') });

export const sessionSchema = z
  .object({
    kind: z.enum(SESSION_KIND_CHOICES, { message: t('form.invalidChoice') }),
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(2000).default(''),
    date: z
      .string()
      .trim()
      .min(1)
      .superRefine((v, ctx) => {
        const problem = dateProblem(v);
        if (problem) ctx.addIssue({ code: 'custom', message: t(problem === 'DATE_FORMAT' ? 'form.dateFormat' : 'form.dateNotReal') });
      }),
    startTime: time,
    endTime: time,
    room: z.string().trim().max(200).default(''),
    onlineUrl: z
      .string()
      .trim()
      .max(500)
      .default('')
      .refine((v) => v === '' || /^https:\/\/[^\s]+$/.test(v), { message: t('scheduleErrors.onlineUrl') }),
    isPublic: z.string().optional(),
    ...Object.fromEntries(Array.from({ length: MAX_BODIES }, (_, i) => [creditField(i), credit])),
  })
  .superRefine((v, ctx) => {
    // Same-day times as HH:MM compare as text; the domain checks the instants too (DST).
    if (TIME.test(v.startTime) && TIME.test(v.endTime) && v.endTime <= v.startTime) {
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: t('scheduleErrors.endsBeforeStart') });
    }
  });

export type SessionFormData = z.output<typeof sessionSchema>;

export const copyDaySchema = z.object({
  fromDate: z.string().trim().min(1),
  toDate: z.string().trim().min(1),
});

export const copyScheduleSchema = z.object({ sourceCourseId: z.string().trim().min(1) });
