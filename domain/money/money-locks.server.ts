// The money locks. Every money operation runs in one transaction that first locks the course
// row, then the registration row (ADR 0021's order, extended in ADR 0040), so concurrent
// payments, cancellations, refunds and aid awards for one registration are serialized and
// never see a stale balance.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { courses } from '#db/schema/courses.ts';
import { registrations } from '#db/schema/registration.ts';
import { groupSeries, seriesEnrollments } from '#db/schema/series.ts';
import { lockCourse } from '#domain/courses/lock-course.server.ts';
import { DomainError } from '#domain/errors.ts';
import { locksDisabledForTest } from '#domain/transaction.server.ts';
import type { Registration } from './ledger-rows.ts';

/**
 * The money lock for one registration: the course row, then the registration row, both FOR
 * UPDATE. Call first thing in the transaction (inside withScarceLocks).
 */
export async function lockRegistrationForMoney(tx: DbOrTx, organizationId: string, registrationId: string) {
  const [found] = await tx
    .select({ courseId: registrations.courseId })
    .from(registrations)
    .where(and(eq(registrations.id, registrationId), eq(registrations.organizationId, organizationId)));
  if (!found) throw new DomainError('REGISTRATION_NOT_FOUND', registrationId);
  const course = await lockCourse(tx, organizationId, found.courseId);
  const query = tx.select().from(registrations).where(eq(registrations.id, registrationId));
  const [registration] = locksDisabledForTest() ? await query : await query.for('update');
  return { course, registration: registration! };
}

/**
 * Locks the courses, then the registrations, each in id order: the same order everywhere,
 * so two checkouts paying overlapping registrations cannot deadlock.
 */
export async function lockRegistrationsForMoney(tx: DbOrTx, organizationId: string, registrationIds: string[]): Promise<Registration[]> {
  const ids = [...new Set(registrationIds)].sort();
  if (ids.length === 0) return [];
  const skip = locksDisabledForTest();
  const owners = await tx
    .select({ courseId: registrations.courseId })
    .from(registrations)
    .where(and(inArray(registrations.id, ids), eq(registrations.organizationId, organizationId)));
  if (owners.length !== ids.length) throw new DomainError('REGISTRATION_NOT_FOUND', ids.join(','));
  const courseIds = [...new Set(owners.map((o) => o.courseId))].sort();
  const courseQuery = tx.select({ id: courses.id }).from(courses).where(inArray(courses.id, courseIds)).orderBy(asc(courses.id));
  if (!skip) await courseQuery.for('update');
  const regQuery = tx.select().from(registrations).where(inArray(registrations.id, ids)).orderBy(asc(registrations.id));
  return skip ? await regQuery : await regQuery.for('update');
}

export type SeriesEnrollment = typeof seriesEnrollments.$inferSelect;

/**
 * The money lock for series enrollments (ADR 0063): their series rows, then the enrollment
 * rows, each in id order, FOR UPDATE. Taken after any registrations' locks (the one order:
 * courses, registrations, series, enrollments, then a checkout), so a payment, the series
 * decision and a refund for one enrollment are serialized.
 */
export async function lockSeriesEnrollmentsForMoney(tx: DbOrTx, organizationId: string, enrollmentIds: string[]): Promise<SeriesEnrollment[]> {
  const ids = [...new Set(enrollmentIds)].sort();
  if (ids.length === 0) return [];
  const skip = locksDisabledForTest();
  const owners = await tx
    .select({ seriesId: seriesEnrollments.seriesId })
    .from(seriesEnrollments)
    .where(and(inArray(seriesEnrollments.id, ids), eq(seriesEnrollments.organizationId, organizationId)));
  if (owners.length !== ids.length) throw new DomainError('SERIES_ENROLLMENT_NOT_FOUND', ids.join(','));
  const seriesIds = [...new Set(owners.map((o) => o.seriesId))].sort();
  const seriesQuery = tx.select({ id: groupSeries.id }).from(groupSeries).where(inArray(groupSeries.id, seriesIds)).orderBy(asc(groupSeries.id));
  if (!skip) await seriesQuery.for('update');
  const query = tx.select().from(seriesEnrollments).where(inArray(seriesEnrollments.id, ids)).orderBy(asc(seriesEnrollments.id));
  return skip ? await query : await query.for('update');
}
