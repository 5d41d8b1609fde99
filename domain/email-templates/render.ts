// Placeholders in an email template: `{{name}}`, letters, digits and underscores, spaces
// allowed inside the braces. The same syntax as the message catalog, so a default template is
// the catalog's sentence as written.
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

export type TemplateValues = Record<string, string | number | null | undefined>;

/** The placeholder names a template uses, in order of first use. */
export function placeholdersIn(template: string): string[] {
  const names: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) if (!names.includes(match[1]!)) names.push(match[1]!);
  return names;
}

/** A placeholder without a value renders as nothing (never as its own braces). */
export function renderPlaceholders(template: string, values: TemplateValues): string {
  return template.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = values[name];
    return value === null || value === undefined ? '' : String(value);
  });
}

/** Paragraphs of a body: separated by a blank line, trimmed, empty ones dropped. */
export function splitParagraphs(body: string): string[] {
  return body
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** Braces that open a placeholder but do not close one (`{{course`), which would be sent as typed. */
export function hasBrokenPlaceholder(template: string): boolean {
  return template.replace(PLACEHOLDER, '').includes('{{') || template.replace(PLACEHOLDER, '').includes('}}');
}
