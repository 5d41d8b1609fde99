// Staff remind the participants who have not completed the evaluation. At most once a day per
// course (a second click the same day sends nothing); audited with the number reminded.
import { and, desc, eq, gt, inArray, notInArray } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { auditEvents } from '#db/schema/audit.ts';
import { evaluationCompletions } from '#db/schema/credit.ts';
import { organizations } from '#db/schema/organizations.ts';
import { registrations } from '#db/schema/registration.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { lockCourse } from '#domain/courses/lock-course.server.ts';
import { PARTICIPATING } from '#domain/credit/course-credit.server.ts';
import { loadEmailTemplates } from '#domain/email-templates/load-templates.server.ts';
import { nonEssentialParts } from '#domain/email-templates/unsubscribe-link.ts';
import { composeEmail } from '#lib/email/compose.ts';
import { queueEmail } from '#lib/email/outbox.server.ts';
import { t } from '#lib/i18n.ts';

const ACTION = 'evaluation.reminders_sent';

export async function sendEvaluationReminders(db: DbOrTx, actor: Actor, input: { organizationId: string; courseId: string; publicUrl: string; /** The deployment's root secret, for the unsubscribe link (ADR 0069). */ secretKey: Buffer; now?: Date }): Promise<{ reminded: number; tooSoon: boolean; outboxIds: string[] }> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const course = await lockCourse(tx, input.organizationId, input.courseId);
    const [last] = await tx
      .select({ at: auditEvents.at })
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, course.organizationId), eq(auditEvents.entityId, course.id), eq(auditEvents.action, ACTION), gt(auditEvents.at, new Date(now.getTime() - 24 * 3600_000))))
      .orderBy(desc(auditEvents.at))
      .limit(1);
    if (last) return { reminded: 0, tooSoon: true, outboxIds: [] };
    const done = tx.select({ id: evaluationCompletions.registrationId }).from(evaluationCompletions).where(eq(evaluationCompletions.courseId, course.id));
    const people = await tx
      .select({ id: registrations.id, name: registrations.name, email: registrations.email })
      .from(registrations)
      .where(and(eq(registrations.courseId, course.id), eq(registrations.organizationId, course.organizationId), inArray(registrations.status, [...PARTICIPATING]), notInArray(registrations.id, done)));
    const [org] = await tx.select({ name: organizations.name, slug: organizations.slug }).from(organizations).where(eq(organizations.id, course.organizationId));
    const outboxIds: string[] = [];
    const templates = await loadEmailTemplates(tx, course.organizationId);
    const link = { publicUrl: input.publicUrl, organizationId: course.organizationId, orgSlug: org?.slug ?? '', secretKey: input.secretKey };
    for (const person of people) {
      // Non-essential: a reminder, with the unsubscribe footer and header.
      const { unsubscribe, listUnsubscribe } = nonEssentialParts(link, person.email);
      const email = composeEmail({
        subject: templates.subject('evaluation.reminder', { course: course.title }),
        greeting: t('email.greeting', { name: person.name }),
        paragraphs: templates.body('evaluation.reminder', { course: course.title }),
        action: { label: t('evaluationEmail.action'), url: `${input.publicUrl.replace(/\/$/, '')}/o/${org?.slug ?? ''}/registrations/${person.id}/evaluation` },
        signature: org?.name ?? '',
        unsubscribe,
      });
      outboxIds.push(await queueEmail(tx, { organizationId: course.organizationId, kind: 'evaluation.reminder', to: person.email, listUnsubscribe, ...email }));
    }
    await recordAudit(tx, actor, { organizationId: course.organizationId, action: ACTION, entityType: 'course', entityId: course.id, after: { reminded: people.length } });
    return { reminded: people.length, tooSoon: false, outboxIds };
  });
}
