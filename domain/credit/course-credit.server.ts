// The credit each participant of a course earned, per accrediting body, from the attendance
// record, the sessions' credit minutes and the course's credit policies (compute-credit.ts).
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { attendance, courseSessions } from '#db/schema/course-running.ts';
import { courseCreditPolicies, evaluationCompletions } from '#db/schema/credit.ts';
import { registrations } from '#db/schema/registration.ts';
import { computeCredit, type AttendanceForCredit, type CreditPolicy, type CreditResult, type SessionForCredit } from './compute-credit.ts';

/** Registrations whose holders took part: confirmed (paid) or accepted. */
export const PARTICIPATING = ['confirmed', 'accepted'] as const;

export type CreditPolicyRow = typeof courseCreditPolicies.$inferSelect;

export function toCreditPolicy(row: CreditPolicyRow): CreditPolicy {
  return {
    body: row.body,
    unit: row.unit,
    maxCredit: row.maxCreditHundredths / 100,
    rule: row.rule,
    minutesPerCredit: row.minutesPerCredit,
    roundingStepMinutes: row.roundingStepMinutes,
    rounding: row.rounding,
    evaluationRequired: row.evaluationRequired,
    minimumCredit: row.minimumCreditHundredths / 100,
  };
}

export async function findCreditPolicies(db: DbOrTx, where: { organizationId: string; courseId: string }): Promise<CreditPolicyRow[]> {
  return db
    .select()
    .from(courseCreditPolicies)
    .where(and(eq(courseCreditPolicies.organizationId, where.organizationId), eq(courseCreditPolicies.courseId, where.courseId)))
    .orderBy(asc(courseCreditPolicies.body));
}

export async function findSessionsForCredit(db: DbOrTx, where: { organizationId: string; courseId: string }): Promise<SessionForCredit[]> {
  const rows = await db
    .select({ id: courseSessions.id, kind: courseSessions.kind, startsAt: courseSessions.startsAt, endsAt: courseSessions.endsAt, creditMinutes: courseSessions.creditMinutes })
    .from(courseSessions)
    .where(and(eq(courseSessions.organizationId, where.organizationId), eq(courseSessions.courseId, where.courseId)))
    .orderBy(asc(courseSessions.startsAt));
  return rows.map((s) => ({ id: s.id, kind: s.kind, lengthMinutes: Math.round((s.endsAt.getTime() - s.startsAt.getTime()) / 60_000), creditMinutes: s.creditMinutes }));
}

export interface ParticipantCredit {
  registrationId: string;
  userId: string;
  name: string;
  email: string;
  evaluationCompleted: boolean;
  results: CreditResult[];
}

/** Every participant's credit for every body the course has a policy for (or only the given registrations). */
export async function findCourseCredit(db: DbOrTx, where: { organizationId: string; courseId: string; registrationIds?: string[] }): Promise<ParticipantCredit[]> {
  const policies = (await findCreditPolicies(db, where)).map(toCreditPolicy);
  const sessions = await findSessionsForCredit(db, where);
  const people = await db
    .select({ id: registrations.id, userId: registrations.userId, name: registrations.name, email: registrations.email })
    .from(registrations)
    .where(
      and(
        eq(registrations.organizationId, where.organizationId),
        eq(registrations.courseId, where.courseId),
        inArray(registrations.status, [...PARTICIPATING]),
        ...(where.registrationIds ? [inArray(registrations.id, where.registrationIds.length ? where.registrationIds : ['00000000-0000-0000-0000-000000000000'])] : []),
      ),
    )
    .orderBy(asc(registrations.name));
  if (people.length === 0) return [];
  const ids = people.map((p) => p.id);
  const marks = await db
    .select({ sessionId: attendance.sessionId, registrationId: attendance.registrationId, status: attendance.status, lateMinutes: attendance.lateMinutes, leftEarlyMinutes: attendance.leftEarlyMinutes })
    .from(attendance)
    .where(and(eq(attendance.organizationId, where.organizationId), eq(attendance.courseId, where.courseId), inArray(attendance.registrationId, ids)));
  const completed = new Set(
    (
      await db
        .select({ id: evaluationCompletions.registrationId })
        .from(evaluationCompletions)
        .where(and(eq(evaluationCompletions.organizationId, where.organizationId), eq(evaluationCompletions.courseId, where.courseId), inArray(evaluationCompletions.registrationId, ids)))
    ).map((r) => r.id),
  );
  const byPerson = new Map<string, Map<string, AttendanceForCredit>>();
  for (const m of marks) {
    const map = byPerson.get(m.registrationId) ?? new Map<string, AttendanceForCredit>();
    map.set(m.sessionId, { status: m.status, lateMinutes: m.lateMinutes, leftEarlyMinutes: m.leftEarlyMinutes });
    byPerson.set(m.registrationId, map);
  }
  return people.map((p) => {
    const evaluationCompleted = completed.has(p.id);
    const personMarks = byPerson.get(p.id) ?? new Map<string, AttendanceForCredit>();
    return {
      registrationId: p.id,
      userId: p.userId,
      name: p.name,
      email: p.email,
      evaluationCompleted,
      results: policies.map((policy) => computeCredit(policy, sessions, personMarks, { evaluationCompleted })),
    };
  });
}
