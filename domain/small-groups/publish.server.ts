// Publishing the small groups: every participant is emailed their group, its leaders, room and
// first small-group session. Refused while a participant is unplaced or a rule is broken.
import type { Db } from '#db/client.server.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { loadCourseGroups } from './course-groups.server.ts';
import { notifyPlacements, type NotifyContext } from './notify.server.ts';
import { bumpPlanVersion, lockPlan } from './plan-version.server.ts';
import { summarizeGroups } from './summarize.server.ts';

export async function publishSmallGroups(
  db: Db,
  input: { organizationId: string; courseId: string; version: number },
  actor: Actor,
  context: NotifyContext,
): Promise<{ version: number; emailIds: string[]; alreadyPublished: boolean }> {
  return db.transaction(async (tx) => {
    const plan = await lockPlan(tx, input.organizationId, input.courseId, input.version);
    if (plan.publishedAt) return { version: plan.version, emailIds: [], alreadyPublished: true };
    const state = await loadCourseGroups(tx, input.organizationId, input.courseId);
    if (state.groups.length === 0) throw new DomainError('SMALL_GROUPS_NO_GROUPS');
    if (state.participants.length === 0) throw new DomainError('SMALL_GROUPS_NO_PARTICIPANTS');
    const summary = summarizeGroups(state);
    if (summary.violations.length > 0) throw new DomainError('SMALL_GROUPS_RULES_BROKEN', summary.violations.join('; '));
    const publishedAt = new Date();
    const version = await bumpPlanVersion(tx, input.courseId, { publishedAt });
    await recordAudit(tx, actor, {
      organizationId: input.organizationId,
      action: 'small_groups.published',
      entityType: 'course',
      entityId: input.courseId,
      before: { publishedAt: null },
      after: { publishedAt: publishedAt.toISOString(), groups: summary.cards.map((c) => ({ name: c.name, members: c.members.length })) },
    });
    const published = { ...state, plan: { ...state.plan, publishedAt } };
    const emailIds = await notifyPlacements(tx, published, state.participants.map((p) => p.registrationId), 'published', context);
    return { version, emailIds, alreadyPublished: false };
  });
}
