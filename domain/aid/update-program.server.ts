// Staff set a course's financial-aid program: deadline (local date), number of awards, maximum
// per award and the eligibility statement. Under the course lock, like every course edit, so a
// change cannot slip between an award's count and its write.
import { and, count, eq } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { aidApplications } from '#db/schema/aid.ts';
import { courses } from '#db/schema/courses.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { lockCourse } from '#domain/courses/lock-course.server.ts';
import { withScarceLocks } from '#domain/transaction.server.ts';

export interface AidProgramSettings {
  financialAidDeadline: string | null;
  financialAidAwards: number;
  financialAidMaxMinor: number;
  financialAidStatement: string;
}

export async function updateAidProgram(db: Db, input: { organizationId: string; courseId: string } & AidProgramSettings, actor: Actor) {
  return withScarceLocks(db, async (tx) => {
    const course = await lockCourse(tx, input.organizationId, input.courseId);
    const [given] = await tx
      .select({ n: count() })
      .from(aidApplications)
      .where(and(eq(aidApplications.courseId, course.id), eq(aidApplications.status, 'awarded')));
    // Awards are final: the number of awards can never drop below those already given.
    if (input.financialAidAwards < (given?.n ?? 0)) {
      throw new DomainError('AID_PROGRAM_INVALID', 'fewer awards than given', { financialAidAwards: 'AID_PROGRAM_INVALID' });
    }
    const before = {
      financialAidDeadline: course.financialAidDeadline,
      financialAidAwards: course.financialAidAwards,
      financialAidMaxMinor: course.financialAidMaxMinor,
      financialAidStatement: course.financialAidStatement,
    };
    const after = {
      financialAidDeadline: input.financialAidDeadline,
      financialAidAwards: input.financialAidAwards,
      financialAidMaxMinor: input.financialAidMaxMinor,
      financialAidStatement: input.financialAidStatement.trim(),
    };
    const [updated] = await tx.update(courses).set(after).where(eq(courses.id, course.id)).returning();
    await recordAudit(tx, actor, { organizationId: input.organizationId, action: 'course.financial_aid_updated', entityType: 'course', entityId: course.id, before, after });
    return updated!;
  });
}
