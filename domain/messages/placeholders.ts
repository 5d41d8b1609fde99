// The placeholders a course message may use, checked when it is written and filled in for
// each recipient when it is handed to the outbox. Pure: the preview, the test send and the job
// render the same way.

export const PLACEHOLDERS = ['name', 'first_name', 'amount_due', 'course_title', 'course_dates', 'course_link', 'registration_link'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Record<Placeholder, string>;

const TOKEN = /\{\{\s*([^{}]*?)\s*\}\}/g;

export type PlaceholderProblem = { kind: 'unknown'; name: string } | { kind: 'unclosed' };

/** What is wrong with a text's placeholders: unknown names (each once, in order), or a `{{` never closed. */
export function placeholderProblems(text: string): PlaceholderProblem[] {
  const problems: PlaceholderProblem[] = [];
  const seen = new Set<string>();
  for (const match of text.matchAll(TOKEN)) {
    const name = match[1] ?? '';
    if (!(PLACEHOLDERS as readonly string[]).includes(name) && !seen.has(name)) {
      seen.add(name);
      problems.push({ kind: 'unknown', name });
    }
  }
  // What is left once every well-formed token is removed must hold no braces pair opener.
  const rest = text.replace(TOKEN, '');
  if (rest.includes('{{') || rest.includes('}}')) problems.push({ kind: 'unclosed' });
  return problems;
}

/** The text with every known placeholder replaced; call only on a text without problems. */
export function renderPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(TOKEN, (whole, name: string) => ((PLACEHOLDERS as readonly string[]).includes(name) ? values[name as Placeholder] : whole));
}

/** The first name as people write it: the first word of the name (the whole name when one word). */
export function firstName(name: string): string {
  const trimmed = name.trim();
  return trimmed.split(/\s+/)[0] ?? trimmed;
}
