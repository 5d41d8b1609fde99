// When a program's deadline has passed (the course's local date), the financial-aid committee
// hears once that applications await its decision: one email per member, naming the course and
// the count, never an applicant. The audit row 'aid_program.committee_notified' is the record
// that it was sent; the course row is locked while a run decides, so two processes never send
// it twice.
import { and, count, eq, gt, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { organizationRoles, users } from '#db/schema/accounts.ts';
import { aidApplications } from '#db/schema/aid.ts';
import { auditEvents } from '#db/schema/audit.ts';
import { courses } from '#db/schema/courses.ts';
import { organizations } from '#db/schema/organizations.ts';
import { recordAudit, systemActor } from '#domain/audit/record-audit.server.ts';
import { loadEmailTemplates } from '#domain/email-templates/load-templates.server.ts';
import { lockCourse } from '#domain/courses/lock-course.server.ts';
import { withScarceLocks } from '#domain/transaction.server.ts';
import { localToday } from '#domain/registration/rules.ts';
import { queueEmail } from '#lib/email/outbox.server.ts';
import { committeeDeadlineEmail } from './emails.ts';

const NOTIFIED = 'aid_program.committee_notified';

export async function notifyCommitteeAfterDeadline(db: Db, context: { publicUrl: string; now?: Date }): Promise<string[]> {
  const now = context.now ?? new Date();
  const candidates = await db
    .selectDistinct({ id: courses.id, organizationId: courses.organizationId, timeZone: courses.timeZone, deadline: courses.financialAidDeadline })
    .from(courses)
    .innerJoin(aidApplications, and(eq(aidApplications.courseId, courses.id), eq(aidApplications.status, 'submitted')))
    .where(and(gt(courses.financialAidAwards, 0), isNotNull(courses.financialAidDeadline)));
  const emailIds: string[] = [];
  for (const candidate of candidates) {
    if (localToday(candidate.timeZone, now) <= candidate.deadline!) continue;
    const ids = await withScarceLocks(db, async (tx) => {
      const course = await lockCourse(tx, candidate.organizationId, candidate.id);
      const [already] = await tx
        .select({ id: auditEvents.id })
        .from(auditEvents)
        .where(and(eq(auditEvents.action, NOTIFIED), eq(auditEvents.entityType, 'course'), eq(auditEvents.entityId, course.id)));
      if (already) return [];
      const [submitted] = await tx
        .select({ n: count() })
        .from(aidApplications)
        .where(and(eq(aidApplications.courseId, course.id), eq(aidApplications.status, 'submitted')));
      const [org] = await tx.select().from(organizations).where(eq(organizations.id, course.organizationId));
      const members = await tx
        .selectDistinct({ email: users.email, name: users.name })
        .from(organizationRoles)
        .innerJoin(users, eq(users.id, organizationRoles.userId))
        .where(and(eq(organizationRoles.organizationId, course.organizationId), inArray(organizationRoles.role, ['financial_aid_committee'])));
      const pending = submitted?.n ?? 0;
      const templates = await loadEmailTemplates(tx, course.organizationId);
      const queued: string[] = [];
      for (const member of members) {
        const email = committeeDeadlineEmail({
          orgName: org?.name ?? '',
          orgSlug: org?.slug ?? '',
          publicUrl: context.publicUrl,
          name: member.name,
          courseId: course.id,
          courseTitle: course.title,
          pending,
          templates,
        });
        queued.push(await queueEmail(tx, { organizationId: course.organizationId, kind: 'aid.committee_deadline', to: member.email, ...email }));
      }
      await recordAudit(tx, systemActor, { organizationId: course.organizationId, action: NOTIFIED, entityType: 'course', entityId: course.id, after: { pending, recipients: members.length } });
      return queued;
    });
    emailIds.push(...ids);
  }
  return emailIds;
}
