// Applications as CSV (RFC 4180) for the directors' spreadsheets. Cells that a spreadsheet
// would run as a formula are neutralized with a leading apostrophe.
import type { Registration } from './place-registration.server.ts';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: formula-neutralized, quoted when needed, quotes doubled. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  if (/[",\r\n]/.test(text) || text !== text.trim()) return `"${text.replace(/"/g, '""')}"`;
  return text;
}

/** Rows joined with CRLF, as RFC 4180 asks; ends with a line break. */
export function toCsv(rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export const EXPORT_COLUMNS = [
  'submittedAt',
  'status',
  'name',
  'email',
  'category',
  'tier',
  'amountDue',
  'currency',
  'membershipCheck',
  'discipline',
  'credentials',
  'institution',
  'clinicallyActive',
  'willingToPresent',
  'dietaryNeeds',
  'accessibilityNeeds',
  'decisionMessage',
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

function decimal(amountMinor: number): string {
  const sign = amountMinor < 0 ? '-' : '';
  const abs = Math.abs(amountMinor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * The export: a header row (labels from the caller's catalog), one row per application, then
 * one column per custom question.
 */
export function applicationsCsv(
  applications: readonly Registration[],
  headers: Record<ExportColumn, string>,
  customQuestions: readonly { key: string; label: string }[] = [],
): string {
  const header = [...EXPORT_COLUMNS.map((c) => headers[c]), ...customQuestions.map((q) => q.label)];
  const rows = applications.map((r) => [
    r.submittedAt.toISOString(),
    r.status,
    r.name,
    r.email,
    r.policy.categoryLabel || r.categoryKey,
    r.tier,
    // Never negative: a category change can lower what is due, not below zero.
    decimal(r.amountMinor + r.balanceAdjustmentMinor),
    r.currency,
    r.membershipCheck,
    r.answers.discipline,
    r.answers.credentials,
    r.answers.institution,
    r.answers.clinicallyActive ? 'yes' : 'no',
    r.answers.willingToPresent ? 'yes' : 'no',
    r.answers.dietaryNeeds,
    r.answers.accessibilityNeeds,
    r.decisionMessage ?? '',
    ...customQuestions.map((q) => r.answers.custom?.[q.key] ?? ''),
  ]);
  return toCsv([header, ...rows]);
}
