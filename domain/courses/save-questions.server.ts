// The course's eligibility attestations and custom questions. Applicants' answers stay keyed
// by the question keys they answered; a removed question's answers are kept on their rows.
import { eq } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { courses, type Attestation, type CustomQuestion } from '#db/schema/courses.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { lockCourse } from '#domain/courses/lock-course.server.ts';
import { withScarceLocks } from '#domain/transaction.server.ts';
import { keyFrom, lines } from './course-schema.ts';

export async function saveQuestions(
  db: Db,
  input: { organizationId: string; courseId: string; attestations: string; questions: CustomQuestion[] },
  actor: Actor,
): Promise<void> {
  await withScarceLocks(db, async (tx) => {
    // The course row is the lock registration takes too (docs/decisions/0021).
    const course = await lockCourse(tx, input.organizationId, input.courseId);
    const taken = new Set<string>();
    const attestations: Attestation[] = lines(input.attestations).map((text) => {
      const kept = course.attestations.find((a) => a.text === text);
      if (kept && !taken.has(kept.key)) {
        taken.add(kept.key);
        return kept;
      }
      return { key: keyFrom(text, taken), text };
    });
    await tx.update(courses).set({ attestations, customQuestions: input.questions }).where(eq(courses.id, course.id));
    await recordAudit(tx, actor, {
      organizationId: input.organizationId,
      action: 'course.questions_saved',
      entityType: 'course',
      entityId: course.id,
      before: { attestations: course.attestations, customQuestions: course.customQuestions },
      after: { attestations, customQuestions: input.questions },
    });
  });
}
