// The refund tracker's lists: refunds of registrations by view (due, overdue, failed, done)
// and course, with "overdue" decided per course in its own time zone (a refund is overdue
// the day after its due date, local). The page shows a page of rows; the count and totals
// always cover every matching refund (summarizeRefunds), and the CSV has them all.
import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { courses } from '#db/schema/courses.ts';
import { cancellations, refunds } from '#db/schema/money.ts';
import { registrations } from '#db/schema/registration.ts';
import { groupListings } from '#db/schema/directory.ts';
import { groupSeries, seriesEnrollments } from '#db/schema/series.ts';
import { toCsv } from '#domain/registration/export-applications.ts';
import { formatAmountInput } from '#lib/money.ts';
import { refundableCardPaymentsOf } from './card-sources.server.ts';
import type { Refund } from '#domain/money/ledger-rows.ts';
import type { RefundView } from './tracker-views.ts';

function overdue(now: Date): SQL<boolean> {
  return sql<boolean>`(${refunds.dueOn} < (${now.toISOString()}::timestamptz at time zone coalesce(${courses.timeZone}, ${groupListings.timeZone}))::date and ${refunds.status} in ('due','processing','failed'))`;
}

function viewFilter(view: RefundView, now: Date): SQL | undefined {
  switch (view) {
    case 'due':
      return inArray(refunds.status, ['due', 'processing']);
    case 'overdue':
      return overdue(now);
    case 'failed':
      return eq(refunds.status, 'failed');
    case 'done':
      return eq(refunds.status, 'done');
    case 'all':
      return undefined;
  }
}

export interface RefundRow {
  id: string;
  /** The account refunded: a registration (with its course) or a series enrollment (with its series; ADR 0063). */
  registrationId: string | null;
  courseId: string | null;
  seriesEnrollmentId: string | null;
  seriesId: string | null;
  /** The account's own zone (the registration's policy, its course, or the series' group): its "today" is the latest date a payout can carry. */
  timeZone: string | null;
  courseTitle: string;
  name: string;
  email: string;
  reason: string;
  status: string;
  amountMinor: number;
  currency: string;
  dueOn: string;
  overdue: boolean;
  method: string | null;
  reference: string;
  completedOn: string | null;
  failureMessage: string | null;
  note: string;
  /** A written cancellation exists (its outcome can be overridden). */
  hasCancellation: boolean;
  /** Card money that can go back through the provider. */
  cardRefundable: boolean;
}

export interface RefundFilters {
  view: RefundView;
  courseId?: string | null;
}

function filterWhere(organizationId: string, filters: RefundFilters, now: Date) {
  const where = [eq(refunds.organizationId, organizationId), viewFilter(filters.view, now)];
  if (filters.courseId) where.push(eq(registrations.courseId, filters.courseId));
  return and(...where);
}

/** How many refunds match and how much they come to, per currency: every match, not a page. */
export async function summarizeRefunds(db: DbOrTx, organizationId: string, filters: RefundFilters, now = new Date()): Promise<{ count: number; totals: { currency: string; totalMinor: number }[] }> {
  const rows = await db
    .select({ currency: refunds.currency, n: count(), total: sql<number>`coalesce(sum(${refunds.amountMinor}), 0)::bigint` })
    .from(refunds)
    .leftJoin(registrations, eq(registrations.id, refunds.registrationId))
    .leftJoin(courses, eq(courses.id, registrations.courseId))
    .leftJoin(seriesEnrollments, eq(seriesEnrollments.id, refunds.seriesEnrollmentId))
    .leftJoin(groupSeries, eq(groupSeries.id, seriesEnrollments.seriesId))
    .leftJoin(groupListings, eq(groupListings.id, groupSeries.listingId))
    .where(filterWhere(organizationId, filters, now))
    .groupBy(refunds.currency)
    .orderBy(refunds.currency);
  return { count: rows.reduce((n, r) => n + r.n, 0), totals: rows.map((r) => ({ currency: r.currency, totalMinor: Number(r.total) })) };
}

