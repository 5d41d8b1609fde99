// The message form's schema, shared by the browser (instant feedback) and the action: subject
// and text with only known placeholders, and a schedule relative to the course's dates.
import { z } from 'zod';
import { MAX_OFFSET_DAYS } from '#domain/messages/schedule.ts';
import { PLACEHOLDERS, placeholderProblems } from '#domain/messages/placeholders.ts';
import { t } from '#lib/i18n.ts';

export const placeholderList = () => PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ');

function checkPlaceholders(value: string, ctx: z.RefinementCtx) {
  const problems = placeholderProblems(value);
  const unknown = problems.flatMap((p) => (p.kind === 'unknown' ? [`{{${p.name}}}`] : []));
  if (unknown.length > 0) ctx.addIssue({ code: 'custom', message: t('courseMessages.unknownPlaceholder', { names: unknown.join(', '), list: placeholderList() }) });
  else if (problems.length > 0) ctx.addIssue({ code: 'custom', message: t('courseMessages.unclosedPlaceholder', { example: '{{first_name}}' }) });
}

export const draftSchema = z.object({
  subject: z.string().trim().min(1).max(200).superRefine(checkPlaceholders),
  body: z.string().trim().min(1).max(10_000).superRefine(checkPlaceholders),
  previewRegistrationId: z.string().trim().default(''),
});

export const scheduleSchema = draftSchema.extend({
  offsetDays: z.coerce.number({ message: t('form.required') }).int().min(0).max(MAX_OFFSET_DAYS),
  direction: z.enum(['before', 'after']),
  anchor: z.enum(['starts_on', 'ends_on']),
  localTime: z
    .string()
    .trim()
    .refine((v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v), { message: t('courseMessages.localTimeInvalid') }),
});

export const replyToSchema = z.object({
  replyTo: z.union([z.literal(''), z.email().max(200)]),
});
