// A participant submits the evaluation. The answers go into evaluation_responses with nothing
// that says whose; the completion (for the certificate gate) goes into evaluation_completions
// with nothing that says what. Both in one transaction, once per registration. When the
// course's certificates were already issued, this person's are issued now.
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { courses } from '#db/schema/courses.ts';
import { certificates, evaluationCompletions, evaluationResponses } from '#db/schema/credit.ts';
import { registrations } from '#db/schema/registration.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { issueCertificates } from '#domain/certificates/issue-certificates.server.ts';
import { PARTICIPATING } from '#domain/credit/course-credit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { localToday } from '#domain/registration/rules.ts';
import { isUuid } from '#lib/ids.ts';
import { t } from '#lib/i18n.ts';
import { evaluationOpen, getEvaluationQuestions } from './get-evaluation-form.server.ts';
import { readAnswers } from './questions.ts';

export interface SubmitInput {
  organizationId: string;
  registrationId: string;
  /** The signed-in person: must be the registration's. */
  userId: string;
  values: Record<string, string | undefined>;
  publicUrl: string;
  now?: Date;
}

/** The participant's registration for the evaluation pages, or undefined (not theirs, not a participant). */
export async function findEvaluationRegistration(db: DbOrTx, where: { organizationId: string; registrationId: string; userId: string }) {
  if (!isUuid(where.registrationId)) return undefined;
  const [row] = await db
    .select({ registration: registrations, course: courses })
    .from(registrations)
    .innerJoin(courses, eq(courses.id, registrations.courseId))
    .where(
      and(
        eq(registrations.id, where.registrationId),
        eq(registrations.organizationId, where.organizationId),
        eq(registrations.userId, where.userId),
        inArray(registrations.status, [...PARTICIPATING]),
      ),
    );
  if (!row) return undefined;
  const [done] = await db.select().from(evaluationCompletions).where(eq(evaluationCompletions.registrationId, row.registration.id));
  return { ...row, completedOn: done?.completedOn ?? null };
}

export async function submitEvaluation(db: DbOrTx, actor: Actor, input: SubmitInput): Promise<{ ok: true; emailIds: string[] } | { ok: false; errors: Record<string, string> }> {
  const now = input.now ?? new Date();
  const found = await findEvaluationRegistration(db, input);
  if (!found) throw new DomainError('REGISTRATION_NOT_FOUND', input.registrationId);
  const { course, registration } = found;
  const form = await getEvaluationQuestions(db, course);
  if (!evaluationOpen(course, form.opensAt, now)) throw new DomainError('EVALUATION_NOT_OPEN', course.id);
  const read = readAnswers(form.questions, input.values, { required: t('evaluation.answerRequired'), scale: t('evaluation.answerScale'), tooLong: t('form.tooLong', { max: 4000 }) });
  if (!read.ok) return read;
  const emailIds = await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(evaluationCompletions)
      .values({ registrationId: registration.id, organizationId: course.organizationId, courseId: course.id, completedOn: localToday(course.timeZone, now) })
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) throw new DomainError('EVALUATION_ALREADY_DONE', registration.id);
    await tx.insert(evaluationResponses).values({ organizationId: course.organizationId, courseId: course.id, answers: read.answers });
    // The audit names the completion, never the answers.
    await recordAudit(tx, actor, { organizationId: course.organizationId, action: 'evaluation.completed', entityType: 'registration', entityId: registration.id });
    const [issued] = await tx
      .select({ id: certificates.id })
      .from(certificates)
      .where(and(eq(certificates.courseId, course.id), eq(certificates.organizationId, course.organizationId)))
      .limit(1);
    if (!issued) return [];
    return (await issueCertificates(tx, actor, { organizationId: course.organizationId, courseId: course.id, registrationIds: [registration.id], publicUrl: input.publicUrl, now })).emailIds;
  });
  return { ok: true, emailIds };
}
