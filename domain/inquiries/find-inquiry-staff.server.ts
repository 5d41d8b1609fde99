// Who handles inquiries in an organization: the people holding `inquiries:manage` there. They
// are told of each new inquiry, and an inquiry is assigned to one of them.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { organizationRoles, users } from '#db/schema/accounts.ts';
import { PERMISSIONS } from '#domain/accounts/permissions.ts';

export async function findInquiryStaff(db: DbOrTx, organizationId: string): Promise<{ userId: string; name: string; email: string }[]> {
  return db
    .selectDistinct({ userId: users.id, name: users.name, email: users.email })
    .from(organizationRoles)
    .innerJoin(users, eq(users.id, organizationRoles.userId))
    .where(and(eq(organizationRoles.organizationId, organizationId), inArray(organizationRoles.role, [...PERMISSIONS['inquiries:manage']])))
    .orderBy(asc(users.name), asc(users.id));
}
