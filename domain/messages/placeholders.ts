// The placeholders a course message may use, checked when it is written and filled in for
// each recipient when it is handed to the outbox. Pure: the preview, the test send and the job
// render the same way.
import { hasBrokenPlaceholder, placeholdersIn, renderPlaceholders as renderTemplatePlaceholders } from '#domain/email-templates/render.ts';

export const PLACEHOLDERS = ['name', 'first_name', 'amount_due', 'course_title', 'course_dates', 'course_link', 'registration_link'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Record<Placeholder, string>;

export type PlaceholderProblem = { kind: 'unknown'; name: string } | { kind: 'unclosed' };

/**
 * What is wrong with a text's placeholders: unknown names (each once, in order), or braces that
 * do not make a placeholder (`{{name`, `}}`, `{{}}`). The syntax and its reading are the email
 * templates' (ADR 0069), so staff meet one placeholder language across Balint Hub.
 */
export function placeholderProblems(text: string): PlaceholderProblem[] {
  const problems: PlaceholderProblem[] = placeholdersIn(text)
    .filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name))
    .map((name) => ({ kind: 'unknown', name }));
  if (hasBrokenPlaceholder(text)) problems.push({ kind: 'unclosed' });
  return problems;
}

/** The text with every placeholder replaced; call only on a text without problems. */
export function renderPlaceholders(text: string, values: PlaceholderValues): string {
  return renderTemplatePlaceholders(text, values);
}

/** The first name as people write it: the first word of the name (the whole name when one word). */
export function firstName(name: string): string {
  const trimmed = name.trim();
  return trimmed.split(/\s+/)[0] ?? trimmed;
}
