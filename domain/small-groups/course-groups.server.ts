// Everything the small-group pages and use cases read about one course: the plan (created with
// its defaults on first use), the groups with their leaders, the faculty, the participants (the
// course's accepted and confirmed registrations) with the facts the grouping weighs, and who
// sits where. Always scoped to the organization.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { profiles } from '#db/schema/accounts.ts';
import { participantGroupingFacts, smallGroupLeaders, smallGroupMembers, smallGroupPlans, smallGroups } from '#db/schema/course-running.ts';
import { courseFaculty } from '#db/schema/courses.ts';
import { registrations, type RegistrationStatus } from '#db/schema/registration.ts';
import { toProblem } from '#domain/grouping/json-format.ts';
import type { GroupingProblem } from '#domain/grouping/problem.ts';
import { t } from '#lib/i18n.ts';
import { buildGroupingInput, type GroupingParticipant } from './grouping-input.ts';

export const PARTICIPANT_STATUSES: readonly RegistrationStatus[] = ['accepted', 'confirmed'];

export type Plan = typeof smallGroupPlans.$inferSelect;

export interface Participant extends GroupingParticipant {
  userId: string;
  email: string;
  status: RegistrationStatus;
}

export interface GroupWithLeaders {
  id: string;
  position: number;
  name: string;
  room: string;
  leaders: { courseFacultyId: string; name: string; credentials: string; behavioralHealth: boolean }[];
}

export interface Member {
  registrationId: string;
  smallGroupId: string;
  pinned: boolean;
  notifiedAt: Date | null;
}

export interface CourseGroups {
  plan: Plan;
  groups: GroupWithLeaders[];
  faculty: (typeof courseFaculty.$inferSelect)[];
  participants: Participant[];
  /** Rows of small_group_members, including people who are no longer participants. */
  members: Member[];
}

/** The plan of the course, inserted with the defaults the first time anyone asks. */
export async function ensurePlan(db: DbOrTx, organizationId: string, courseId: string): Promise<Plan> {
  await db.insert(smallGroupPlans).values({ courseId, organizationId }).onConflictDoNothing();
  const [plan] = await db
    .select()
    .from(smallGroupPlans)
    .where(and(eq(smallGroupPlans.courseId, courseId), eq(smallGroupPlans.organizationId, organizationId)));
  if (!plan) throw new Error('small-group plan missing after insert');
  return plan;
}

export async function loadCourseGroups(db: DbOrTx, organizationId: string, courseId: string): Promise<CourseGroups> {
  const plan = await ensurePlan(db, organizationId, courseId);
  const groupRows = await db
    .select()
    .from(smallGroups)
    .where(and(eq(smallGroups.courseId, courseId), eq(smallGroups.organizationId, organizationId)))
    .orderBy(asc(smallGroups.position));
  const faculty = await db
    .select()
    .from(courseFaculty)
    .where(and(eq(courseFaculty.courseId, courseId), eq(courseFaculty.organizationId, organizationId)))
    .orderBy(asc(courseFaculty.position));
  const leaderRows = groupRows.length
    ? await db.select().from(smallGroupLeaders).where(inArray(smallGroupLeaders.smallGroupId, groupRows.map((g) => g.id)))
    : [];
  const facultyById = new Map(faculty.map((f) => [f.id, f]));
  const participantRows = await db
    .select({
      registrationId: registrations.id,
      userId: registrations.userId,
      name: registrations.name,
      email: registrations.email,
      status: registrations.status,
      answers: registrations.answers,
      region: profiles.region,
      experience: participantGroupingFacts.balintExperience,
      gender: participantGroupingFacts.gender,
      coLeaderCandidate: participantGroupingFacts.coLeaderCandidate,
    })
    .from(registrations)
    .leftJoin(profiles, eq(profiles.userId, registrations.userId))
    .leftJoin(participantGroupingFacts, eq(participantGroupingFacts.registrationId, registrations.id))
    .where(
      and(eq(registrations.courseId, courseId), eq(registrations.organizationId, organizationId), inArray(registrations.status, [...PARTICIPANT_STATUSES])),
    )
    .orderBy(asc(registrations.name), asc(registrations.id));
  const members = await db
    .select({
      registrationId: smallGroupMembers.registrationId,
      smallGroupId: smallGroupMembers.smallGroupId,
      pinned: smallGroupMembers.pinned,
      notifiedAt: smallGroupMembers.notifiedAt,
    })
    .from(smallGroupMembers)
    .where(and(eq(smallGroupMembers.courseId, courseId), eq(smallGroupMembers.organizationId, organizationId)));
  return {
    plan,
    faculty,
    groups: groupRows.map((g) => ({
      id: g.id,
      position: g.position,
      name: g.name,
      room: g.room,
      leaders: leaderRows
        .filter((l) => l.smallGroupId === g.id)
        .map((l) => facultyById.get(l.courseFacultyId))
        .filter((f) => f !== undefined)
        .sort((a, b) => a.position - b.position)
        .map((f) => ({ courseFacultyId: f.id, name: f.name, credentials: f.credentials, behavioralHealth: f.behavioralHealth })),
    })),
    participants: participantRows.map((p) => ({
      registrationId: p.registrationId,
      userId: p.userId,
      name: p.name,
      email: p.email,
      status: p.status,
      profession: p.answers.discipline ?? '',
      institution: p.answers.institution ?? '',
      region: p.region ?? '',
      experience: p.experience ?? '',
      gender: p.gender ?? '',
      coLeaderCandidate: p.coLeaderCandidate ?? false,
    })),
    members,
  };
}

/** The solver's problem for the course: participants in name order, pins from hand placements. */
export function courseProblem(state: CourseGroups): { problem: GroupingProblem; attributes: ReturnType<typeof buildGroupingInput>['attributes'] } {
  const groupIds = new Set(state.groups.map((g) => g.id));
  const pins = new Map(state.members.filter((m) => m.pinned && groupIds.has(m.smallGroupId)).map((m) => [m.registrationId, m.smallGroupId]));
  const input = buildGroupingInput({
    participants: state.participants,
    groups: state.groups,
    minSize: state.plan.minSize,
    maxSize: state.plan.maxSize,
    weights: state.plan.weights,
    pins,
    coLeaderLabel: t('smallGroups.coLeaderCandidates'),
    pinReason: t('smallGroups.pinReason'),
  });
  return { problem: toProblem(input).problem, attributes: input.attributes };
}

/** Each participant's current group index (-1: not placed), in `state.participants` order. */
export function currentAssignment(state: CourseGroups): Int32Array {
  const groupIndex = new Map(state.groups.map((g, i) => [g.id, i]));
  const placed = new Map(state.members.map((m) => [m.registrationId, groupIndex.get(m.smallGroupId) ?? -1]));
  return Int32Array.from(state.participants, (p) => placed.get(p.registrationId) ?? -1);
}
