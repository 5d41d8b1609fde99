// Who may read a course's evaluation results: staff holding certificates:manage, and the
// course's own faculty (linked to a faculty entry of that course) — aggregates only, never a
// person's answers (issue 13: "anonymous to faculty").
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import type { Role } from '#db/schema/accounts.ts';
import { courseFaculty, courses } from '#db/schema/courses.ts';
import { rolesGrant } from '#domain/accounts/permissions.ts';

/** The organization's course by its public slug, when this person may read its results; else why not. */
export async function findResultsCourse(db: DbOrTx, input: { organizationId: string; courseSlug: string; userId: string; roles: readonly Role[] }) {
  const [course] = await db
    .select()
    .from(courses)
    .where(and(eq(courses.organizationId, input.organizationId), eq(courses.slug, input.courseSlug)));
  const staff = rolesGrant(input.roles, 'certificates:manage');
  // Someone who is neither staff nor faculty learns nothing, not even whether the course exists.
  if (!course) return staff ? { outcome: 'not_found' as const } : { outcome: 'refused' as const };
  if (staff) return { outcome: 'allowed' as const, course };
  const [faculty] = await db
    .select({ id: courseFaculty.id })
    .from(courseFaculty)
    .where(and(eq(courseFaculty.courseId, course.id), eq(courseFaculty.organizationId, input.organizationId), eq(courseFaculty.userId, input.userId)))
    .limit(1);
  return faculty ? { outcome: 'allowed' as const, course } : { outcome: 'refused' as const };
}
