// Money settings: the organization's (what invoices and receipts print, how long an invoice
// gives) and a course's payment and cancellation policy. A course's new policy applies to
// registrations submitted afterwards: each registration keeps the snapshot taken at
// submission. Every change is audited with its before and after.
import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { courses, type PaymentTiming } from '#db/schema/courses.ts';
import { organizations } from '#db/schema/organizations.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { lockCourse } from '#domain/courses/lock-course.server.ts';
import { withScarceLocks } from '#domain/transaction.server.ts';

export interface OrganizationMoneySettings {
  postalAddress: string;
  paymentInstructions: string;
  invoiceDueDays: number;
  giftReceiptStatement: string;
}

export async function updateOrganizationMoneySettings(db: Db, organizationId: string, input: OrganizationMoneySettings, actor: Actor) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(organizations).where(eq(organizations.id, organizationId)).for('no key update');
    if (!before) throw new DomainError('ORGANIZATION_NOT_FOUND', organizationId);
    const [after] = await tx.update(organizations).set(input).where(eq(organizations.id, organizationId)).returning();
    await recordAudit(tx, actor, {
      organizationId,
      action: 'organization.money_settings_changed',
      entityType: 'organization',
      entityId: organizationId,
      before: { postalAddress: before.postalAddress, paymentInstructions: before.paymentInstructions, invoiceDueDays: before.invoiceDueDays, giftReceiptStatement: before.giftReceiptStatement },
      after: input,
    });
    return after!;
  });
}

export interface CourseMoneyPolicy {
  paymentTiming: PaymentTiming;
  paymentHoldHours: number;
  cancellationDeadline: string | null;
  cancellationFeeMinor: number;
  refundWithinDays: number;
}

export async function updateCourseMoneyPolicy(db: Db, organizationId: string, courseId: string, input: CourseMoneyPolicy, actor: Actor) {
  return withScarceLocks(db, async (tx) => {
    const before = await lockCourse(tx, organizationId, courseId);
    const [after] = await tx.update(courses).set(input).where(eq(courses.id, courseId)).returning();
    await recordAudit(tx, actor, {
      organizationId,
      action: 'course.money_policy_changed',
      entityType: 'course',
      entityId: courseId,
      before: {
        paymentTiming: before.paymentTiming,
        paymentHoldHours: before.paymentHoldHours,
        cancellationDeadline: before.cancellationDeadline,
        cancellationFeeMinor: before.cancellationFeeMinor,
        refundWithinDays: before.refundWithinDays,
      },
      after: input,
    });
    return after!;
  });
}
