// A course at a glance for its directors: counts by status and category, places and early
// places left, and applications over time (by local day in the course's time zone).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { ACTIVE, REGISTRATION_STATUSES, registrations, type RegistrationStatus } from '#db/schema/registration.ts';
import { getAvailability, type Availability } from './availability.server.ts';
import { getStaffCourse, getPriceTable } from '#domain/courses/get-staff-course.server.ts';

export interface DayPoint {
  /** Local date (YYYY-MM-DD) in the course's time zone. */
  day: string;
  applications: number;
  /** Applications submitted up to and including this day. */
  cumulative: number;
}

export interface CourseDashboard {
  byStatus: Record<RegistrationStatus, number>;
  byCategory: { key: string; label: string; active: number }[];
  availability: Availability;
  series: DayPoint[];
  total: number;
}

/** Running totals from per-day counts (days in ascending order). */
export function cumulativeSeries(days: { day: string; applications: number }[]): DayPoint[] {
  let running = 0;
  return days.map((d) => {
    running += d.applications;
    return { ...d, cumulative: running };
  });
}

export async function getCourseDashboard(db: DbOrTx, organizationId: string, courseId: string, now = new Date()): Promise<CourseDashboard> {
  const course = await getStaffCourse(db, organizationId, courseId);
  const scope = and(eq(registrations.organizationId, organizationId), eq(registrations.courseId, course.id));
  const [statusRows, categoryRows, dayRows, categories, availability] = await Promise.all([
    db.select({ status: registrations.status, n: sql<number>`count(*)::int` }).from(registrations).where(scope).groupBy(registrations.status),
    db
      .select({ key: registrations.categoryKey, n: sql<number>`count(*)::int` })
      .from(registrations)
      .where(and(scope, inArray(registrations.status, [...ACTIVE])))
      .groupBy(registrations.categoryKey),
    db
      .select({
        day: sql<string>`to_char(${registrations.submittedAt} at time zone ${course.timeZone}, 'YYYY-MM-DD')`,
        n: sql<number>`count(*)::int`,
      })
      .from(registrations)
      .where(scope)
      .groupBy(sql`1`)
      .orderBy(sql`1`),
    getPriceTable(db, organizationId, course.id),
    getAvailability(db, organizationId, course.id, now),
  ]);
  const byStatus = Object.fromEntries(REGISTRATION_STATUSES.map((s) => [s, 0])) as Record<RegistrationStatus, number>;
  for (const row of statusRows) byStatus[row.status] = row.n;
  const byCategory = categories.map((c) => ({ key: c.key, label: c.label, active: categoryRows.find((r) => r.key === c.key)?.n ?? 0 }));
  // Categories that were removed from the table after people applied still count.
  for (const row of categoryRows) if (!categories.some((c) => c.key === row.key)) byCategory.push({ key: row.key, label: row.key, active: row.n });
  const series = cumulativeSeries(dayRows.map((r) => ({ day: r.day, applications: r.n })));
  return { byStatus, byCategory, availability, series, total: series.at(-1)?.cumulative ?? 0 };
}
