// Retention (issue 13): attendance, evaluation completions and certificates are kept for the
// organization's number of years after a course ends (default 6). Older ones are deleted,
// except a verification stub of each certificate — its code, body, credit, course and dates,
// without the person — so an old certificate still verifies as "issued, records retired".
import { and, eq, inArray, isNull, lt } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { attendance, attendanceMarks } from '#db/schema/course-running.ts';
import { courses } from '#db/schema/courses.ts';
import { certificates, evaluationCompletions } from '#db/schema/credit.ts';
import { organizations } from '#db/schema/organizations.ts';
import { recordAudit, systemActor } from '#domain/audit/record-audit.server.ts';

export interface RetirementOutcome {
  courses: number;
  attendance: number;
  certificates: number;
}

export async function retireOldRecords(db: DbOrTx, now: Date = new Date()): Promise<RetirementOutcome> {
  const today = now.toISOString().slice(0, 10);
  const outcome: RetirementOutcome = { courses: 0, attendance: 0, certificates: 0 };
  const orgs = await db.select({ id: organizations.id, years: organizations.recordRetentionYears }).from(organizations);
  for (const org of orgs) {
    const cutoff = `${Number(today.slice(0, 4)) - org.years}${today.slice(4)}`;
    const old = await db
      .select({ id: courses.id })
      .from(courses)
      .where(and(eq(courses.organizationId, org.id), lt(courses.endsOn, cutoff)));
    if (old.length === 0) continue;
    const ids = old.map((c) => c.id);
    await db.transaction(async (tx) => {
      const marks = await tx.delete(attendance).where(and(eq(attendance.organizationId, org.id), inArray(attendance.courseId, ids))).returning({ id: attendance.sessionId });
      await tx.delete(attendanceMarks).where(and(eq(attendanceMarks.organizationId, org.id), inArray(attendanceMarks.courseId, ids)));
      await tx.delete(evaluationCompletions).where(and(eq(evaluationCompletions.organizationId, org.id), inArray(evaluationCompletions.courseId, ids)));
      const retired = await tx
        .update(certificates)
        .set({ recipientName: '', userId: null, registrationId: null, recordsRetiredAt: now, attendedMinutes: 0 })
        .where(and(eq(certificates.organizationId, org.id), inArray(certificates.courseId, ids), isNull(certificates.recordsRetiredAt)))
        .returning({ id: certificates.id });
      if (marks.length || retired.length) {
        outcome.courses += ids.length;
        outcome.attendance += marks.length;
        outcome.certificates += retired.length;
        await recordAudit(tx, systemActor, {
          organizationId: org.id,
          action: 'records.retired',
          entityType: 'organization',
          entityId: org.id,
          after: { before: cutoff, courses: ids.length, attendance: marks.length, certificates: retired.length, years: org.years },
        });
      }
    });
  }
  return outcome;
}