/** Refunds matching the filters, in the tracker's order; `page` limits them (the CSV takes all). */
export async function findRefunds(db: DbOrTx, organizationId: string, filters: RefundFilters, now = new Date(), page?: { limit: number; offset: number }): Promise<RefundRow[]> {
  const query = db
    .select({
      refund: refunds,
      name: sql<string>`coalesce(${registrations.name}, ${seriesEnrollments.name}, '')`,
      email: sql<string>`coalesce(${registrations.email}, ${seriesEnrollments.email}, '')`,
      courseId: courses.id,
      courseTitle: sql<string>`coalesce(${courses.title}, ${groupSeries.title}, '')`,
      seriesId: groupSeries.id,
      timeZone: sql<string | null>`coalesce(nullif(${registrations.policy}->>'timeZone', ''), ${courses.timeZone}, ${groupListings.timeZone})`,
      overdue: overdue(now),
      cancellationId: cancellations.id,
    })
    .from(refunds)
    .leftJoin(registrations, eq(registrations.id, refunds.registrationId))
    .leftJoin(courses, eq(courses.id, registrations.courseId))
    .leftJoin(seriesEnrollments, eq(seriesEnrollments.id, refunds.seriesEnrollmentId))
    .leftJoin(groupSeries, eq(groupSeries.id, seriesEnrollments.seriesId))
    .leftJoin(groupListings, eq(groupListings.id, groupSeries.listingId))
    .leftJoin(cancellations, eq(cancellations.registrationId, registrations.id))
    .where(filterWhere(organizationId, filters, now))
    // The id last: a stable order, so pages neither repeat nor skip a row.
    .orderBy(filters.view === 'done' ? desc(refunds.completedOn) : asc(refunds.dueOn), sql`coalesce(${registrations.name}, ${seriesEnrollments.name})`, asc(refunds.id));
  const rows = page ? await query.limit(page.limit).offset(page.offset) : await query;
  const open = new Set(['due', 'failed']);
  const card = await refundableCardPaymentsOf(db, [...new Set(rows.filter((r) => open.has(r.refund.status) && r.refund.registrationId).map((r) => r.refund.registrationId!))]);
  const seriesCard = await refundableCardPaymentsOf(db, [...new Set(rows.filter((r) => open.has(r.refund.status) && r.refund.seriesEnrollmentId).map((r) => r.refund.seriesEnrollmentId!))], 'series_enrollment');
  return rows.map((r) => ({
    id: r.refund.id,
    registrationId: r.refund.registrationId,
    courseId: r.courseId,
    seriesEnrollmentId: r.refund.seriesEnrollmentId,
    seriesId: r.seriesId,
    timeZone: r.timeZone,
    courseTitle: r.courseTitle,
    name: r.name,
    email: r.email,
    reason: r.refund.reason,
    status: r.refund.status,
    amountMinor: r.refund.amountMinor,
    currency: r.refund.currency,
    dueOn: r.refund.dueOn,
    overdue: Boolean(r.overdue),
    method: r.refund.method,
    reference: r.refund.reference,
    completedOn: r.refund.completedOn,
    failureMessage: r.refund.failureMessage,
    note: r.refund.note,
    hasCancellation: r.cancellationId !== null,
    cardRefundable: open.has(r.refund.status) && ((r.refund.registrationId ? card.get(r.refund.registrationId) : seriesCard.get(r.refund.seriesEnrollmentId ?? ''))?.length ?? 0) > 0,
  }));
}

/** Overdue refunds of an organization (the admin dashboard's flag). */
export async function countOverdueRefunds(db: DbOrTx, organizationId: string, now = new Date()): Promise<{ count: number; totalMinor: number; currency: string | null }> {
  const [row] = await db
    .select({ n: count(), total: sql<number>`coalesce(sum(${refunds.amountMinor}), 0)::int`, currency: sql<string | null>`min(${refunds.currency})` })
    .from(refunds)
    .leftJoin(registrations, eq(registrations.id, refunds.registrationId))
    .leftJoin(courses, eq(courses.id, registrations.courseId))
    .leftJoin(seriesEnrollments, eq(seriesEnrollments.id, refunds.seriesEnrollmentId))
    .leftJoin(groupSeries, eq(groupSeries.id, seriesEnrollments.seriesId))
    .leftJoin(groupListings, eq(groupListings.id, groupSeries.listingId))
    .where(and(eq(refunds.organizationId, organizationId), overdue(now)));
  return { count: row?.n ?? 0, totalMinor: row?.total ?? 0, currency: row?.currency ?? null };
}

/** Courses that have refunds, for the tracker's course filter. */
export async function findRefundCourses(db: DbOrTx, organizationId: string) {
  return db
    .selectDistinct({ id: courses.id, title: courses.title, startsOn: courses.startsOn })
    .from(refunds)
    .innerJoin(registrations, eq(registrations.id, refunds.registrationId))
    .innerJoin(courses, eq(courses.id, registrations.courseId))
    .where(eq(refunds.organizationId, organizationId))
    .orderBy(desc(courses.startsOn));
}

export const REFUND_CSV_COLUMNS = ['name', 'email', 'course', 'reason', 'amount', 'currency', 'dueOn', 'status', 'overdue', 'method', 'completedOn', 'reference'] as const;

/** The list as CSV (formula-neutralized cells); amounts in major units as a spreadsheet wants them. */
export function refundsCsv(rows: readonly RefundRow[], headers: Record<(typeof REFUND_CSV_COLUMNS)[number], string>, words: { reason: (r: string) => string; status: (s: string) => string }): string {
  const major = (r: RefundRow) => formatAmountInput(r.amountMinor, r.currency);
  return toCsv([
    REFUND_CSV_COLUMNS.map((c) => headers[c]),
    ...rows.map((r) => [r.name, r.email, r.courseTitle, words.reason(r.reason), major(r), r.currency, r.dueOn, words.status(r.status), r.overdue ? 'yes' : 'no', r.method ?? '', r.completedOn ?? '', r.reference]),
  ]);
}

/** Open refunds of one registration, newest first (for the staff cancellation page). */
export async function findRegistrationRefunds(db: DbOrTx, organizationId: string, registrationId: string): Promise<Refund[]> {
  return db.select().from(refunds).where(and(eq(refunds.organizationId, organizationId), eq(refunds.registrationId, registrationId))).orderBy(desc(refunds.createdAt));
}
