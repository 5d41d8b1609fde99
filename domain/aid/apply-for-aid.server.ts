// A registrant applies for financial aid for their own registration. The statement and the
// self-identification are sealed before they reach the database; the amount and status are not.
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { aidApplications } from '#db/schema/aid.ts';
import { courses } from '#db/schema/courses.ts';
import { registrations } from '#db/schema/registration.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { localToday } from '#domain/registration/rules.ts';
import { sealContent, type SealingKeys } from './content.server.ts';
import { queueAidEmail } from './notify.server.ts';
import { applicationRefusal, type AidContent } from './program.ts';

export type AidApplication = typeof aidApplications.$inferSelect;

export interface AidApplicationInput {
  organizationId: string;
  registrationId: string;
  /** The signed-in person: only their own registration can carry an application. */
  userId: string;
  requestedMinor: number;
  content: AidContent;
}

export async function applyForAid(
  db: Db,
  input: AidApplicationInput,
  actor: Actor,
  context: { keys: SealingKeys; publicUrl: string; now?: Date },
): Promise<{ application: AidApplication; emailIds: string[] }> {
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ registration: registrations, course: courses })
      .from(registrations)
      .innerJoin(courses, eq(courses.id, registrations.courseId))
      .where(and(eq(registrations.id, input.registrationId), eq(registrations.organizationId, input.organizationId), eq(registrations.userId, input.userId)));
    if (!found) throw new DomainError('REGISTRATION_NOT_FOUND', input.registrationId);
    const { registration, course } = found;
    const [existing] = await tx.select({ id: aidApplications.id }).from(aidApplications).where(eq(aidApplications.registrationId, registration.id));
    if (existing) throw new DomainError('AID_ALREADY_APPLIED');
    const refusal = applicationRefusal(course, { today: localToday(course.timeZone, context.now), status: registration.status, requestedMinor: input.requestedMinor });
    if (refusal === 'AID_AMOUNT_INVALID' || refusal === 'AID_AMOUNT_OVER_MAX') throw new DomainError(refusal, undefined, { requested: refusal });
    if (refusal) throw new DomainError(refusal);
    if (input.content.statement.trim() === '') throw new DomainError('INVALID_APPLICATION', 'statement', { statement: 'REQUIRED' });

    const id = crypto.randomUUID();
    const [application] = await tx
      .insert(aidApplications)
      .values({
        id,
        organizationId: input.organizationId,
        courseId: course.id,
        registrationId: registration.id,
        userId: input.userId,
        requestedMinor: input.requestedMinor,
        currency: course.currency,
        sealedContent: sealContent(input.content, context.keys, id),
      })
      .onConflictDoNothing({ target: aidApplications.registrationId })
      .returning();
    // A second submission racing this one (double click): one application, the other is told.
    if (!application) throw new DomainError('AID_ALREADY_APPLIED');
    await recordAudit(tx, actor, {
      organizationId: input.organizationId,
      action: 'aid_application.submitted',
      entityType: 'aid_application',
      entityId: id,
      // Never the content: the amount and the registration only.
      after: { registrationId: registration.id, courseId: course.id, requestedMinor: input.requestedMinor, currency: course.currency },
    });
    const emailId = await queueAidEmail(tx, 'received', {
      organizationId: input.organizationId,
      to: registration.email,
      publicUrl: context.publicUrl,
      name: registration.name,
      courseTitle: course.title,
      registrationId: registration.id,
      currency: course.currency,
      requestedMinor: input.requestedMinor,
    });
    return { application, emailIds: [emailId] };
  });
}
