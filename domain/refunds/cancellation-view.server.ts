// What the cancellation pages show: the registration with its course, the policy snapshot, a
// preview of the outcome as of today, and the cancellation on file with its refunds.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { courses } from '#db/schema/courses.ts';
import { registrations } from '#db/schema/registration.ts';
import { DomainError } from '#domain/errors.ts';
import { localDate } from '#domain/money/policy.ts';
import { CANCELLABLE, cancellationDueOn, findCancellation, previewCancellation, registrationTimeZone } from './cancel-registration.server.ts';
import { findRegistrationRefunds } from './find-refunds.server.ts';
import { UUID_PATTERN } from '#lib/ids.ts';


/** The registration (scoped to the organization, and to the person or course when given), or REGISTRATION_NOT_FOUND. */
export async function getCancellationView(db: DbOrTx, input: { organizationId: string; registrationId: string; userId?: string; courseId?: string }, now = new Date()) {
  if (!UUID_PATTERN.test(input.registrationId)) throw new DomainError('REGISTRATION_NOT_FOUND', input.registrationId);
  const where = [eq(registrations.id, input.registrationId), eq(registrations.organizationId, input.organizationId)];
  if (input.userId) where.push(eq(registrations.userId, input.userId));
  if (input.courseId) where.push(eq(registrations.courseId, input.courseId));
  const [row] = await db.select({ registration: registrations, course: courses }).from(registrations).innerJoin(courses, eq(courses.id, registrations.courseId)).where(and(...where));
  if (!row) throw new DomainError('REGISTRATION_NOT_FOUND', input.registrationId);
  const { registration, course } = row;
  const timeZone = registrationTimeZone(registration, course);
  const today = localDate(now, timeZone);
  const cancellation = await findCancellation(db, registration.id);
  const refundRows = await findRegistrationRefunds(db, input.organizationId, registration.id);
  return {
    registration,
    course,
    today,
    cancellable: !cancellation && CANCELLABLE.includes(registration.status),
    preview: await previewCancellation(db, registration, today),
    cancellation: cancellation ? { ...cancellation, dueOn: cancellationDueOn(cancellation, registration, course) } : null,
    refunds: refundRows,
  };
}
