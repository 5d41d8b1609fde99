// Staff set how each accrediting body grants credit for a course: one policy per body named in
// the course's accreditation statements (the statement itself stays there, printed verbatim).
// Typed figures are read strictly ("19.25" → 1925 hundredths); every problem is reported on
// its field; nothing is written unless every body's policy is valid. Audited.
import { and, eq, notInArray } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { courseCreditPolicies } from '#db/schema/credit.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { lockCourse } from '#domain/courses/lock-course.server.ts';
import { t } from '#lib/i18n.ts';
import { findCreditPolicies, type CreditPolicyRow } from './course-credit.server.ts';
import { accreditingBodies, readCreditPolicies, type ReadPoliciesResult } from './credit-policy-form.ts';

export { accreditingBodies, parseCredit, policyFormValues, readCreditPolicies } from './credit-policy-form.ts';

export async function saveCreditPolicies(
  db: DbOrTx,
  actor: Actor,
  input: { organizationId: string; courseId: string; values: Record<string, string | undefined> },
): Promise<ReadPoliciesResult> {
  return db.transaction(async (tx) => {
    const course = await lockCourse(tx, input.organizationId, input.courseId);
    const bodies = accreditingBodies(course.accreditation);
    if (bodies.length === 0) return { ok: false as const, errors: { policies: t('creditPolicy.noBodies') } };
    const read = readCreditPolicies(bodies, input.values);
    if (!read.ok) return read;
    const before = await findCreditPolicies(tx, { organizationId: course.organizationId, courseId: course.id });
    for (const policy of read.policies) {
      await tx
        .insert(courseCreditPolicies)
        .values({ ...policy, organizationId: course.organizationId, courseId: course.id })
        .onConflictDoUpdate({ target: [courseCreditPolicies.courseId, courseCreditPolicies.body], set: policy });
    }
    // A body left out, or no longer named in the course's statements, grants nothing.
    const kept = read.policies.map((p) => p.body);
    await tx
      .delete(courseCreditPolicies)
      .where(
        and(
          eq(courseCreditPolicies.organizationId, course.organizationId),
          eq(courseCreditPolicies.courseId, course.id),
          ...(kept.length ? [notInArray(courseCreditPolicies.body, kept)] : []),
        ),
      );
    const strip = ({ id: _id, organizationId: _o, courseId: _c, ...rest }: CreditPolicyRow) => rest;
    await recordAudit(tx, actor, {
      organizationId: course.organizationId,
      action: 'credit.policies_saved',
      entityType: 'course',
      entityId: course.id,
      before: before.map(strip),
      after: read.policies,
    });
    return read;
  });
}
