// Certificates issued from the attendance record: credit per body, the evaluation gate,
// reissue after a correction (the old code verifies as superseded), revocation, verification.
import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { attendance } from '#db/schema/course-running.ts';
import { certificates, evaluationCompletions } from '#db/schema/credit.ts';
import { outboxMessages } from '#db/schema/email.ts';
import { auditEvents } from '#db/schema/audit.ts';
import { pdfText } from '#lib/pdf/pdf-text.ts';
import { creditCourse } from '../../tests/helpers/credit-fixtures.ts';
import { createOrganization } from '../../tests/helpers/fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { issueCertificates } from './issue-certificates.server.ts';
import { certificateAttachmentRenderer } from './render-certificate.server.ts';
import { retireOldRecords } from './retire-old-records.server.ts';
import { revokeCertificate } from './revoke-certificate.server.ts';
import { verifyCertificate } from './verify-certificate.server.ts';

const testDb = useTestDatabase();
const setup = () => creditCourse(testDb.db);
const PUBLIC_URL = 'https://hub.example.org';
const AFTER_COURSE = new Date('2025-04-28T18:00:00Z');
const director = { userId: null, requestId: 'test' };

describe('issuing certificates', () => {
  test('before the course ends nothing is issued', async () => {
    const { org, course } = await setup();
    await expect(issueCertificates(testDb.db, director, { organizationId: org.id, courseId: course.id, publicUrl: PUBLIC_URL, now: new Date('2025-04-26T18:00:00Z') })).rejects.toMatchObject({ code: 'COURSE_NOT_ENDED' });
  });

  test('credit per body from attendance; the evaluation gate holds back APA until the evaluation is done', async () => {
    const db = testDb.db;
    const { org, course, full, late } = await setup();
    const outcome = await issueCertificates(db, director, { organizationId: org.id, courseId: course.id, publicUrl: PUBLIC_URL, now: AFTER_COURSE });
    // Full: APA 4 credits (evaluation done) + AAFP 4. Late: AAFP attendance only (full attendance rule); APA waits for the evaluation.
    expect(outcome).toMatchObject({ issued: 3, reissued: 0 });
    expect(outcome.emailIds).toHaveLength(2);
    expect(outcome.waiting).toEqual([{ registrationId: late.id, name: 'Lee Late', body: 'APA', reason: 'evaluation not completed' }]);

    const rows = await db.select().from(certificates).where(eq(certificates.courseId, course.id));
    const of = (r: string, body: string) => rows.find((c) => c.registrationId === r && c.body === body);
    expect(of(full.id, 'APA')).toMatchObject({ kind: 'credit', creditHundredths: 400, status: 'valid' });
    expect(of(full.id, 'APA')!.statement).toContain('American Psychological Association');
    expect(of(full.id, 'AAFP')).toMatchObject({ kind: 'credit', creditHundredths: 400 });
    expect(of(late.id, 'AAFP')).toMatchObject({ kind: 'attendance', creditHundredths: 0, statement: '' });

    // One email per person, the certificates attached and rendered at delivery.
    const mail = await db.select().from(outboxMessages).where(and(eq(outboxMessages.organizationId, org.id), eq(outboxMessages.kind, 'certificate.issued')));
    expect(mail.map((m) => m.toAddress).sort()).toEqual([full.email, late.email].sort());
    const fullMail = mail.find((m) => m.toAddress === full.email)!;
    expect(fullMail.attachments).toHaveLength(2);
    const pdf = await certificateAttachmentRenderer(PUBLIC_URL)(db, org.id, fullMail.attachments[0]!.id);
    const text = (await pdfText(pdf!)).replace(/\s+/g, ' ');
    expect(text).toContain('Zoë Full');
    expect(text).toMatch(/4 credits \((APA|AAFP)\)/);

    // The late participant completes the evaluation: issuing again gives them APA, prorated:
    // 90 + 40 + 90 = 220 minutes → 3.5 hours rounded down to the quarter hour (3.66… → 3.5).
    await db.insert(evaluationCompletions).values({ registrationId: late.id, organizationId: org.id, courseId: course.id, completedOn: '2025-04-27' });
    const again = await issueCertificates(db, director, { organizationId: org.id, courseId: course.id, publicUrl: PUBLIC_URL, now: AFTER_COURSE });
    expect(again).toMatchObject({ issued: 1, reissued: 0, unchanged: 3 });
    const [lateApa] = await db.select().from(certificates).where(and(eq(certificates.registrationId, late.id), eq(certificates.body, 'APA')));
    expect(lateApa).toMatchObject({ kind: 'credit', creditHundredths: 350 });
  });

  test('a correction of attendance reissues only what changed; the old code verifies as superseded', async () => {
    const db = testDb.db;
    const { org, course, sessions, late } = await setup();
    await db.insert(evaluationCompletions).values({ registrationId: late.id, organizationId: org.id, courseId: course.id, completedOn: '2025-04-27' });
    await issueCertificates(db, director, { organizationId: org.id, courseId: course.id, publicUrl: PUBLIC_URL, now: AFTER_COURSE });
    const [oldApa] = await db.select().from(certificates).where(and(eq(certificates.registrationId, late.id), eq(certificates.body, 'APA')));

    // They were not late after all.
    const panel = sessions.find((s) => s.title === 'Faculty panel')!;
    await db.update(attendance).set({ lateMinutes: 0 }).where(and(eq(attendance.sessionId, panel.id), eq(attendance.registrationId, late.id)));
    const outcome = await issueCertificates(db, director, { organizationId: org.id, courseId: course.id, registrationIds: [late.id], onlyHolders: true, publicUrl: PUBLIC_URL, now: AFTER_COURSE });
    // APA 3.5 → 4 credits, AAFP attendance → full credit: both reissued.
    expect(outcome).toMatchObject({ issued: 0, reissued: 2 });

    const old = await verifyCertificate(db, oldApa!.code);
    expect(old).toMatchObject({ found: true, status: 'superseded', supersededOn: '2025-04-28' });
    const [newApa] = await db.select().from(certificates).where(and(eq(certificates.registrationId, late.id), eq(certificates.body, 'APA'), eq(certificates.status, 'valid')));
    expect(newApa).toMatchObject({ creditHundredths: 400 });
    const [superseded] = await db.select().from(certificates).where(eq(certificates.id, oldApa!.id));
    expect(superseded!.supersededBy).toBe(newApa!.id);
    const audit = await db.select().from(auditEvents).where(and(eq(auditEvents.entityId, newApa!.id), eq(auditEvents.action, 'certificate.reissued')));
    expect(audit).toHaveLength(1);
  });
});

