// Demo data for CE credit (issue 13): the past Spokane 2025 intensive grants APA credit only
// for full attendance and AAFP credit commensurate with participation (DOMAIN.md: the rule is
// per body and per course), both up to the seed's 19.25. Most participants completed the
// evaluation (answers invented, plausible), certificates were issued after the course: the
// demo member, present throughout, holds an APA certificate for 19.25 credits and an AAFP one;
// a participant who arrived late holds prorated AAFP credit and an APA certificate of
// attendance. Issued without email: the demo outbox stays about the upcoming course.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { DbOrTx } from '#db/client.server.ts';
import { courseCreditPolicies } from '#db/schema/credit.ts';
import { registrations } from '#db/schema/registration.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { issueCertificates } from '#domain/certificates/issue-certificates.server.ts';
import { PARTICIPATING } from '#domain/credit/course-credit.server.ts';
import { getEvaluationQuestions } from '#domain/evaluations/get-evaluation-form.server.ts';
import { submitEvaluation } from '#domain/evaluations/submit-evaluation.server.ts';
import { courses } from '#db/schema/courses.ts';

const COMMENTS = [
  'Practising leading with faculty beside me was the most useful part.',
  'The debriefs after each group helped me see my own interventions.',
  'More time for the large group would have been welcome.',
  'I will start a group in our residency this autumn.',
];

export async function seedDemoCredit(tx: DbOrTx, input: { organizationId: string; courseId: string; memberEmail: string; publicUrl: string }) {
  const [course] = await tx.select().from(courses).where(and(eq(courses.id, input.courseId), eq(courses.organizationId, input.organizationId)));
  if (!course) throw new Error('demo: the past course is missing');
  await tx.insert(courseCreditPolicies).values([
    { organizationId: course.organizationId, courseId: course.id, body: 'APA', unit: 'credits', maxCreditHundredths: 1925, rule: 'full_attendance', evaluationRequired: true },
    { organizationId: course.organizationId, courseId: course.id, body: 'AAFP', unit: 'credits', maxCreditHundredths: 1925, rule: 'commensurate', roundingStepMinutes: 15, rounding: 'down', evaluationRequired: true },
  ]);
  const people = await tx
    .select({ id: registrations.id, userId: registrations.userId, email: registrations.email })
    .from(registrations)
    .where(and(eq(registrations.courseId, course.id), inArray(registrations.status, [...PARTICIPATING])))
    .orderBy(asc(registrations.submittedAt), asc(registrations.sequence));
  const { questions } = await getEvaluationQuestions(tx, course);
  // The evaluation opens on the last day; answers came in over the following days.
  const answeredAt = new Date(`${course.endsOn}T23:00:00Z`);
  // All but the last three completed it (they appear in the reminder list); the member did.
  const answering = people.filter((p, i) => i < people.length - 3 || p.email === input.memberEmail);
  for (const [i, person] of answering.entries()) {
    const values: Record<string, string> = {};
    for (const [k, q] of questions.entries()) {
      if (q.kind === 'scale') values[`q.${q.key}`] = String(3 + ((i + k) % 3 === 0 ? 1 : (i * 7 + k) % 3));
      else if (q.key === 'comments' && i % 5 === 0) values[`q.${q.key}`] = COMMENTS[(i / 5) % COMMENTS.length]!;
    }
    await submitEvaluation(tx, { userId: person.userId }, { organizationId: course.organizationId, registrationId: person.id, userId: person.userId, values, publicUrl: input.publicUrl, now: answeredAt });
  }
  // Issued once attendance was checked, a few days after the course.
  const issuedAt = new Date(`${Temporal.PlainDate.from(course.endsOn).add({ days: 4 }).toString()}T17:00:00Z`);
  return issueCertificates(tx, systemActor, { organizationId: course.organizationId, courseId: course.id, publicUrl: input.publicUrl, now: issuedAt, notify: false });
}
