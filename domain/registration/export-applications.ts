// Applications as CSV (RFC 4180) for the directors' spreadsheets. Cells that a spreadsheet
// would run as a formula are neutralized with a leading apostrophe.
import type { PriceTier } from '#db/schema/courses.ts';
import type { MembershipCheck, RegistrationStatus } from '#db/schema/registration.ts';
import { formatAmountInput } from '#lib/money.ts';
import { summarize, type AccountSummary } from '#domain/money/account.ts';
import type { Registration } from './place-registration.server.ts';

const FORMULA_START = /^[=+\-@\t\r]/;
/** A negative amount ("-120.00") starts with a minus but is a number, not a formula. */
const PLAIN_NEGATIVE = /^-\d+(\.\d+)?$/;

/** One CSV field: formula-neutralized, quoted when needed, quotes doubled. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text) && !PLAIN_NEGATIVE.test(text)) text = `'${text}`;
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
  'price',
  'amountDue',
  'paid',
  'balanceDue',
  'currency',
  'membershipCheck',
  'discipline',
  'credentials',
  'institution',
  'clinicallyActive',
  'willingToPresent',
  'trainingProgram',
  'dietaryNeeds',
  'accessibilityNeeds',
  'decisionMessage',
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/** The words of the export, from the caller's catalog: no status code reaches a spreadsheet. */
export interface ExportWords {
  headers: Record<ExportColumn, string>;
  status: (status: RegistrationStatus) => string;
  tier: (tier: PriceTier) => string;
  membershipCheck: (check: MembershipCheck) => string;
  yes: string;
  no: string;
}

export interface ExportContext {
  /** Each registration's account, summed from the ledger: the only record of what is owed and paid. */
  accounts: ReadonlyMap<string, AccountSummary>;
  /** Keys of the course's categories that ask for a training program (trainee rates). */
  traineeCategories: ReadonlySet<string>;
  customQuestions?: readonly { key: string; label: string }[];
}

/**
 * The export: a header row, one row per application, then one column per custom question.
 * Amounts are plain decimals in the currency's minor-unit digits, so a spreadsheet adds them
 * up: the price at submission, then from the ledger what is owed (charges less discounts, aid
 * and adjustments), what was paid (less refunds) and the balance (negative: owed back). The
 * training program is a column only when the course has a trainee category, and filled only
 * for applications in one.
 */
export function applicationsCsv(applications: readonly Registration[], words: ExportWords, context: ExportContext): string {
  const customQuestions = context.customQuestions ?? [];
  const columns = EXPORT_COLUMNS.filter((c) => c !== 'trainingProgram' || context.traineeCategories.size > 0);
  const header = [...columns.map((c) => words.headers[c]), ...customQuestions.map((q) => q.label)];
  const yesNo = (value: boolean) => (value ? words.yes : words.no);
  const rows = applications.map((r) => {
    const account = context.accounts.get(r.id) ?? summarize([]);
    const money = (minor: number) => formatAmountInput(minor, r.currency);
    const cells: Record<ExportColumn, string> = {
      submittedAt: r.submittedAt.toISOString(),
      status: words.status(r.status),
      name: r.name,
      email: r.email,
      category: r.policy.categoryLabel || r.categoryKey,
      tier: words.tier(r.tier),
      price: money(r.amountMinor),
      amountDue: money(account.dueMinor),
      paid: money(account.netPaidMinor),
      balanceDue: money(account.balanceMinor),
      currency: r.currency,
      membershipCheck: words.membershipCheck(r.membershipCheck),
      discipline: r.answers.discipline,
      credentials: r.answers.credentials,
      institution: r.answers.institution,
      clinicallyActive: yesNo(r.answers.clinicallyActive),
      willingToPresent: yesNo(r.answers.willingToPresent),
      trainingProgram: context.traineeCategories.has(r.categoryKey) ? r.answers.trainingProgram : '',
      dietaryNeeds: r.answers.dietaryNeeds,
      accessibilityNeeds: r.answers.accessibilityNeeds,
      decisionMessage: r.decisionMessage ?? '',
    };
    return [...columns.map((c) => cells[c]), ...customQuestions.map((q) => r.answers.custom?.[q.key] ?? '')];
  });
  return toCsv([header, ...rows]);
}
