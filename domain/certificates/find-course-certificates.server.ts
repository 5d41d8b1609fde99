// The certificates issued for a course, for its staff: every one (valid, revoked, superseded),
// newest first, and one of them for a staff download.
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { certificates } from '#db/schema/credit.ts';
import { isUuid } from '#lib/ids.ts';

export async function findCourseCertificates(db: DbOrTx, where: { organizationId: string; courseId: string }) {
  return db
    .select()
    .from(certificates)
    .where(and(eq(certificates.organizationId, where.organizationId), eq(certificates.courseId, where.courseId)))
    .orderBy(desc(certificates.issuedAt), certificates.recipientName, certificates.body);
}

/** One certificate of the course in the organization, or undefined. */
export async function findCourseCertificate(db: DbOrTx, where: { organizationId: string; courseId: string; certificateId: string }) {
  if (!isUuid(where.certificateId)) return undefined;
  const [row] = await db
    .select()
    .from(certificates)
    .where(and(eq(certificates.id, where.certificateId), eq(certificates.organizationId, where.organizationId), eq(certificates.courseId, where.courseId)));
  return row;
}
