// The money report's tables as CSV (RFC 4180, formula-neutralized cells: the same writer as
// the applications export). Amounts are plain decimals so a spreadsheet can add them up.
import { toCsv } from '#domain/registration/export-applications.ts';
import { formatAmountInput } from '#lib/money.ts';
import type { MoneyReport } from './reports.server.ts';

export const REPORT_TABLES = ['revenue', 'outstanding', 'refunds', 'aid', 'dues'] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

/** Column headers come from the caller's catalog (key → words). */
export function reportCsv(report: MoneyReport, table: ReportTable, label: (key: string) => string): string {
  const amount = (minor: number, currency: string) => formatAmountInput(minor, currency);
  switch (table) {
    case 'revenue':
      return toCsv([
        ['course', 'category', 'tier', 'registrations', 'charged', 'discounts', 'aid', 'adjustments', 'net', 'paid', 'refunded', 'currency'].map(label),
        ...report.revenue.map((r) => [
          r.courseTitle,
          r.category,
          r.tier,
          r.registrations,
          amount(r.chargedMinor, r.currency),
          amount(r.discountsMinor, r.currency),
          amount(r.aidMinor, r.currency),
          amount(r.adjustmentsMinor, r.currency),
          amount(r.netMinor, r.currency),
          amount(r.paidMinor, r.currency),
          amount(r.refundedMinor, r.currency),
          r.currency,
        ]),
      ]);
    case 'outstanding':
      return toCsv([
        ['course', 'name', 'email', 'status', 'balance', 'currency'].map(label),
        ...report.outstanding.map((r) => [r.courseTitle, r.name, r.email, r.status, amount(r.balanceMinor, r.currency), r.currency]),
      ]);
    case 'refunds':
      return toCsv([
        ['course', 'name', 'reason', 'status', 'amount', 'currency', 'dueOn', 'overdue'].map(label),
        ...report.refunds.map((r) => [r.courseTitle, r.name, r.reason, r.status, amount(r.amountMinor, r.currency), r.currency, r.dueOn, r.overdue ? 'yes' : 'no']),
      ]);
    case 'aid':
      return toCsv([['course', 'awards', 'awarded', 'currency'].map(label), ...report.aid.map((r) => [r.courseTitle, r.awards, amount(r.awardedMinor, r.currency), r.currency])]);
    case 'dues':
      return toCsv([
        ['membershipType', 'memberships', 'net', 'paid', 'refunded', 'currency'].map(label),
        ...report.dues.map((r) => [r.typeName, r.terms, amount(r.netMinor, r.currency), amount(r.paidMinor, r.currency), amount(r.refundedMinor, r.currency), r.currency]),
      ]);
  }
}
