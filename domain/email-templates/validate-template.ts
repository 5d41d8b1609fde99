// What an organization may save as a template: a one-line subject and a body, each using only
// the placeholders its message kind offers. Problems are per field, for the form's error summary.
import type { EmailTemplateDefinition } from './registry.ts';
import { hasBrokenPlaceholder, placeholdersIn } from './render.ts';

export const SUBJECT_MAX = 200;
export const BODY_MAX = 5000;

export type TemplateProblem =
  | { problem: 'required' }
  | { problem: 'too_long'; max: number }
  | { problem: 'line_break' }
  | { problem: 'broken_placeholder' }
  | { problem: 'unknown_placeholder'; names: string[] };

export type TemplateField = 'subject' | 'body';

export function validateTemplate(definition: EmailTemplateDefinition, input: { subject: string; body: string }): Partial<Record<TemplateField, TemplateProblem>> {
  const problems: Partial<Record<TemplateField, TemplateProblem>> = {};
  const check = (field: TemplateField, value: string, max: number) => {
    if (!value.trim()) return { problem: 'required' } as const;
    if (value.length > max) return { problem: 'too_long', max } as const;
    if (field === 'subject' && /[\r\n]/.test(value)) return { problem: 'line_break' } as const;
    const unknown = placeholdersIn(value).filter((name) => !definition.placeholders.includes(name));
    if (unknown.length > 0) return { problem: 'unknown_placeholder', names: unknown } as const;
    if (hasBrokenPlaceholder(value)) return { problem: 'broken_placeholder' } as const;
    return undefined;
  };
  const subject = check('subject', input.subject, SUBJECT_MAX);
  if (subject) problems.subject = subject;
  const body = check('body', input.body, BODY_MAX);
  if (body) problems.body = body;
  return problems;
}
