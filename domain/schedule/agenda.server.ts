// A person's agenda for one course: a participant with a place (accepted or confirmed), or a
// faculty member whose faculty entry is linked to their account. Participants see the public
// sessions; faculty see every session (a faculty meeting is not on the public page). For
// small-group sessions each sees their own group's name, room and leaders once the director
// has published the groups, and "to be announced" until then.
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import type { SessionKind } from '#db/schema/course-running.ts';
import { smallGroupLeaders, smallGroupMembers, smallGroupPlans, smallGroups } from '#db/schema/course-running.ts';
import { courseFaculty } from '#db/schema/courses.ts';
import { registrations, type RegistrationStatus } from '#db/schema/registration.ts';
import { findSessions, schedulePublishedAt } from './find-schedule.server.ts';

/** Registration statuses that have a place on the course, and so an agenda. */
export const AGENDA_STATUSES: readonly RegistrationStatus[] = ['accepted', 'confirmed'];

export interface AgendaGroup {
  name: string;
  room: string;
  leaders: string[];
}

export interface AgendaItem {
  id: string;
  calendarUid: string;
  sequence: number;
  kind: SessionKind;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  updatedAt: Date;
  /** The group's room for a small-group session (the session's room when the group has none). */
  room: string;
  onlineUrl: string;
  /** Small-group sessions only: the person's group, or null while groups are not announced. */
  group: AgendaGroup | null;
  groupPending: boolean;
}

export interface Agenda {
  role: 'participant' | 'faculty';
  /** Null while the schedule is not published. */
  items: AgendaItem[] | null;
  groups: AgendaGroup[];
}

/** Who the person is on this course, or null when they have no agenda there. */
export async function agendaRole(db: DbOrTx, scope: { organizationId: string; courseId: string }, userId: string) {
  const [registration] = await db
    .select({ id: registrations.id })
    .from(registrations)
    .where(
      and(
        eq(registrations.organizationId, scope.organizationId),
        eq(registrations.courseId, scope.courseId),
        eq(registrations.userId, userId),
        inArray(registrations.status, [...AGENDA_STATUSES]),
      ),
    );
  const faculty = await db
    .select({ id: courseFaculty.id })
    .from(courseFaculty)
    .where(and(eq(courseFaculty.organizationId, scope.organizationId), eq(courseFaculty.courseId, scope.courseId), eq(courseFaculty.userId, userId)));
  if (faculty.length > 0) return { role: 'faculty' as const, registrationId: registration?.id ?? null, facultyIds: faculty.map((f) => f.id) };
  if (registration) return { role: 'participant' as const, registrationId: registration.id, facultyIds: [] as string[] };
  return null;
}

async function groupsOf(db: DbOrTx, courseId: string, registrationId: string | null, facultyIds: string[]): Promise<AgendaGroup[]> {
  const [plan] = await db.select({ publishedAt: smallGroupPlans.publishedAt }).from(smallGroupPlans).where(and(eq(smallGroupPlans.courseId, courseId), isNotNull(smallGroupPlans.publishedAt)));
  if (!plan) return [];
  const groupIds = new Set<string>();
  if (registrationId) {
    const rows = await db.select({ id: smallGroupMembers.smallGroupId }).from(smallGroupMembers).where(eq(smallGroupMembers.registrationId, registrationId));
    rows.forEach((r) => groupIds.add(r.id));
  }
  if (facultyIds.length > 0) {
    const rows = await db.select({ id: smallGroupLeaders.smallGroupId }).from(smallGroupLeaders).where(inArray(smallGroupLeaders.courseFacultyId, facultyIds));
    rows.forEach((r) => groupIds.add(r.id));
  }
  if (groupIds.size === 0) return [];
  const groups = await db
    .select()
    .from(smallGroups)
    .where(and(eq(smallGroups.courseId, courseId), inArray(smallGroups.id, [...groupIds])))
    .orderBy(smallGroups.position);
  const leaders = await db
    .select({ groupId: smallGroupLeaders.smallGroupId, name: courseFaculty.name, credentials: courseFaculty.credentials, position: courseFaculty.position })
    .from(smallGroupLeaders)
    .innerJoin(courseFaculty, eq(courseFaculty.id, smallGroupLeaders.courseFacultyId))
    .where(inArray(smallGroupLeaders.smallGroupId, groups.map((g) => g.id)))
    .orderBy(courseFaculty.position);
  return groups.map((g) => ({
    name: g.name,
    room: g.room,
    leaders: leaders.filter((l) => l.groupId === g.id).map((l) => (l.credentials ? `${l.name}, ${l.credentials}` : l.name)),
  }));
}

/** The agenda, or null when the person has no place on the course and is not on its faculty. */
export async function findAgenda(db: DbOrTx, scope: { organizationId: string; courseId: string }, userId: string): Promise<Agenda | null> {
  const who = await agendaRole(db, scope, userId);
  if (!who) return null;
  const groups = await groupsOf(db, scope.courseId, who.registrationId, who.facultyIds);
  if (!(await schedulePublishedAt(db, scope.organizationId, scope.courseId))) return { role: who.role, items: null, groups };
  const sessions = await findSessions(db, scope.organizationId, scope.courseId, who.role === 'faculty' ? 'all' : 'public');
  // One group is the usual case; a faculty member leading two sees both names and rooms.
  const group: AgendaGroup | null =
    groups.length === 0
      ? null
      : groups.length === 1
        ? groups[0]!
        : { name: groups.map((g) => g.name).join(' / '), room: groups.map((g) => g.room).filter(Boolean).join(' / '), leaders: groups.flatMap((g) => g.leaders) };
  const items = sessions.map((s) => {
    const small = s.kind === 'small_group';
    return {
      id: s.id,
      calendarUid: s.calendarUid,
      sequence: s.sequence,
      kind: s.kind,
      title: s.title,
      description: s.description,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      updatedAt: s.updatedAt,
      room: small && group?.room ? group.room : s.room,
      onlineUrl: s.onlineUrl,
      group: small ? group : null,
      groupPending: small && group === null,
    };
  });
  return { role: who.role, items, groups };
}
