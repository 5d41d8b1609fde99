// Optimistic concurrency for a course's small groups: every change to groups, leaders or
// membership names the plan version the director's page showed; a newer plan refuses the
// change (SMALL_GROUPS_STALE) instead of overwriting what someone else did meanwhile.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { smallGroupPlans } from '#db/schema/course-running.ts';
import { DomainError } from '#domain/errors.ts';
import { ensurePlan, type Plan } from './course-groups.server.ts';

/** Locks the plan row for the rest of the transaction and checks the version the page saw. */
export async function lockPlan(tx: DbOrTx, organizationId: string, courseId: string, expectedVersion: number | undefined): Promise<Plan> {
  await ensurePlan(tx, organizationId, courseId);
  const [plan] = await tx
    .select()
    .from(smallGroupPlans)
    .where(and(eq(smallGroupPlans.courseId, courseId), eq(smallGroupPlans.organizationId, organizationId)))
    .for('update');
  if (!plan) throw new DomainError('COURSE_NOT_FOUND', courseId);
  if (expectedVersion !== undefined && plan.version !== expectedVersion) {
    throw new DomainError('SMALL_GROUPS_STALE', `plan is at version ${plan.version}, the change was made on ${expectedVersion}`);
  }
  return plan;
}

export async function bumpPlanVersion(tx: DbOrTx, courseId: string, changes: Partial<typeof smallGroupPlans.$inferInsert> = {}): Promise<number> {
  const [row] = await tx
    .update(smallGroupPlans)
    .set({ ...changes, version: sql`${smallGroupPlans.version} + 1`, updatedAt: new Date() })
    .where(eq(smallGroupPlans.courseId, courseId))
    .returning({ version: smallGroupPlans.version });
  return row!.version;
}
