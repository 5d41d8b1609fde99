// A committee member's score (1–5) and comment on an application: one review per member,
// editable until the application is decided. The comment is sealed to its review row.
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { aidApplications, aidReviews } from '#db/schema/aid.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { withScarceLocks } from '#domain/transaction.server.ts';
import { sealComment, type SealingKeys } from './content.server.ts';

export async function saveAidReview(
  db: Db,
  input: { organizationId: string; applicationId: string; reviewerUserId: string; score: number; comment: string },
  actor: Actor,
  context: { keys: SealingKeys; now?: Date },
): Promise<{ reviewId: string; created: boolean }> {
  if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5) throw new DomainError('INVALID_APPLICATION', 'score', { score: 'INVALID_CHOICE' });
  // withScarceLocks retries a unique violation: two first saves by one member become one review.
  return withScarceLocks(db, async (tx) => {
    const [application] = await tx
      .select({ id: aidApplications.id, status: aidApplications.status })
      .from(aidApplications)
      .where(and(eq(aidApplications.id, input.applicationId), eq(aidApplications.organizationId, input.organizationId)));
    if (!application) throw new DomainError('AID_APPLICATION_NOT_FOUND', input.applicationId);
    if (application.status !== 'submitted') throw new DomainError('AID_ALREADY_DECIDED');
    const [existing] = await tx
      .select({ id: aidReviews.id, score: aidReviews.score })
      .from(aidReviews)
      .where(and(eq(aidReviews.applicationId, application.id), eq(aidReviews.reviewerUserId, input.reviewerUserId)));
    const reviewId = existing?.id ?? crypto.randomUUID();
    const sealedComment = sealComment(input.comment, context.keys, reviewId);
    if (existing) {
      await tx.update(aidReviews).set({ score: input.score, sealedComment, updatedAt: context.now ?? new Date() }).where(eq(aidReviews.id, reviewId));
    } else {
      await tx.insert(aidReviews).values({ id: reviewId, organizationId: input.organizationId, applicationId: application.id, reviewerUserId: input.reviewerUserId, score: input.score, sealedComment });
    }
    // The fact of the review, not its score or comment.
    await recordAudit(tx, actor, {
      organizationId: input.organizationId,
      action: existing ? 'aid_review.updated' : 'aid_review.created',
      entityType: 'aid_application',
      entityId: application.id,
      after: { reviewId },
    });
    return { reviewId, created: !existing };
  });
}
