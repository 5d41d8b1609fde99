// One registration of the organization (and of the course, when given), or undefined: a
// malformed id, another organization's or another course's registration is simply not found.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
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
