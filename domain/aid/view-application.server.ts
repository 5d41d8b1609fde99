// Opening an application for the committee. Every view is audited — who, when, which
// application — in the same transaction that opens the content; the audit row never holds it.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { aidApplications, aidReviews } from '#db/schema/aid.ts';
import { users } from '#db/schema/accounts.ts';
import { courses } from '#db/schema/courses.ts';
import { registrations } from '#db/schema/registration.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { registrationAccount } from '#domain/money/read-account.server.ts';
import { openComment, openContent, type SealingKeys } from './content.server.ts';
import { averageScore } from './program.ts';

export async function viewAidApplication(
  db: Db,
  input: { organizationId: string; courseId: string; applicationId: string; viewerUserId: string },
  actor: Actor,
  context: { keys: SealingKeys },
) {
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ application: aidApplications, registration: registrations, course: courses })
      .from(aidApplications)
      .innerJoin(registrations, eq(registrations.id, aidApplications.registrationId))
      .innerJoin(courses, eq(courses.id, aidApplications.courseId))
      .where(and(eq(aidApplications.id, input.applicationId), eq(aidApplications.organizationId, input.organizationId), eq(aidApplications.courseId, input.courseId)));
    if (!found) throw new DomainError('AID_APPLICATION_NOT_FOUND', input.applicationId);
    const { application, registration, course } = found;
    await recordAudit(tx, actor, {
      organizationId: input.organizationId,
      action: 'aid_application.viewed',
      entityType: 'aid_application',
      entityId: application.id,
    });
    const reviewRows = await tx
      .select({ id: aidReviews.id, reviewerUserId: aidReviews.reviewerUserId, reviewer: users.name, score: aidReviews.score, sealedComment: aidReviews.sealedComment, updatedAt: aidReviews.updatedAt })
      .from(aidReviews)
      .innerJoin(users, eq(users.id, aidReviews.reviewerUserId))
      .where(eq(aidReviews.applicationId, application.id))
      .orderBy(asc(aidReviews.updatedAt));
    const reviews = reviewRows.map((r) => ({
      id: r.id,
      reviewer: r.reviewer,
      mine: r.reviewerUserId === input.viewerUserId,
      score: r.score,
      comment: openComment(r.sealedComment, context.keys, r.id),
      updatedAt: r.updatedAt,
    }));
    const account = await registrationAccount(tx, registration.id);
    return {
      application: {
        id: application.id,
        status: application.status,
        requestedMinor: application.requestedMinor,
        awardedMinor: application.awardedMinor,
        currency: application.currency,
        submittedAt: application.submittedAt,
        decidedAt: application.decidedAt,
      },
      content: openContent(application.sealedContent, context.keys, application.id),
      applicant: { name: registration.name, email: registration.email, status: registration.status, categoryLabel: registration.policy.categoryLabel },
      account,
      course: { id: course.id, title: course.title, currency: course.currency, financialAidAwards: course.financialAidAwards, financialAidMaxMinor: course.financialAidMaxMinor },
      reviews,
      averageScore: averageScore(reviews.map((r) => r.score)),
    };
  });
}
