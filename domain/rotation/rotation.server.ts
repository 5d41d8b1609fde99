// The rotation of a course's small groups, stored: generating it (a plan for every group,
// keeping the sessions someone edited by hand), editing one session of one group (the group's
// faculty or the course's staff), and reading a group's plan (its members, faculty and staff).
// A turn names who presents, never what: no column holds case content (ADR 0053, ADR 0056).
import { and, asc, eq, inArray, isNotNull, notInArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '#db/client.server.ts';
import type { Role } from '#db/schema/accounts.ts';
import { courseFaculty, courses } from '#db/schema/courses.ts';
import { courseSessions, participantGroupingFacts, rotationTurns, smallGroupLeaders, smallGroupMembers, smallGroups, type RotationRole } from '#db/schema/course-running.ts';
import { registrations } from '#db/schema/registration.ts';
import { rolesGrant } from '#domain/accounts/permissions.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { withScarceLocks } from '#domain/transaction.server.ts';
import { generateRotation, type LeadingMode, type RotationMember } from './generate-rotation.ts';

const PARTICIPATING = ['accepted', 'confirmed'] as const;

export interface RotationGroup {
  id: string;
  name: string;
  room: string;
  courseId: string;
  courseTitle: string;
  timeZone: string;
}

async function getGroup(db: DbOrTx, organizationId: string, groupId: string): Promise<RotationGroup> {
  const [group] = await db
    .select({ id: smallGroups.id, name: smallGroups.name, room: smallGroups.room, courseId: smallGroups.courseId, courseTitle: courses.title, timeZone: courses.timeZone })
    .from(smallGroups)
    .innerJoin(courses, eq(courses.id, smallGroups.courseId))
    .where(and(eq(smallGroups.organizationId, organizationId), eq(smallGroups.id, groupId)));
  if (!group) throw new DomainError('SMALL_GROUP_NOT_FOUND', groupId);
  return group;
}

/** The course's small-group sessions, in time order: the rotation's sessions. */
async function groupSessions(db: DbOrTx, organizationId: string, courseId: string) {
  return db
    .select({ id: courseSessions.id, title: courseSessions.title, startsAt: courseSessions.startsAt })
    .from(courseSessions)
    .where(and(eq(courseSessions.organizationId, organizationId), eq(courseSessions.courseId, courseId), eq(courseSessions.kind, 'small_group')))
    .orderBy(asc(courseSessions.startsAt), asc(courseSessions.id));
}

export interface RotationMemberView extends RotationMember {
  name: string;
  userId: string;
}

async function groupMembers(db: DbOrTx, organizationId: string, groupIds: string[]): Promise<(RotationMemberView & { groupId: string })[]> {
  if (groupIds.length === 0) return [];
  const rows = await db
    .select({
      registrationId: registrations.id,
      name: registrations.name,
      userId: registrations.userId,
      groupId: smallGroupMembers.smallGroupId,
      willingToPresent: sql<boolean>`coalesce((${registrations.answers}->>'willingToPresent')::boolean, false)`,
      coLeaderCandidate: sql<boolean>`coalesce(${participantGroupingFacts.coLeaderCandidate}, false)`,
    })
    .from(smallGroupMembers)
    .innerJoin(registrations, eq(registrations.id, smallGroupMembers.registrationId))
    .leftJoin(participantGroupingFacts, eq(participantGroupingFacts.registrationId, registrations.id))
    .where(and(eq(smallGroupMembers.organizationId, organizationId), inArray(smallGroupMembers.smallGroupId, groupIds), inArray(registrations.status, [...PARTICIPATING])))
    .orderBy(asc(registrations.name));
  return rows;
}

/** Who may see and who may change a group's rotation. */
export type RotationAccess = 'edit' | 'view' | null;

export async function rotationAccess(db: DbOrTx, input: { organizationId: string; groupId: string; userId: string; roles: readonly Role[] }): Promise<RotationAccess> {
  if (rolesGrant(input.roles, 'course:manage')) return 'edit';
  const [leads] = await db
    .select({ id: smallGroupLeaders.smallGroupId })
    .from(smallGroupLeaders)
    .innerJoin(courseFaculty, eq(courseFaculty.id, smallGroupLeaders.courseFacultyId))
    .where(and(eq(smallGroupLeaders.organizationId, input.organizationId), eq(smallGroupLeaders.smallGroupId, input.groupId), eq(courseFaculty.userId, input.userId)));
  if (leads) return 'edit';
  const [member] = await db
    .select({ id: registrations.id })
    .from(smallGroupMembers)
    .innerJoin(registrations, eq(registrations.id, smallGroupMembers.registrationId))
    .where(
      and(
        eq(smallGroupMembers.organizationId, input.organizationId),
        eq(smallGroupMembers.smallGroupId, input.groupId),
        eq(registrations.userId, input.userId),
        notInArray(registrations.status, ['cancelled', 'withdrawn', 'declined']),
      ),
    );
  return member ? 'view' : null;
}

export interface GroupRotation {
  group: RotationGroup;
  faculty: string[];
  members: RotationMemberView[];
  sessions: { id: string; title: string; startsAt: Date; edited: boolean; presenters: string[]; leaders: string[]; coLeaders: string[] }[];
}

/** A group's plan: SMALL_GROUP_NOT_FOUND for another organization's group. */
export async function getGroupRotation(db: DbOrTx, input: { organizationId: string; groupId: string }): Promise<GroupRotation> {
  const group = await getGroup(db, input.organizationId, input.groupId);
  const [sessions, members, turns, faculty] = await Promise.all([
    groupSessions(db, input.organizationId, group.courseId),
    groupMembers(db, input.organizationId, [group.id]),
    db.select().from(rotationTurns).where(and(eq(rotationTurns.organizationId, input.organizationId), eq(rotationTurns.smallGroupId, group.id))),
    db
      .select({ name: courseFaculty.name })
      .from(smallGroupLeaders)
      .innerJoin(courseFaculty, eq(courseFaculty.id, smallGroupLeaders.courseFacultyId))
      .where(and(eq(smallGroupLeaders.organizationId, input.organizationId), eq(smallGroupLeaders.smallGroupId, group.id)))
      .orderBy(asc(courseFaculty.position)),
  ]);
  const of = (sessionId: string, role: RotationRole) => turns.filter((t) => t.sessionId === sessionId && t.role === role).map((t) => t.registrationId);
  return {
    group,
    faculty: faculty.map((f) => f.name),
    members: members.map(({ groupId: _g, ...m }) => m),
    sessions: sessions.map((s) => ({
      ...s,
      edited: turns.some((t) => t.sessionId === s.id && t.updatedBy !== null),
      presenters: of(s.id, 'presenter'),
      leaders: of(s.id, 'leader'),
      coLeaders: of(s.id, 'co_leader'),
    })),
  };
}

/** The groups of a course whose rotation a staff member opens. */
export async function findCourseGroups(db: DbOrTx, organizationId: string, courseId: string) {
  const groups = await db
    .select({ id: smallGroups.id, name: smallGroups.name })
    .from(smallGroups)
    .where(and(eq(smallGroups.organizationId, organizationId), eq(smallGroups.courseId, courseId)))
    .orderBy(asc(smallGroups.position));
  const counts = await db
    .select({ groupId: rotationTurns.smallGroupId, n: sql<number>`count(*)::int` })
    .from(rotationTurns)
    .where(and(eq(rotationTurns.organizationId, organizationId), eq(rotationTurns.courseId, courseId)))
    .groupBy(rotationTurns.smallGroupId);
  const sessions = await groupSessions(db, organizationId, courseId);
  return { groups: groups.map((g) => ({ ...g, turns: counts.find((c) => c.groupId === g.id)?.n ?? 0 })), sessionCount: sessions.length };
}

/** The small groups a person's registrations place them in (for "my group's rotation"). */
export async function findMyGroups(db: DbOrTx, organizationId: string, userId: string) {
  return db
    .select({ id: smallGroups.id, name: smallGroups.name, courseTitle: courses.title })
    .from(smallGroupMembers)
    .innerJoin(registrations, eq(registrations.id, smallGroupMembers.registrationId))
    .innerJoin(smallGroups, eq(smallGroups.id, smallGroupMembers.smallGroupId))
    .innerJoin(courses, eq(courses.id, smallGroups.courseId))
    .where(and(eq(smallGroupMembers.organizationId, organizationId), eq(registrations.userId, userId), inArray(registrations.status, [...PARTICIPATING])))
    .orderBy(asc(courses.startsOn));
}

/**
 * Generates and stores the rotation of every small group of a course. Turns edited by hand
 * (updated_by set) are kept, with every turn of their session; the other sessions' turns are
 * replaced. Each group's row is locked while its plan is written, so two staff generating at
 * once write one plan each in turn, never a mixture. Audited per group.
 */
export async function generateCourseRotation(
  db: Db,
  input: { organizationId: string; courseId: string; seed?: number; leading?: LeadingMode },
  actor: Actor,
): Promise<{ groups: number; turns: number }> {
  return withScarceLocks(db, async (tx) => {
    const groups = await tx
      .select({ id: smallGroups.id })
      .from(smallGroups)
      .where(and(eq(smallGroups.organizationId, input.organizationId), eq(smallGroups.courseId, input.courseId)))
      .orderBy(asc(smallGroups.id))
      .for('update');
    const sessions = await groupSessions(tx, input.organizationId, input.courseId);
    const members = await groupMembers(
      tx,
      input.organizationId,
      groups.map((g) => g.id),
    );
    let written = 0;
    for (const group of groups) {
      const edited = await tx
        .selectDistinct({ sessionId: rotationTurns.sessionId })
        .from(rotationTurns)
        .where(and(eq(rotationTurns.smallGroupId, group.id), isNotNull(rotationTurns.updatedBy)));
      const keep = new Set(edited.map((e) => e.sessionId));
      const before = await tx.select({ sessionId: rotationTurns.sessionId, registrationId: rotationTurns.registrationId, role: rotationTurns.role }).from(rotationTurns).where(eq(rotationTurns.smallGroupId, group.id));
      const plan = generateRotation({
        members: members.filter((m) => m.groupId === group.id),
        sessionIds: sessions.map((s) => s.id),
        // One seed per course and group, so generating again gives the same plan.
        seed: (input.seed ?? 1) ^ hash(group.id),
        leading: input.leading,
      }).filter((t) => !keep.has(t.sessionId));
      const replaced = sessions.map((s) => s.id).filter((id) => !keep.has(id));
      if (replaced.length > 0) await tx.delete(rotationTurns).where(and(eq(rotationTurns.smallGroupId, group.id), inArray(rotationTurns.sessionId, replaced)));
      if (plan.length > 0) {
        await tx.insert(rotationTurns).values(plan.map((t) => ({ organizationId: input.organizationId, courseId: input.courseId, smallGroupId: group.id, sessionId: t.sessionId, registrationId: t.registrationId, role: t.role, updatedBy: null })));
      }
      written += plan.length;
      await recordAudit(tx, actor, {
        organizationId: input.organizationId,
        action: 'rotation.generated',
        entityType: 'small_group',
        entityId: group.id,
        before: { turns: before },
        after: { turns: plan, keptSessions: [...keep] },
      });
    }
    return { groups: groups.length, turns: written };
  });
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

export interface SessionTurnsInput {
  organizationId: string;
  groupId: string;
  sessionId: string;
  presenters: string[];
  leaders: string[];
  coLeaders: string[];
}

/**
 * Replaces one session's turns in one group, by the group's faculty or the course's staff
 * (the caller checks rotationAccess === 'edit'). Everyone named must be a member of the group;
 * nobody presents and practises leading in the same session. Audited with the turns before and after.
 */
export async function setSessionTurns(db: Db, input: SessionTurnsInput, actor: Actor & { userId: string }): Promise<void> {
  await withScarceLocks(db, async (tx) => {
    const [group] = await tx
      .select()
      .from(smallGroups)
      .where(and(eq(smallGroups.organizationId, input.organizationId), eq(smallGroups.id, input.groupId)))
      .for('update');
    if (!group) throw new DomainError('SMALL_GROUP_NOT_FOUND', input.groupId);
    const [session] = await tx
      .select({ id: courseSessions.id })
      .from(courseSessions)
      .where(and(eq(courseSessions.organizationId, input.organizationId), eq(courseSessions.courseId, group.courseId), eq(courseSessions.id, input.sessionId), eq(courseSessions.kind, 'small_group')));
    if (!session) throw new DomainError('ROTATION_SESSION_NOT_FOUND', input.sessionId);
    const members = new Set((await groupMembers(tx, input.organizationId, [group.id])).map((m) => m.registrationId));
    const named = [...input.presenters, ...input.leaders, ...input.coLeaders];
    if (!named.every((id) => members.has(id))) throw new DomainError('ROTATION_NOT_A_MEMBER', '', { rotation: 'ROTATION_NOT_A_MEMBER' });
    // A presenter cannot practise leading the discussion of their own case. Co-leading where one
    // presents is what the generator gives only when it cannot be avoided (a group with fewer
    // sessions than a candidate needs), so an edit may keep it.
    const leading = new Set(input.leaders);
    if (input.presenters.some((id) => leading.has(id))) throw new DomainError('ROTATION_TWO_ROLES');
    const where = and(eq(rotationTurns.smallGroupId, group.id), eq(rotationTurns.sessionId, session.id));
    const before = await tx.select({ registrationId: rotationTurns.registrationId, role: rotationTurns.role }).from(rotationTurns).where(where);
    await tx.delete(rotationTurns).where(where);
    const rows = [
      ...[...new Set(input.presenters)].map((id) => ({ id, role: 'presenter' as const })),
      ...[...new Set(input.leaders)].map((id) => ({ id, role: 'leader' as const })),
      ...[...new Set(input.coLeaders)].map((id) => ({ id, role: 'co_leader' as const })),
    ];
    if (rows.length > 0) {
      await tx.insert(rotationTurns).values(
        rows.map((r) => ({ organizationId: input.organizationId, courseId: group.courseId, smallGroupId: group.id, sessionId: session.id, registrationId: r.id, role: r.role, updatedBy: actor.userId, updatedAt: new Date() })),
      );
    }
    await recordAudit(tx, actor, {
      organizationId: input.organizationId,
      action: 'rotation.edited',
      entityType: 'small_group',
      entityId: `${group.id}/${session.id}`,
      before: { turns: before },
      after: { turns: rows.map((r) => ({ registrationId: r.id, role: r.role })) },
    });
  });
}

/** The small groups this account leads as faculty (their rotation pages). */
export async function findLedGroups(db: DbOrTx, organizationId: string, userId: string) {
  return db
    .select({ id: smallGroups.id, name: smallGroups.name, courseTitle: courses.title })
    .from(smallGroupLeaders)
    .innerJoin(courseFaculty, eq(courseFaculty.id, smallGroupLeaders.courseFacultyId))
    .innerJoin(smallGroups, eq(smallGroups.id, smallGroupLeaders.smallGroupId))
    .innerJoin(courses, eq(courses.id, smallGroups.courseId))
    .where(and(eq(smallGroupLeaders.organizationId, organizationId), eq(courseFaculty.userId, userId)))
    .orderBy(asc(courses.startsOn), asc(smallGroups.position));
}
