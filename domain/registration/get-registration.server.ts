// One registration of the organization (and of the course, when given), or undefined: a
// malformed id, another organization's or another course's registration is simply not found.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { courses } from '#db/schema/courses.ts';
import { organizations } from '#db/schema/organizations.ts';
import { registrations } from '#db/schema/registration.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findRegistration(db: DbOrTx, where: { organizationId: string; registrationId: string | undefined; courseId?: string }) {
  if (!UUID.test(where.registrationId ?? '')) return undefined;
  const [registration] = await db
    .select()
    .from(registrations)
    .where(
      and(
        eq(registrations.id, where.registrationId!),
        eq(registrations.organizationId, where.organizationId),
        ...(where.courseId ? [eq(registrations.courseId, where.courseId)] : []),
      ),
    );
  return registration;
}

/**
 * One registration with the organization's and the course's slugs (what its addresses need),
 * or undefined. Given an organization, scoped to it. Without one (the API's "own registration",
 * whose caller is checked against the row afterwards) any organization's: the caller must then
 * show it only to its applicant or to that organization's staff.
 */
export async function findRegistrationWithSlugs(db: DbOrTx, where: { registrationId: string; organizationId?: string }) {
  if (!UUID.test(where.registrationId)) return undefined;
  const [row] = await db
    .select({ registration: registrations, organizationSlug: organizations.slug, courseSlug: courses.slug })
    .from(registrations)
    .innerJoin(courses, and(eq(courses.id, registrations.courseId), eq(courses.organizationId, registrations.organizationId)))
    .innerJoin(organizations, eq(organizations.id, registrations.organizationId))
    .where(and(eq(registrations.id, where.registrationId), ...(where.organizationId ? [eq(registrations.organizationId, where.organizationId)] : [])));
  return row;
}
