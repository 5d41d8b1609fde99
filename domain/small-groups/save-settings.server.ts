// The director's small-group settings: how many groups and their size bounds, the weights of
// the mix, the leader rules; then each group's name, room and faculty leaders.
import { and, eq, gte, inArray } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { smallGroupLeaders, smallGroups, type GroupingWeights, type LeaderRules } from '#db/schema/course-running.ts';
import { courseFaculty } from '#db/schema/courses.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { t } from '#lib/i18n.ts';
import { loadCourseGroups } from './course-groups.server.ts';
import { findLeaderViolations } from './leader-rules.ts';
import { bumpPlanVersion, lockPlan } from './plan-version.server.ts';

export interface SettingsInput {
  organizationId: string;
  courseId: string;
  version: number;
  groupCount: number;
  minSize: number;
  maxSize: number;
  weights: GroupingWeights;
  leaderRules: LeaderRules;
}

export { SETTINGS_LIMITS } from './limits.ts';

export async function saveSmallGroupSettings(db: Db, input: SettingsInput, actor: Actor): Promise<{ version: number }> {
  if (input.minSize > input.maxSize) throw new DomainError('SMALL_GROUPS_SETTINGS_INVALID', 'minSize > maxSize', { minSize: 'MIN_ABOVE_MAX' });
  return db.transaction(async (tx) => {
    const plan = await lockPlan(tx, input.organizationId, input.courseId, input.version);
    const existing = await tx.select().from(smallGroups).where(eq(smallGroups.courseId, input.courseId));
    const positions = new Set(existing.map((g) => g.position));
    const missing = [];
    for (let position = 0; position < input.groupCount; position++) {
      if (!positions.has(position)) {
        missing.push({ organizationId: input.organizationId, courseId: input.courseId, position, name: t('smallGroups.defaultName', { number: position + 1 }) });
      }
    }
    if (missing.length) await tx.insert(smallGroups).values(missing);
    // Fewer groups: the last ones go, and their members wait to be placed again.
    await tx.delete(smallGroups).where(and(eq(smallGroups.courseId, input.courseId), gte(smallGroups.position, input.groupCount)));
    const after = { groupCount: input.groupCount, minSize: input.minSize, maxSize: input.maxSize, weights: input.weights, leaderRules: input.leaderRules };
    const version = await bumpPlanVersion(tx, input.courseId, { minSize: input.minSize, maxSize: input.maxSize, weights: input.weights, leaderRules: input.leaderRules });
    await recordAudit(tx, actor, {
      organizationId: input.organizationId,
      action: 'small_groups.settings_saved',
      entityType: 'course',
      entityId: input.courseId,
      before: { groupCount: existing.length, minSize: plan.minSize, maxSize: plan.maxSize, weights: plan.weights, leaderRules: plan.leaderRules },
      after,
    });
    return { version };
  });
}

export interface GroupDetailsInput {
  organizationId: string;
  courseId: string;
  version: number;
  groups: { id: string; name: string; room: string; leaderIds: string[] }[];
}

/** Saves names, rooms and leaders of every group; answers the leader rules still broken, in words. */
export async function saveGroupDetails(db: Db, input: GroupDetailsInput, actor: Actor): Promise<{ version: number; violations: string[] }> {
  return db.transaction(async (tx) => {
    await lockPlan(tx, input.organizationId, input.courseId, input.version);
    const before = await loadCourseGroups(tx, input.organizationId, input.courseId);
    const known = new Set(before.groups.map((g) => g.id));
    for (const g of input.groups) if (!known.has(g.id)) throw new DomainError('SMALL_GROUPS_GROUP_NOT_FOUND', g.id);
    const facultyIds = [...new Set(input.groups.flatMap((g) => g.leaderIds))];
    if (facultyIds.length) {
      const found = await tx
        .select({ id: courseFaculty.id })
        .from(courseFaculty)
        .where(and(eq(courseFaculty.courseId, input.courseId), eq(courseFaculty.organizationId, input.organizationId), inArray(courseFaculty.id, facultyIds)));
      if (found.length !== facultyIds.length) throw new DomainError('SMALL_GROUPS_FACULTY_NOT_FOUND');
    }
    for (const g of input.groups) {
      await tx.update(smallGroups).set({ name: g.name, room: g.room }).where(eq(smallGroups.id, g.id));
      await tx.delete(smallGroupLeaders).where(eq(smallGroupLeaders.smallGroupId, g.id));
      const leaders = [...new Set(g.leaderIds)];
      if (leaders.length) {
        await tx.insert(smallGroupLeaders).values(leaders.map((courseFacultyId) => ({ smallGroupId: g.id, courseFacultyId, organizationId: input.organizationId })));
      }
    }
    const version = await bumpPlanVersion(tx, input.courseId);
    const after = await loadCourseGroups(tx, input.organizationId, input.courseId);
    const describe = (state: typeof before) => state.groups.map((g) => ({ id: g.id, name: g.name, room: g.room, leaders: g.leaders.map((l) => l.name) }));
    await recordAudit(tx, actor, {
      organizationId: input.organizationId,
      action: 'small_groups.groups_saved',
      entityType: 'course',
      entityId: input.courseId,
      before: describe(before),
      after: describe(after),
    });
    return { version, violations: findLeaderViolations(after.groups, after.plan.leaderRules) };
  });
}
