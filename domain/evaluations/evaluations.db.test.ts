// The evaluation: once per participant, answers kept with nothing that says whose, results
// only from five answers, and completing it after certificates were issued issues the
// person's own.
import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { certificates, evaluationCompletions, evaluationResponses } from '#db/schema/credit.ts';
import { auditEvents } from '#db/schema/audit.ts';
import { outboxMessages } from '#db/schema/email.ts';
import { issueCertificates } from '#domain/certificates/issue-certificates.server.ts';
import { creditCourse, participant } from '../../tests/helpers/credit-fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { findEvaluationResults, evaluationResultsCsv } from './evaluation-results.server.ts';
import { getEvaluationQuestions } from './get-evaluation-form.server.ts';
import { sendEvaluationReminders } from './remind-evaluation.server.ts';
import { submitEvaluation } from './submit-evaluation.server.ts';

const testDb = useTestDatabase();
const PUBLIC_URL = 'https://hub.example.org';
const LAST_DAY = new Date('2025-04-26T22:00:00Z');

function allFives(questions: { key: string; kind: string }[], over: Record<string, string> = {}) {
  return { ...Object.fromEntries(questions.filter((q) => q.kind === 'scale').map((q) => [`q.${q.key}`, '5'])), ...over };
}

describe('the end-of-course evaluation', () => {
  test('not before the last day; once per person; answers stored without the person', async () => {
    const db = testDb.db;
    const { org, course, late } = await creditCourse(db);
    const { questions } = await getEvaluationQuestions(db, course);
    const actor = { userId: late.userId };
    const base = { organizationId: org.id, registrationId: late.id, userId: late.userId, publicUrl: PUBLIC_URL };

    await expect(submitEvaluation(db, actor, { ...base, values: allFives(questions), now: new Date('2025-04-24T18:00:00Z') })).rejects.toMatchObject({ code: 'EVALUATION_NOT_OPEN' });
    // Someone else's registration is not found.
    await expect(submitEvaluation(db, actor, { ...base, userId: 'someone-else', values: allFives(questions), now: LAST_DAY })).rejects.toMatchObject({ code: 'REGISTRATION_NOT_FOUND' });

    const missing = await submitEvaluation(db, actor, { ...base, values: { 'q.goal_1': '5' }, now: LAST_DAY });
    expect(missing.ok).toBe(false);
    expect(await db.select().from(evaluationResponses).where(eq(evaluationResponses.courseId, course.id))).toEqual([]);

    const done = await submitEvaluation(db, actor, { ...base, values: allFives(questions, { 'q.comments': 'The panel was excellent.' }), now: LAST_DAY });
    expect(done).toEqual({ ok: true, emailIds: [] });
    await expect(submitEvaluation(db, actor, { ...base, values: allFives(questions), now: LAST_DAY })).rejects.toMatchObject({ code: 'EVALUATION_ALREADY_DONE' });

    const [response] = await db.select().from(evaluationResponses).where(eq(evaluationResponses.courseId, course.id));
    expect(Object.keys(response!).sort()).toEqual(['answers', 'courseId', 'id', 'organizationId']);
    expect(JSON.stringify(response)).not.toContain(late.id);
    expect(JSON.stringify(response)).not.toContain(late.userId);
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, late.id), eq(auditEvents.action, 'evaluation.completed')));
    expect(audit[0]!.after).toBeNull();
  });

  test('results appear only once five have answered', async () => {
    const db = testDb.db;
    const { org, course, full } = await creditCourse(db);
    const { questions } = await getEvaluationQuestions(db, course);
    // creditCourse already marked `full` complete (without answers); four more answer.
    const people = [];
    for (let i = 0; i < 5; i++) people.push(await participant(db, org.id, course.id, `Person ${i}`));
    for (const [i, p] of people.slice(0, 4).entries()) {
      await submitEvaluation(db, { userId: p.userId }, { organizationId: org.id, registrationId: p.id, userId: p.userId, values: allFives(questions, { 'q.met_objectives': String(i + 1) }), publicUrl: PUBLIC_URL, now: LAST_DAY });
    }
    const four = await findEvaluationResults(db, course);
    expect(four).toMatchObject({ responses: 4, shown: false, results: [] });
    await submitEvaluation(db, { userId: people[4]!.userId }, { organizationId: org.id, registrationId: people[4]!.id, userId: people[4]!.userId, values: allFives(questions), publicUrl: PUBLIC_URL, now: LAST_DAY });
    const five = await findEvaluationResults(db, course);
    expect(five.shown).toBe(true);
    expect(five.participants).toBe(7);
    expect(five.completed).toBe(6);
    expect(five.results.find((r) => r.key === 'met_objectives')).toMatchObject({ distribution: [1, 1, 1, 1, 1], mean: 3 });
    expect(evaluationResultsCsv(five)).toContain('The activity met its stated objectives.,scale,5,3,1,1,1,1,1,');
    void full;
  });

  test('completing the evaluation after certificates were issued issues the person\'s credit certificate', async () => {
    const db = testDb.db;
    const { org, course, late } = await creditCourse(db);
    await issueCertificates(db, { userId: null }, { organizationId: org.id, courseId: course.id, publicUrl: PUBLIC_URL, now: new Date('2025-04-28T18:00:00Z') });
    expect(await db.select().from(certificates).where(and(eq(certificates.registrationId, late.id), eq(certificates.body, 'APA')))).toEqual([]);
    const { questions } = await getEvaluationQuestions(db, course);
    const result = await submitEvaluation(db, { userId: late.userId }, { organizationId: org.id, registrationId: late.id, userId: late.userId, values: allFives(questions), publicUrl: PUBLIC_URL, now: new Date('2025-04-29T18:00:00Z') });
    expect(result.ok && result.emailIds.length).toBe(1);
    const [apa] = await db.select().from(certificates).where(and(eq(certificates.registrationId, late.id), eq(certificates.body, 'APA')));
    expect(apa).toMatchObject({ kind: 'credit', creditHundredths: 350 });
  });

  test('reminders go to those who have not completed it, at most once a day', async () => {
    const db = testDb.db;
    const { org, course, late, full } = await creditCourse(db);
    const first = await sendEvaluationReminders(db, { userId: null }, { organizationId: org.id, courseId: course.id, publicUrl: PUBLIC_URL, secretKey: Buffer.alloc(32, 1) });
    expect(first).toMatchObject({ reminded: 1, tooSoon: false });
    const mail = await db.select().from(outboxMessages).where(and(eq(outboxMessages.organizationId, org.id), eq(outboxMessages.kind, 'evaluation.reminder')));
    expect(mail.map((m) => m.toAddress)).toEqual([late.email]);
    expect(mail[0]!.text).toContain(`/registrations/${late.id}/evaluation`);
    expect(await sendEvaluationReminders(db, { userId: null }, { organizationId: org.id, courseId: course.id, publicUrl: PUBLIC_URL, secretKey: Buffer.alloc(32, 1) })).toMatchObject({ reminded: 0, tooSoon: true });
    expect((await db.select().from(evaluationCompletions).where(eq(evaluationCompletions.registrationId, full.id))).length).toBe(1);
  });
});