describe('verification and revocation', () => {
  test('valid, revoked and unknown codes, and a typo caught by the check character', async () => {
    const db = testDb.db;
    const { org, course, full } = await setup();
    await issueCertificates(db, director, { organizationId: org.id, courseId: course.id, publicUrl: PUBLIC_URL, now: AFTER_COURSE });
    const [apa] = await db.select().from(certificates).where(and(eq(certificates.registrationId, full.id), eq(certificates.body, 'APA')));

    const valid = await verifyCertificate(db, apa!.code.toLowerCase().replace(/-/g, ' '));
    expect(valid).toMatchObject({ found: true, status: 'valid', recipientName: 'Zoë Full', credit: 4, body: 'APA', courseDates: 'April 23–26, 2025' });

    await expect(revokeCertificate(db, director, { organizationId: org.id, certificateId: apa!.id, reason: '  ' })).rejects.toMatchObject({ code: 'REASON_REQUIRED' });
    const other = await createOrganization(db);
    await expect(revokeCertificate(db, director, { organizationId: other.id, certificateId: apa!.id, reason: 'wrong org' })).rejects.toMatchObject({ code: 'CERTIFICATE_NOT_FOUND' });
    await revokeCertificate(db, director, { organizationId: org.id, certificateId: apa!.id, reason: 'Issued in error', now: new Date('2025-05-02T12:00:00Z') });
    expect(await verifyCertificate(db, apa!.code)).toMatchObject({ found: true, status: 'revoked', revokedOn: '2025-05-02', revokeReason: 'Issued in error' });

    expect(await verifyCertificate(db, 'ABCD-EFGH-JKMN-PQRS-T')).toMatchObject({ found: false });
    const body = apa!.code.replace(/-/g, '');
    const typo = (body[0] === '1' ? '2' : '1') + body.slice(1);
    expect(await verifyCertificate(db, typo)).toEqual({ found: false, reason: 'malformed' });
  });
});

describe('retention', () => {
  test('past the retention period the person is retired from each certificate; the code still verifies as issued', async () => {
    const db = testDb.db;
    const { org, course, full } = await setup();
    await issueCertificates(db, director, { organizationId: org.id, courseId: course.id, publicUrl: PUBLIC_URL, now: AFTER_COURSE });
    const [apa] = await db.select().from(certificates).where(and(eq(certificates.registrationId, full.id), eq(certificates.body, 'APA')));

    // Five years on, nothing is retired (the default keeps six).
    const early = await retireOldRecords(db, new Date('2030-05-01T12:00:00Z'));
    expect((await db.select().from(attendance).where(eq(attendance.courseId, course.id))).length).toBeGreaterThan(0);
    expect(early.certificates).toBe(0);

    await retireOldRecords(db, new Date('2031-04-27T12:00:00Z'));
    expect(await db.select().from(attendance).where(eq(attendance.courseId, course.id))).toEqual([]);
    expect(await db.select().from(evaluationCompletions).where(eq(evaluationCompletions.courseId, course.id))).toEqual([]);
    const stub = await verifyCertificate(db, apa!.code);
    expect(stub).toMatchObject({ found: true, status: 'valid', retired: true, recipientName: '', credit: 4, body: 'APA', courseTitle: course.title });
  });
});
