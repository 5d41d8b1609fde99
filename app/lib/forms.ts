// One Zod schema per form: parsed in the browser for instant feedback and in the action for
// the real check. Zod issues become catalog messages here, in one place.
import type { z } from 'zod';
import { t } from '#lib/i18n.ts';

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string>;

export type ParsedForm<T> = { ok: true; data: T; values: FormValues } | { ok: false; errors: FieldErrors; values: FormValues };

function message(issue: z.core.$ZodIssue, values: FormValues): string {
  const field = String(issue.path[0] ?? '');
  const empty = (values[field] ?? '').trim() === '';
  switch (issue.code) {
    case 'invalid_type':
      return t('form.required');
    case 'too_small':
      if (empty) return t('form.required');
      return t('form.tooShort', { min: Number(issue.minimum) });
    case 'too_big':
      return t('form.tooLong', { max: Number(issue.maximum) });
    case 'invalid_format':
      return issue.format === 'email' ? t('form.invalidEmail') : t('form.required');
    default:
      return issue.message;
  }
}

// Control characters other than tab and newlines cannot be typed and cannot all be stored
// (PostgreSQL refuses NUL in text): they are dropped before validation.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function formValues(formData: FormData): FormValues {
  const values: FormValues = {};
  for (const [key, value] of formData.entries()) if (typeof value === 'string') values[key] = value.replace(CONTROL, '');
  return values;
}

export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): ParsedForm<z.output<S>> {
  const values = formValues(formData);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data, values };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? '_form');
    errors[key] ??= message(issue, values);
  }
  return { ok: false, errors, values };
}
