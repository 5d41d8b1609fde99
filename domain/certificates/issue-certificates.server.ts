// Issue a course's certificates once it has ended: one per participant and accrediting body,
// with credit when the body's rule grants it, or a certificate of attendance without credit.
// Run again (after an attendance correction, or when someone completes the evaluation) it
// issues only what changed: a certificate whose facts differ is superseded by a new one (the
// old code then verifies as "superseded"), one that is still right is left alone.
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { courseFaculty, type courses } from '#db/schema/courses.ts';
import { certificates, courseSignatures } from '#db/schema/credit.ts';
import { organizations } from '#db/schema/organizations.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { lockCourse } from '#domain/courses/lock-course.server.ts';
import { findCourseCredit, findCreditPolicies } from '#domain/credit/course-credit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { localToday } from '#domain/registration/rules.ts';
import { loadEmailTemplates } from '#domain/email-templates/load-templates.server.ts';
import { queueEmailWithAttachments } from '#lib/email/attachments.server.ts';
import { formatDateRange } from '#lib/i18n.ts';
import { certificateEmail } from './emails.ts';
import { certificateFilename, verificationUrl } from './certificate-links.ts';

export { verificationUrl } from './certificate-links.ts';
import { newVerificationCode } from './verification-code.ts';

type Course = typeof courses.$inferSelect;
type CertificateRow = typeof certificates.$inferSelect;

export interface IssueOutcome {
  issued: number;
  reissued: number;
  unchanged: number;
  /** People not (yet) given a certificate for a body, with why: evaluation pending, attended nothing. */
  waiting: { registrationId: string; name: string; body: string; reason: string }[];
  /** Outbox messages to deliver once committed. */
  emailIds: string[];
}

export interface IssueOptions {
  organizationId: string;
  courseId: string;
  /** Only these registrations (an attendance correction, an evaluation just completed). */
  registrationIds?: string[];
  /** Only people who already hold a certificate of this course (a correction after issuing). */
  onlyHolders?: boolean;
  publicUrl: string;
  now?: Date;
  /** Email each person their new certificates (default); the demo data issues without mail. */
  notify?: boolean;
}

export function coursePlace(course: Pick<Course, 'online' | 'venueName' | 'city' | 'region' | 'country'>): string {
  if (course.online) return 'Online';
  return [course.venueName, [course.city, course.region].filter(Boolean).join(', ')].filter(Boolean).join(', ');
}

/** Who signs: the uploaded signature's signer, else the course director named on the course. */
async function findSigner(tx: DbOrTx, course: Course): Promise<string> {
  const [signature] = await tx.select({ signerName: courseSignatures.signerName }).from(courseSignatures).where(and(eq(courseSignatures.courseId, course.id), eq(courseSignatures.organizationId, course.organizationId)));
  if (signature) return signature.signerName;
  const directors = await tx.select({ name: courseFaculty.name, role: courseFaculty.role }).from(courseFaculty).where(and(eq(courseFaculty.courseId, course.id), eq(courseFaculty.organizationId, course.organizationId)));
  return directors.find((d) => d.role === 'director')?.name ?? directors.find((d) => d.role === 'co_director')?.name ?? '';
}

function sameFacts(existing: CertificateRow, next: Omit<typeof certificates.$inferInsert, 'code'>): boolean {
  return (
    existing.kind === next.kind &&
    existing.creditHundredths === next.creditHundredths &&
    existing.attendedMinutes === next.attendedMinutes &&
    existing.recipientName === next.recipientName &&
    existing.statement === next.statement
  );
}

