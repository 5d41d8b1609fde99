// The inbox's staff forms (status, assignee, note, reply), shared by the browser and the action.
import { z } from 'zod';
import { INQUIRY_STATUSES } from '#db/schema/inquiries.ts';
import { t } from '#lib/i18n.ts';

export const statusSchema = z.object({ intent: z.literal('status'), status: z.enum(INQUIRY_STATUSES, { error: () => t('form.invalidChoice') }) });
export const assignSchema = z.object({ intent: z.literal('assign'), assigneeUserId: z.string().trim().max(100).default('') });
export const noteSchema = z.object({ intent: z.literal('note'), note: z.string().trim().min(1).max(5000) });
export const replySchema = z.object({ intent: z.literal('reply'), reply: z.string().trim().min(1).max(10_000) });
