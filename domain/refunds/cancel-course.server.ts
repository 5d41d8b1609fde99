// The organizer cancels a course ("in the event of cancellation by the ABS, any registration
// fees paid will be refunded"). One transaction under the course lock: the course becomes
// 'cancelled'; every registration holding a place gets a written cancellation on the
// organizer's behalf whose outcome refunds everything paid; the waitlist is withdrawn; every
// registrant is emailed; the refunds appear in the tracker, due refundWithinDays from today.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '#db/client.server.ts';
import { courses } from '#db/schema/courses.ts';
import { cancellations } from '#db/schema/money.ts';
import { organizations } from '#db/schema/organizations.ts';
import { PLACE_HOLDING, registrations } from '#db/schema/registration.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { voidInvoicesOfEndedRegistration } from '#domain/billing/invoice-lifecycle.server.ts';
import { NEXT_STATUSES } from '#domain/courses/set-course-status.server.ts';
import { DomainError } from '#domain/errors.ts';
import { closeAccount } from '#domain/money/close-account.server.ts';
import { registrationAccount, registrationBalances } from '#domain/money/read-account.server.ts';
import { addDays, cancellationOutcome, localDate } from '#domain/money/policy.ts';
import { lockCourse } from '#domain/courses/lock-course.server.ts';
import { locksDisabledForTest, withScarceLocks } from '#domain/transaction.server.ts';
import type { NotifyContext } from '#domain/registration/notify.server.ts';
import { loadEmailTemplates } from '#domain/email-templates/load-templates.server.ts';
import { queueEmail } from '#lib/email/outbox.server.ts';
import { courseCancelledEmail } from './emails.ts';

export interface CourseCancellation {
  cancelled: number;
  withdrawn: number;
  refundsMinor: number;
  emailIds: string[];
}

export async function cancelCourse(
  db: Db,
  input: { organizationId: string; courseId: string; reason: string },
  actor: Actor,
  context: NotifyContext & { now?: Date },
): Promise<CourseCancellation> {
  const reason = input.reason.trim();
  if (!reason) throw new DomainError('REASON_REQUIRED', undefined, { reason: 'REQUIRED' });
  return withScarceLocks(db, async (tx) => {
    const now = context.now ?? new Date();
    const course = await lockCourse(tx, input.organizationId, input.courseId);
    if (!NEXT_STATUSES[course.status].includes('cancelled')) throw new DomainError('COURSE_STATUS_NOT_ALLOWED', `${course.status} → cancelled`);
    await tx.update(courses).set({ status: 'cancelled' }).where(eq(courses.id, course.id));
    await recordAudit(tx, actor, {
      organizationId: course.organizationId,
      action: 'course.cancelled',
      entityType: 'course',
      entityId: course.id,
      before: { status: course.status },
      after: { status: 'cancelled', reason },
    });
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, course.organizationId));
    const templates = await loadEmailTemplates(tx, course.organizationId);
    // Under the course lock; the registration rows are locked too, in id order (ADR 0040's order).
    const query = tx
      .select()
      .from(registrations)
      .where(and(eq(registrations.courseId, course.id), inArray(registrations.status, [...PLACE_HOLDING, 'waitlisted'])))
      .orderBy(asc(registrations.id));
    const affected = locksDisabledForTest() ? await query : await query.for('update');
    const result: CourseCancellation = { cancelled: 0, withdrawn: 0, refundsMinor: 0, emailIds: [] };
    for (const registration of affected) {
      const timeZone = registration.policy.timeZone || course.timeZone;
      const today = localDate(now, timeZone);
      const dueOn = addDays(today, registration.policy.refundWithinDays);
      const waitlisted = registration.status === 'waitlisted';
      const account = await registrationAccount(tx, registration.id);
      let cancellationId: string | null = null;
      let refundMinor = 0;
      if (!waitlisted) {
        const outcome = cancellationOutcome({ paidMinor: account.netPaidMinor, feeMinor: 0, cancellationDeadline: null, receivedOn: today, cause: 'course_cancelled' });
        const [row] = await tx
          .insert(cancellations)
          .values({ organizationId: course.organizationId, registrationId: registration.id, channel: 'organizer', receivedOn: today, acknowledgedAt: now, outcome, overrideReason: null, organizerReason: reason, recordedBy: actor.userId })
          .returning();
        cancellationId = row!.id;
        refundMinor = outcome.refundMinor;
      }
      const status = waitlisted ? 'withdrawn' : 'cancelled';
      await tx
        .update(registrations)
        .set({ status, holdsEarlyPlace: false, offerExpiresAt: null, paymentDueAt: null, updatedAt: now })
        .where(eq(registrations.id, registration.id));
      await recordAudit(tx, actor, {
        organizationId: course.organizationId,
        action: waitlisted ? 'registration.withdrawn_course_cancelled' : 'registration.cancelled',
        entityType: 'registration',
        entityId: registration.id,
        before: { status: registration.status },
        after: { status, channel: 'organizer', cancellationId, reason },
      });
      // Everything charged is reversed and everything paid comes back (a waitlisted row normally has neither).
      if (!waitlisted || account.dueMinor !== 0 || account.netPaidMinor > 0) {
        const closed = await closeAccount(tx, {
          registration: { ...registration, status },
          retainedMinor: 0,
          reason: 'course cancelled by the organizer',
          refundReason: 'course_cancelled',
          effectiveOn: today,
          dueOn,
          actor,
          cancellationId,
        });
        if (waitlisted) refundMinor = closed.refund?.amountMinor ?? 0;
      }
      await voidInvoicesOfEndedRegistration(tx, course.organizationId, registration.id, actor, now);
      result.refundsMinor += refundMinor;
      if (waitlisted) result.withdrawn++;
      else result.cancelled++;
      const email = courseCancelledEmail({
        orgName: org?.name ?? '',
        orgSlug: org?.slug ?? '',
        publicUrl: context.publicUrl,
        name: registration.name,
        course: { title: course.title, startsOn: course.startsOn, endsOn: course.endsOn },
        currency: registration.currency,
        reason,
        refundMinor,
        dueOn,
        waitlisted,
        templates,
      });
      result.emailIds.push(await queueEmail(tx, { organizationId: course.organizationId, kind: 'refunds.course_cancelled', to: registration.email, ...email }));
    }
    return result;
  });
}

/** What cancelling the course would touch: places held, the waitlist, the money paid in. */
export async function courseCancellationSummary(db: DbOrTx, organizationId: string, courseId: string) {
  const rows = await db
    .select({ id: registrations.id, status: registrations.status })
    .from(registrations)
    .where(and(eq(registrations.organizationId, organizationId), eq(registrations.courseId, courseId), inArray(registrations.status, [...PLACE_HOLDING, 'waitlisted'])));
  const balances = await registrationBalances(db, rows.map((r) => r.id));
  return {
    holding: rows.filter((r) => r.status !== 'waitlisted').length,
    waitlisted: rows.filter((r) => r.status === 'waitlisted').length,
    paidMinor: [...balances.values()].reduce((sum, a) => sum + Math.max(0, a.netPaidMinor), 0),
  };
}
