// Money reports for an organization or one course, read straight from the ledger:
//  revenue     per price category and tier: charges − discounts − aid − adjustments (net),
//              with payments received and refunds paid out;
//  outstanding registrations whose balance is positive (they still owe);
//  refunds     promised and not yet paid out (due, processing, failed), overdue when the due
//              date has passed in the course's time zone (the organization's for a donation),
//              the same rule as the refund tracker;
//  aid         aid_award entries: how much was awarded and how many awards.
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';

export interface ReportScope {
  organizationId: string;
  courseId?: string | null;
  /** The instant the report is read at: a refund is overdue once its due date has passed there. */
  now: Date;
}

export interface RevenueRow {
  courseTitle: string;
  category: string;
  tier: string;
  currency: string;
  registrations: number;
  chargedMinor: number;
  discountsMinor: number;
  aidMinor: number;
  adjustmentsMinor: number;
  netMinor: number;
  paidMinor: number;
  refundedMinor: number;
}

export interface OutstandingRow {
  registrationId: string;
  courseId: string;
  courseTitle: string;
  name: string;
  email: string;
  status: string;
  currency: string;
  balanceMinor: number;
}

export interface RefundRow {
  refundId: string;
  registrationId: string | null;
  courseId: string | null;
  courseTitle: string;
  name: string;
  reason: string;
  status: string;
  currency: string;
  amountMinor: number;
  dueOn: string;
  overdue: boolean;
}

export interface AidRow {
  courseTitle: string;
  currency: string;
  awards: number;
  awardedMinor: number;
}

/** Membership dues (ADR 0068), per membership type and currency: void (unpaid, closed) terms net to zero. */
export interface DuesRow {
  typeName: string;
  currency: string;
  terms: number;
  netMinor: number;
  paidMinor: number;
  refundedMinor: number;
}

export interface MoneyReport {
  revenue: RevenueRow[];
  dues: DuesRow[];
  outstanding: OutstandingRow[];
  refunds: RefundRow[];
  refundTotals: { currency: string; dueMinor: number; dueCount: number; overdueMinor: number; overdueCount: number }[];
  aid: AidRow[];
}

function courseFilter(scope: ReportScope): SQL {
  return scope.courseId ? sql`and r.course_id = ${scope.courseId}` : sql``;
}

async function rows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = await db.execute(query);
  return result.rows as T[];
}

export async function revenueReport(db: DbOrTx, scope: ReportScope): Promise<RevenueRow[]> {
  return rows<RevenueRow>(
    db,
    sql`select c.title as "courseTitle", coalesce(nullif(r.policy->>'categoryLabel', ''), r.category_key) as category, r.tier, r.currency,
          count(distinct r.id)::int as registrations,
          coalesce(sum(l.amount_minor) filter (where l.kind = 'charge'), 0)::int as "chargedMinor",
          coalesce(-sum(l.amount_minor) filter (where l.kind = 'discount'), 0)::int as "discountsMinor",
          coalesce(-sum(l.amount_minor) filter (where l.kind = 'aid_award'), 0)::int as "aidMinor",
          coalesce(-sum(l.amount_minor) filter (where l.kind in ('adjustment', 'fee_retained')), 0)::int as "adjustmentsMinor",
          coalesce(sum(l.amount_minor) filter (where l.kind in ('charge', 'discount', 'aid_award', 'adjustment', 'fee_retained')), 0)::int as "netMinor",
          coalesce(-sum(l.amount_minor) filter (where l.kind = 'payment'), 0)::int as "paidMinor",
          coalesce(sum(l.amount_minor) filter (where l.kind in ('refund', 'refund_reversal')), 0)::int as "refundedMinor"
        from ledger_entries l
        join registrations r on r.id = l.registration_id
        join courses c on c.id = r.course_id
        where l.organization_id = ${scope.organizationId} and r.organization_id = ${scope.organizationId} ${courseFilter(scope)}
        group by c.title, c.starts_on, 2, r.tier, r.currency
        order by c.starts_on, c.title, 2, r.tier`,
  );
}

