// What the credit pages read: a burst of lookups from one address is refused after 30 (another
// address still answered); the staff list and download stay within the organization and the
// course; the participant's evaluation page and open evaluations are the person's own.
import { describe, expect, test } from 'vitest';
import { findEvaluationPage, findEvaluationSources, findOpenEvaluations } from '#domain/evaluations/find-evaluation-page.server.ts';
import { saveEvaluationQuestions } from '#domain/evaluations/save-evaluation-form.server.ts';
import { creditCourse } from '../../tests/helpers/credit-fixtures.ts';
import { createCourse, createOrganization } from '../../tests/helpers/fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { findCourseCertificate, findCourseCertificates } from './find-course-certificates.server.ts';
import { findOwnCertificate } from './find-transcript.server.ts';
import { issueCertificates } from './issue-certificates.server.ts';
import { lookUpCertificate, VERIFY_LOOKUPS } from './look-up-certificate.server.ts';

const testDb = useTestDatabase();
const PUBLIC_URL = 'https://hub.example.org';
const AFTER_COURSE = new Date('2025-04-28T18:00:00Z');
const director = { userId: null, requestId: null };

describe('certificate lookups and the pages\' reads', () => {
  test('a burst of lookups from one address is refused after the limit; another address is answered', async () => {
    const db = testDb.db;
    const { org, course } = await creditCourse(db);
    await issueCertificates(db, director, { organizationId: org.id, courseId: course.id, publicUrl: PUBLIC_URL, now: AFTER_COURSE });
    const [certificate] = await findCourseCertificates(db, { organizationId: org.id, courseId: course.id });
    const address = `198.51.100.${Math.floor(Math.random() * 200) + 1}`;
    const answers = [];
    for (let i = 0; i < VERIFY_LOOKUPS.max; i++) answers.push(await lookUpCertificate(db, { clientAddress: address, typed: i % 2 ? certificate!.code : 'ZZZZ-ZZZZ-ZZZZ-ZZZZ-Z' }));
    expect(answers.every((a) => !a.throttled)).toBe(true);
    expect(answers[1]).toMatchObject({ throttled: false, answer: { found: true, status: 'valid', recipientName: certificate!.recipientName } });
    expect(await lookUpCertificate(db, { clientAddress: address, typed: certificate!.code })).toEqual({ throttled: true, retryAfterMinutes: VERIFY_LOOKUPS.windowMinutes });
    expect(await lookUpCertificate(db, { clientAddress: '203.0.113.9', typed: certificate!.code })).toMatchObject({ throttled: false, answer: { found: true } });
  });

  test('staff reads stay within the organization and the course; a person reads only their own', async () => {
    const db = testDb.db;
    const { org, course, full, late } = await creditCourse(db);
    await issueCertificates(db, director, { organizationId: org.id, courseId: course.id, publicUrl: PUBLIC_URL, now: AFTER_COURSE });
    const all = await findCourseCertificates(db, { organizationId: org.id, courseId: course.id });
    expect(all.length).toBeGreaterThan(0);
    const mine = all.find((c) => c.registrationId === full.id)!;
    const other = await createOrganization(db);
    const otherCourse = await createCourse(db, other.id);
    expect(await findCourseCertificate(db, { organizationId: org.id, courseId: course.id, certificateId: mine.id })).toMatchObject({ id: mine.id });
    expect(await findCourseCertificate(db, { organizationId: other.id, courseId: course.id, certificateId: mine.id })).toBeUndefined();
    expect(await findCourseCertificate(db, { organizationId: other.id, courseId: otherCourse.id, certificateId: mine.id })).toBeUndefined();
    expect(await findCourseCertificate(db, { organizationId: org.id, courseId: course.id, certificateId: 'not-a-uuid' })).toBeUndefined();
    expect(await findCourseCertificates(db, { organizationId: other.id, courseId: course.id })).toEqual([]);
    expect(await findOwnCertificate(db, { userId: full.userId, certificateId: mine.id })).toMatchObject({ id: mine.id });
    expect(await findOwnCertificate(db, { userId: late.userId, certificateId: mine.id })).toBeUndefined();
  });

  test("the evaluation page is the participant's own; open evaluations exclude the completed", async () => {
    const db = testDb.db;
    const { org, course, full, late } = await creditCourse(db);
    const now = new Date('2025-04-27T18:00:00Z');
    expect(await findEvaluationPage(db, { organizationId: org.id, registrationId: late.id, userId: full.userId, now })).toBeUndefined();
    const page = await findEvaluationPage(db, { organizationId: org.id, registrationId: late.id, userId: late.userId, now });
    expect(page).toMatchObject({ participating: true, open: true, completedOn: null });
    expect(await findEvaluationPage(db, { organizationId: org.id, registrationId: late.id, userId: late.userId, now: new Date('2025-04-20T18:00:00Z') })).toMatchObject({ open: false });
    // `full` completed it in the fixture.
    expect(await findOpenEvaluations(db, { organizationId: org.id, userId: full.userId, now })).toEqual([]);
    expect(await findOpenEvaluations(db, { organizationId: org.id, userId: late.userId, now })).toEqual([late.id]);

    const later = await createCourse(db, org.id);
    expect(await findEvaluationSources(db, { organizationId: org.id, courseId: later.id })).toEqual([]);
    await saveEvaluationQuestions(db, director, { organizationId: org.id, courseId: course.id, questions: [{ key: 'q1', kind: 'scale', text: 'Useful?', required: true }] });
    expect((await findEvaluationSources(db, { organizationId: org.id, courseId: later.id })).map((s) => s.id)).toEqual([course.id]);
    expect(await findEvaluationSources(db, { organizationId: org.id, courseId: course.id })).toEqual([]);
    const other = await createOrganization(db);
    expect(await findEvaluationSources(db, { organizationId: other.id, courseId: later.id })).toEqual([]);
  });
});
