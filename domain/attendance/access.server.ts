// Who may take attendance for whom. Staff with 'attendance:take' mark anyone at any session of
// the organization's courses; a faculty member marks only the members of the small groups they
// lead: their course_faculty entry is linked to their account (course_faculty.user_id) and
// leads the group (small_group_leaders). Participants read their own record only.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import type { Role } from '#db/schema/accounts.ts';
import { courseFaculty } from '#db/schema/courses.ts';
import { smallGroupLeaders, smallGroups } from '#db/schema/course-running.ts';
import { rolesGrant } from '#domain/accounts/permissions.ts';

export interface AttendanceAccess {
  userId: string;
  /** Marks anyone: 'attendance:take'. */
  staff: boolean;
  /** The small groups this person leads as faculty (any course of the organization). */
  ledGroupIds: ReadonlySet<string>;
}

/** The small groups whose faculty entry is linked to this account, in one organization. */
export async function findLedGroupIds(db: DbOrTx, organizationId: string, userId: string, courseId?: string): Promise<Set<string>> {
  const rows = await db
    .select({ id: smallGroupLeaders.smallGroupId })
    .from(smallGroupLeaders)
    .innerJoin(courseFaculty, eq(courseFaculty.id, smallGroupLeaders.courseFacultyId))
    .innerJoin(smallGroups, eq(smallGroups.id, smallGroupLeaders.smallGroupId))
    .where(
      and(
        eq(smallGroupLeaders.organizationId, organizationId),
        eq(courseFaculty.organizationId, organizationId),
        eq(courseFaculty.userId, userId),
        ...(courseId ? [eq(smallGroups.courseId, courseId)] : []),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

export async function getAttendanceAccess(db: DbOrTx, input: { organizationId: string; userId: string; roles: readonly Role[] }): Promise<AttendanceAccess> {
  return {
    userId: input.userId,
    staff: rolesGrant(input.roles, 'attendance:take'),
    ledGroupIds: await findLedGroupIds(db, input.organizationId, input.userId),
  };
}

/** Whether this person takes attendance at all: staff, or faculty leading at least one group. */
export function takesAttendance(access: AttendanceAccess): boolean {
  return access.staff || access.ledGroupIds.size > 0;
}

/** Whether this person may mark a participant placed in `smallGroupId` (null: in no group). */
export function mayMark(access: AttendanceAccess, smallGroupId: string | null): boolean {
  return access.staff || (smallGroupId !== null && access.ledGroupIds.has(smallGroupId));
}