export async function issueCertificates(db: DbOrTx, actor: Actor, options: IssueOptions): Promise<IssueOutcome> {
  return db.transaction(async (tx) => {
    const course = await lockCourse(tx, options.organizationId, options.courseId);
    if (localToday(course.timeZone, options.now) <= course.endsOn) throw new DomainError('COURSE_NOT_ENDED', course.id);
    const policies = await findCreditPolicies(tx, options);
    if (policies.length === 0) throw new DomainError('NO_CREDIT_POLICY', course.id);
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, course.organizationId));
    const signerName = await findSigner(tx, course);
    const courseDates = formatDateRange(course.startsOn, course.endsOn);
    const place = coursePlace(course);

    let registrationIds = options.registrationIds;
    const existingRows = await tx
      .select()
      .from(certificates)
      .where(and(eq(certificates.organizationId, course.organizationId), eq(certificates.courseId, course.id), eq(certificates.status, 'valid')));
    if (options.onlyHolders) {
      const holders = new Set(existingRows.map((c) => c.registrationId).filter((id): id is string => id !== null));
      registrationIds = (registrationIds ?? [...holders]).filter((id) => holders.has(id));
      if (registrationIds.length === 0) return { issued: 0, reissued: 0, unchanged: 0, waiting: [], emailIds: [] };
    }
    const existing = new Map(existingRows.map((c) => [`${c.registrationId}:${c.body}`, c]));
    const participants = await findCourseCredit(tx, { organizationId: course.organizationId, courseId: course.id, registrationIds });

    const outcome: IssueOutcome = { issued: 0, reissued: 0, unchanged: 0, waiting: [], emailIds: [] };
    for (const person of participants) {
      const newCertificates: CertificateRow[] = [];
      for (const result of person.results) {
        if (result.outcome === 'none' || result.outcome === 'awaiting_evaluation') {
          outcome.waiting.push({ registrationId: person.registrationId, name: person.name, body: result.body, reason: result.outcome === 'none' ? 'attended nothing' : 'evaluation not completed' });
          continue;
        }
        const statement = course.accreditation.find((a) => a.body === result.body)?.statement ?? '';
        const facts = {
          organizationId: course.organizationId,
          courseId: course.id,
          registrationId: person.registrationId,
          userId: person.userId,
          body: result.body,
          kind: result.outcome === 'credit' ? ('credit' as const) : ('attendance' as const),
          recipientName: person.name,
          courseTitle: course.title,
          courseDates,
          place,
          creditHundredths: result.outcome === 'credit' ? Math.round(result.credit * 100) : 0,
          unit: result.unit,
          attendedMinutes: result.presentMinutes,
          statement: result.outcome === 'credit' ? statement : '',
          signerName,
          issuedBy: actor.userId,
        };
        const before = existing.get(`${person.registrationId}:${result.body}`);
        if (before && sameFacts(before, facts)) {
          outcome.unchanged++;
          continue;
        }
        const now = options.now ?? new Date();
        if (before) {
          // Free the one-valid-per-body slot before the new certificate takes it.
          await tx.update(certificates).set({ status: 'superseded', supersededAt: now }).where(eq(certificates.id, before.id));
        }
        const [created] = await tx
          .insert(certificates)
          .values({ ...facts, code: newVerificationCode(), issuedAt: now })
          .returning();
        if (before) {
          await tx.update(certificates).set({ supersededBy: created!.id }).where(eq(certificates.id, before.id));
          outcome.reissued++;
        } else {
          outcome.issued++;
        }
        await recordAudit(tx, actor, {
          organizationId: course.organizationId,
          action: before ? 'certificate.reissued' : 'certificate.issued',
          entityType: 'certificate',
          entityId: created!.id,
          before: before ? { id: before.id, code: before.code, kind: before.kind, creditHundredths: before.creditHundredths } : undefined,
          after: { code: created!.code, body: created!.body, kind: created!.kind, creditHundredths: created!.creditHundredths, registrationId: person.registrationId },
        });
        newCertificates.push(created!);
      }
      if (newCertificates.length > 0 && options.notify !== false) {
        const email = certificateEmail({
          orgName: org?.name ?? '',
          name: person.name,
          courseTitle: course.title,
          certificates: newCertificates.map((c) => ({ body: c.body, kind: c.kind, credit: c.creditHundredths / 100, unit: c.unit, code: c.code, url: verificationUrl(options.publicUrl, c.code) })),
          reissued: newCertificates.some((c) => existing.has(`${person.registrationId}:${c.body}`)),
          myCertificatesUrl: `${options.publicUrl.replace(/\/$/, '')}/o/${org?.slug ?? ''}/certificates`,
          templates: await loadEmailTemplates(tx, course.organizationId),
        });
        const emailId = await queueEmailWithAttachments(
          tx,
          { organizationId: course.organizationId, kind: 'certificate.issued', to: person.email, ...email },
          newCertificates.map((c) => ({ kind: 'certificate' as const, id: c.id, filename: certificateFilename(c) })),
        );
        outcome.emailIds.push(emailId);
        await tx
          .update(certificates)
          .set({ emailedAt: options.now ?? new Date() })
          .where(inArray(certificates.id, newCertificates.map((c) => c.id)));
      }
    }
    return outcome;
  });
}
