// Staff correct attendance after the certificates went out: the person's credit is computed
// again and the certificate reissued, the old code verifying as superseded.
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { certificates, evaluationCompletions } from '#db/schema/credit.ts';
import { outboxMessages } from '#db/schema/email.ts';
import { recordMarks } from '#domain/attendance/record-marks.server.ts';
import { creditCourse } from '../../tests/helpers/credit-fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { issueCertificates } from './issue-certificates.server.ts';
import { verifyCertificate } from './verify-certificate.server.ts';

const testDb = useTestDatabase();
const PUBLIC_URL = 'https://hub.example.org';

describe('an attendance correction after issuing', () => {
  test('reissues the changed certificates of that person only, and mails them', async () => {
    const db = testDb.db;
    const { org, course, sessions, full, late } = await creditCourse(db);
    await db.insert(evaluationCompletions).values({ registrationId: late.id, organizationId: org.id, courseId: course.id, completedOn: '2025-04-27' });
    await issueCertificates(db, { userId: null }, { organizationId: org.id, courseId: course.id, publicUrl: PUBLIC_URL, now: new Date('2025-04-28T18:00:00Z') });
    const [oldAaf] = await db.select().from(certificates).where(and(eq(certificates.registrationId, late.id), eq(certificates.body, 'AAFP')));
    expect(oldAaf).toMatchObject({ kind: 'attendance', status: 'valid' });

    // The sign-in sheet shows they were on time for the panel after all.
    const panel = sessions.find((s) => s.title === 'Faculty panel')!;
    const access = { userId: 'staff-user', staff: true, ledGroupIds: new Set<string>() };
    const result = await recordMarks(
      db,
      { organizationId: org.id, publicUrl: PUBLIC_URL, marks: [{ id: crypto.randomUUID(), sessionId: panel.id, registrationId: late.id, status: 'present', lateMinutes: 0, leftEarlyMinutes: 0, markedAt: new Date().toISOString(), baseVersion: 1 }] },
      access,
      { userId: null },
    );
    expect(result.emailIds).toHaveLength(1);

    const valid = await db.select().from(certificates).where(and(eq(certificates.registrationId, late.id), eq(certificates.status, 'valid')));
    expect(valid.map((c) => [c.body, c.kind, c.creditHundredths]).sort()).toEqual([
      ['AAFP', 'credit', 400],
      ['APA', 'credit', 400],
    ]);
    expect(await verifyCertificate(db, oldAaf!.code)).toMatchObject({ status: 'superseded' });
    // The fully present participant's certificates are untouched.
    expect((await db.select().from(certificates).where(eq(certificates.registrationId, full.id))).every((c) => c.status === 'valid')).toBe(true);
    const [mail] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, result.emailIds[0]!));
    expect(mail!.text).toContain('was corrected');
  });

  test('marks during a course that has no certificates yet reissue nothing', async () => {
    const db = testDb.db;
    const { org, sessions, full } = await creditCourse(db);
    const result = await recordMarks(
      db,
      { organizationId: org.id, publicUrl: PUBLIC_URL, marks: [{ id: crypto.randomUUID(), sessionId: sessions[0]!.id, registrationId: full.id, status: 'absent', lateMinutes: 0, leftEarlyMinutes: 0, markedAt: new Date().toISOString(), baseVersion: 1 }] },
      { userId: 'staff-user', staff: true, ledGroupIds: new Set<string>() },
      { userId: null },
    );
    expect(result.emailIds).toEqual([]);
  });
});
