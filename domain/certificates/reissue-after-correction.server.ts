// An attendance correction after certificates were issued (issue 13): the credit of each
// person whose attendance changed is computed again, and a certificate whose facts changed is
// reissued (the old code then verifies as superseded, naming the date). Those who hold no
// certificate yet are left for the director's next "issue certificates".
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { certificates } from '#db/schema/credit.ts';
import type { Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { issueCertificates } from './issue-certificates.server.ts';

export async function reissueAfterAttendanceChange(
  db: DbOrTx,
  actor: Actor,
  input: { organizationId: string; changed: { courseId: string; registrationId: string }[]; publicUrl: string; now?: Date },
): Promise<string[]> {
  const byCourse = new Map<string, Set<string>>();
  for (const c of input.changed) byCourse.set(c.courseId, (byCourse.get(c.courseId) ?? new Set()).add(c.registrationId));
  const emailIds: string[] = [];
  for (const [courseId, ids] of byCourse) {
    const holders = await db
      .select({ registrationId: certificates.registrationId })
      .from(certificates)
      .where(and(eq(certificates.organizationId, input.organizationId), eq(certificates.courseId, courseId), eq(certificates.status, 'valid'), inArray(certificates.registrationId, [...ids])))
      .limit(1);
    if (holders.length === 0) continue;
    try {
      const outcome = await issueCertificates(db, actor, { organizationId: input.organizationId, courseId, registrationIds: [...ids], onlyHolders: true, publicUrl: input.publicUrl, now: input.now });
      emailIds.push(...outcome.emailIds);
    } catch (error) {
      // Policies removed since issuing: nothing to recompute against; the certificates stand.
      if (error instanceof DomainError && error.code === 'NO_CREDIT_POLICY') continue;
      throw error;
    }
  }
  return emailIds;
}
