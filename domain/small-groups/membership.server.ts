// Who sits in which small group: applying an optimizer result, a director's move by hand
// (which pins the person), and placing late changes (a cancellation, a newly accepted
// participant) with the fewest moves. After publication, each of these emails only the
// people whose group changed.
import { and, eq, notInArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '#db/client.server.ts';
import { groupingRuns, smallGroupMembers } from '#db/schema/course-running.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { reoptimize } from '#domain/grouping/reoptimize.ts';
import { courseProblem, currentAssignment, loadCourseGroups, type CourseGroups } from './course-groups.server.ts';
import { notifyPlacements, type NotifyContext } from './notify.server.ts';
import { bumpPlanVersion, lockPlan } from './plan-version.server.ts';

export interface MembershipChange {
  version: number;
  /** Participants whose group changed (or who were placed for the first time). */
  changed: string[];
  /** Registrations taken out of the groups because they are no longer participants. */
  removed: string[];
  emailIds: string[];
}

/**
 * Writes the target placements (registrationId → smallGroupId) for the listed people; rows of
 * registrations that are no longer participants are removed.
 */
async function writePlacements(
  tx: DbOrTx,
  state: CourseGroups,
  target: ReadonlyMap<string, string>,
  pinnedNow: ReadonlySet<string>,
  actor: Actor,
): Promise<{ changed: string[]; removed: string[] }> {
  const participantIds = state.participants.map((p) => p.registrationId);
  const stale = state.members.filter((m) => !participantIds.includes(m.registrationId)).map((m) => m.registrationId);
  if (stale.length) {
    await tx
      .delete(smallGroupMembers)
      .where(and(eq(smallGroupMembers.courseId, state.plan.courseId), participantIds.length ? notInArray(smallGroupMembers.registrationId, participantIds) : undefined));
  }
  const current = new Map(state.members.map((m) => [m.registrationId, m]));
  const changed: string[] = [];
  for (const [registrationId, smallGroupId] of target) {
    const before = current.get(registrationId);
    const pinned = pinnedNow.has(registrationId);
    if (before && before.smallGroupId === smallGroupId && before.pinned === pinned) continue;
    await tx
      .insert(smallGroupMembers)
      .values({ registrationId, smallGroupId, pinned, organizationId: state.plan.organizationId, courseId: state.plan.courseId, placedBy: actor.userId })
      .onConflictDoUpdate({ target: smallGroupMembers.registrationId, set: { smallGroupId, pinned, placedBy: actor.userId, placedAt: new Date() } });
    if (before?.smallGroupId !== smallGroupId) changed.push(registrationId);
  }
  return { changed, removed: stale };
}

async function finish(
  tx: DbOrTx,
  organizationId: string,
  courseId: string,
  action: string,
  result: { changed: string[]; removed: string[] },
  before: CourseGroups,
  actor: Actor,
  context: NotifyContext,
  detail: Record<string, unknown> = {},
): Promise<MembershipChange> {
  const version = await bumpPlanVersion(tx, courseId);
  const after = await loadCourseGroups(tx, organizationId, courseId);
  const groupName = (state: CourseGroups, id: string) => state.groups.find((g) => g.id === state.members.find((m) => m.registrationId === id)?.smallGroupId)?.name ?? null;
  await recordAudit(tx, actor, {
    organizationId,
    action,
    entityType: 'course',
    entityId: courseId,
    before: { version: before.plan.version, placements: Object.fromEntries([...result.changed, ...result.removed].map((id) => [id, groupName(before, id)])) },
    after: { version, placements: Object.fromEntries(result.changed.map((id) => [id, groupName(after, id)])), removed: result.removed, ...detail },
  });
  const emailIds = after.plan.publishedAt ? await notifyPlacements(tx, after, result.changed, 'changed', context) : [];
  return { version, ...result, emailIds };
}

/** The director accepts an optimizer run's best assignment; hand placements stay where they are. */
export async function applyOptimizerRun(
  db: Db,
  input: { organizationId: string; courseId: string; runId: string; version: number },
  actor: Actor,
  context: NotifyContext,
): Promise<MembershipChange> {
  return db.transaction(async (tx) => {
    await lockPlan(tx, input.organizationId, input.courseId, input.version);
    const [run] = await tx
      .select()
      .from(groupingRuns)
      .where(and(eq(groupingRuns.id, input.runId), eq(groupingRuns.courseId, input.courseId), eq(groupingRuns.organizationId, input.organizationId)));
    if (!run) throw new DomainError('SMALL_GROUPS_RUN_NOT_FOUND', input.runId);
    if (run.status === 'running' || !run.bestAssignment) throw new DomainError('SMALL_GROUPS_RUN_HAS_NO_RESULT', run.status);
    const state = await loadCourseGroups(tx, input.organizationId, input.courseId);
    const groupIds = new Set(state.groups.map((g) => g.id));
    const pinned = new Map(state.members.filter((m) => m.pinned && groupIds.has(m.smallGroupId)).map((m) => [m.registrationId, m.smallGroupId]));
    const target = new Map<string, string>();
    for (const p of state.participants) {
      const group = pinned.get(p.registrationId) ?? run.bestAssignment[p.registrationId];
      if (group && groupIds.has(group)) target.set(p.registrationId, group);
    }
    const result = await writePlacements(tx, state, target, new Set(pinned.keys()), actor);
    return finish(tx, input.organizationId, input.courseId, 'small_groups.run_applied', result, state, actor, context, { runId: run.id, score: run.bestScore });
  });
}

/** A move by hand: the person is pinned to the new group, so re-optimizing keeps them there. */
export async function moveParticipant(
  db: Db,
  input: { organizationId: string; courseId: string; registrationId: string; smallGroupId: string; version: number },
  actor: Actor,
  context: NotifyContext,
): Promise<MembershipChange> {
  return db.transaction(async (tx) => {
    await lockPlan(tx, input.organizationId, input.courseId, input.version);
    const state = await loadCourseGroups(tx, input.organizationId, input.courseId);
    if (!state.participants.some((p) => p.registrationId === input.registrationId)) throw new DomainError('SMALL_GROUPS_PARTICIPANT_NOT_FOUND', input.registrationId);
    if (!state.groups.some((g) => g.id === input.smallGroupId)) throw new DomainError('SMALL_GROUPS_GROUP_NOT_FOUND', input.smallGroupId);
    const pinned = new Set(state.members.filter((m) => m.pinned).map((m) => m.registrationId));
    pinned.add(input.registrationId);
    const result = await writePlacements(tx, state, new Map([[input.registrationId, input.smallGroupId]]), pinned, actor);
    // Moving someone to the group they are in still pins them there: the change is recorded.
    return finish(tx, input.organizationId, input.courseId, 'small_groups.participant_moved', result, state, actor, context, { moved: input.registrationId, pinned: true });
  });
}

/** Releases a hand placement: the person stays, but the optimizer may move them again. */
export async function unpinParticipant(db: Db, input: { organizationId: string; courseId: string; registrationId: string; version: number }, actor: Actor): Promise<{ version: number }> {
  return db.transaction(async (tx) => {
    await lockPlan(tx, input.organizationId, input.courseId, input.version);
    const updated = await tx
      .update(smallGroupMembers)
      .set({ pinned: false })
      .where(and(eq(smallGroupMembers.registrationId, input.registrationId), eq(smallGroupMembers.courseId, input.courseId), eq(smallGroupMembers.organizationId, input.organizationId)))
      .returning({ id: smallGroupMembers.registrationId });
    if (!updated.length) throw new DomainError('SMALL_GROUPS_PARTICIPANT_NOT_FOUND', input.registrationId);
    const version = await bumpPlanVersion(tx, input.courseId);
    await recordAudit(tx, actor, { organizationId: input.organizationId, action: 'small_groups.participant_unpinned', entityType: 'registration', entityId: input.registrationId, before: { pinned: true }, after: { pinned: false } });
    return { version };
  });
}

/**
 * Late changes: people who are no longer participants (cancelled, withdrawn) leave their
 * groups, and new participants (accepted from the waitlist) are placed where they fit with the
 * fewest moves of anyone else — re-optimization with a price for every move larger than any
 * diversity it could gain. Hand placements are hard rules and never move.
 */
export async function placeLateChanges(
  db: Db,
  input: { organizationId: string; courseId: string; version: number },
  actor: Actor,
  context: NotifyContext,
): Promise<MembershipChange & { placed: string[]; infeasible?: string[] }> {
  return db.transaction(async (tx) => {
    await lockPlan(tx, input.organizationId, input.courseId, input.version);
    const state = await loadCourseGroups(tx, input.organizationId, input.courseId);
    if (state.groups.length === 0) throw new DomainError('SMALL_GROUPS_NO_GROUPS');
    const previous = currentAssignment(state);
    const unplaced = state.participants.filter((_, i) => previous[i]! < 0).map((p) => p.registrationId);
    const target = new Map<string, string>();
    let infeasible: string[] | undefined;
    if (unplaced.length > 0) {
      const { problem } = courseProblem(state);
      let total = 0;
      for (const d of problem.diversity) total += d;
      const moveGain = total + 1;
      const result = reoptimize(problem, previous, moveGain, { seed: 1, maxIterations: 40 });
      if (result.status === 'feasible') {
        result.assignment.forEach((g, i) => target.set(state.participants[i]!.registrationId, state.groups[g]!.id));
      } else {
        infeasible = result.conflicts.map((c) => c.message);
      }
    }
    const pinned = new Set(state.members.filter((m) => m.pinned).map((m) => m.registrationId));
    const result = await writePlacements(tx, state, target, pinned, actor);
    const change = await finish(tx, input.organizationId, input.courseId, 'small_groups.late_changes_placed', result, state, actor, context, { newcomers: unplaced });
    return { ...change, placed: unplaced.filter((id) => result.changed.includes(id)), ...(infeasible && { infeasible }) };
  });
}