export async function duesReport(db: DbOrTx, scope: ReportScope): Promise<DuesRow[]> {
  // Dues belong to no course: a course's report has none.
  if (scope.courseId) return [];
  return rows<DuesRow>(
    db,
    sql`select mt.name as "typeName", l.currency,
          count(distinct m.id) filter (where m.status in ('active', 'revoked'))::int as terms,
          coalesce(sum(l.amount_minor) filter (where l.kind in ('charge', 'discount', 'aid_award', 'adjustment', 'fee_retained')), 0)::int as "netMinor",
          coalesce(-sum(l.amount_minor) filter (where l.kind = 'payment'), 0)::int as "paidMinor",
          coalesce(sum(l.amount_minor) filter (where l.kind in ('refund', 'refund_reversal')), 0)::int as "refundedMinor"
        from ledger_entries l
        join membership_terms m on m.id = l.membership_term_id
        join membership_types mt on mt.id = m.type_id
        where l.organization_id = ${scope.organizationId} and m.organization_id = ${scope.organizationId}
        group by mt.name, mt.position, l.currency
        order by mt.position, mt.name, l.currency`,
  );
}

export async function outstandingReport(db: DbOrTx, scope: ReportScope): Promise<OutstandingRow[]> {
  return rows<OutstandingRow>(
    db,
    sql`select r.id as "registrationId", r.course_id as "courseId", c.title as "courseTitle", r.name, r.email, r.status, r.currency,
          sum(l.amount_minor)::int as "balanceMinor"
        from registrations r
        join ledger_entries l on l.registration_id = r.id
        join courses c on c.id = r.course_id
        where r.organization_id = ${scope.organizationId} ${courseFilter(scope)}
        group by r.id, c.title, c.starts_on
        having sum(l.amount_minor) > 0
        order by c.starts_on, c.title, r.name`,
  );
}

export async function refundsReport(db: DbOrTx, scope: ReportScope): Promise<RefundRow[]> {
  return rows<RefundRow>(
    db,
    sql`select f.id as "refundId", f.registration_id as "registrationId", r.course_id as "courseId", coalesce(c.title, '') as "courseTitle",
          coalesce(r.name, d.name, '') as name, f.reason, f.status, f.currency, f.amount_minor as "amountMinor", f.due_on::text as "dueOn",
          f.due_on < (${scope.now.toISOString()}::timestamptz at time zone coalesce(c.time_zone, o.time_zone))::date as overdue
        from refunds f
        join organizations o on o.id = f.organization_id
        left join registrations r on r.id = f.registration_id
        left join courses c on c.id = r.course_id
        left join donations d on d.id = f.donation_id
        where f.organization_id = ${scope.organizationId} and f.status in ('due', 'processing', 'failed')
          ${scope.courseId ? sql`and r.course_id = ${scope.courseId}` : sql``}
        order by f.due_on, name`,
  );
}

export async function aidReport(db: DbOrTx, scope: ReportScope): Promise<AidRow[]> {
  return rows<AidRow>(
    db,
    sql`select c.title as "courseTitle", l.currency, count(*)::int as awards, (-sum(l.amount_minor))::int as "awardedMinor"
        from ledger_entries l
        join registrations r on r.id = l.registration_id
        join courses c on c.id = r.course_id
        where l.organization_id = ${scope.organizationId} and l.kind = 'aid_award' ${courseFilter(scope)}
        group by c.title, c.starts_on, l.currency
        order by c.starts_on, c.title`,
  );
}

export function refundTotals(refunds: readonly RefundRow[]): MoneyReport['refundTotals'] {
  const byCurrency = new Map<string, MoneyReport['refundTotals'][number]>();
  for (const r of refunds) {
    const total = byCurrency.get(r.currency) ?? { currency: r.currency, dueMinor: 0, dueCount: 0, overdueMinor: 0, overdueCount: 0 };
    total.dueMinor += r.amountMinor;
    total.dueCount += 1;
    if (r.overdue) {
      total.overdueMinor += r.amountMinor;
      total.overdueCount += 1;
    }
    byCurrency.set(r.currency, total);
  }
  return [...byCurrency.values()];
}

export async function moneyReport(db: DbOrTx, scope: ReportScope): Promise<MoneyReport> {
  const [revenue, dues, outstanding, refunds, aid] = [await revenueReport(db, scope), await duesReport(db, scope), await outstandingReport(db, scope), await refundsReport(db, scope), await aidReport(db, scope)];
  return { revenue, dues, outstanding, refunds, refundTotals: refundTotals(refunds), aid };
}

/** The organization's courses, newest first, for the report's course choice. */
export async function findReportCourses(db: DbOrTx, organizationId: string): Promise<{ id: string; title: string; startsOn: string }[]> {
  return rows(db, sql`select id, title, starts_on::text as "startsOn" from courses where organization_id = ${organizationId} order by starts_on desc, title`);
}
