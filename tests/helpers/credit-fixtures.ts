// A two-day miniature of the intensive for credit and certificate tests: two 90-minute small
// groups, a lunch and a 60-minute panel; APA (commensurate, evaluation required) and AAFP (full
// attendance) policies; one participant fully present, one 20 minutes late to the panel.
import crypto from 'node:crypto';
import type { Db } from '../../db/client.server.ts';
import { users } from '../../db/schema/accounts.ts';
import { attendance, courseSessions } from '../../db/schema/course-running.ts';
import { courseCreditPolicies, evaluationCompletions } from '../../db/schema/credit.ts';
import { registrations } from '../../db/schema/registration.ts';
import { createCourse, createOrganization, validAnswers } from './fixtures.ts';

export async function participant(db: Db, organizationId: string, courseId: string, name: string) {
  const id = crypto.randomUUID();
  await db.insert(users).values({ id, name, email: `${id}@example.org`, emailVerified: true });
  const [registration] = await db
    .insert(registrations)
    .values({
      organizationId,
      courseId,
      userId: id,
      submissionKey: id,
      status: 'confirmed',
      name,
      email: `${id}@example.org`,
      categoryKey: 'non_member',
      tier: 'early',
      baseAmountMinor: 90000,
      amountMinor: 90000,
      currency: 'USD',
      answers: validAnswers(),
      policy: {} as never,
    })
    .returning();
  return registration!;
}

/** A two-day miniature of the intensive: 2 × 90-minute small groups, a lunch, a 60-minute panel. */
export async function creditCourse(db: Db) {
  const org = await createOrganization(db);
  const course = await createCourse(db, org.id, {
    accreditation: [
      { body: 'APA', statement: 'The American Balint Society is approved by the American Psychological Association to sponsor continuing education for psychologists.' },
      { body: 'AAFP', statement: 'This Live activity has been reviewed and is acceptable for up to 4.00 Prescribed credit(s) by the American Academy of Family Physicians.' },
    ],
  });
  const at = (iso: string) => new Date(iso);
  const sessions = await db
    .insert(courseSessions)
    .values([
      { organizationId: org.id, courseId: course.id, kind: 'small_group', title: 'Small group 1', startsAt: at('2025-04-23T16:00:00Z'), endsAt: at('2025-04-23T17:30:00Z'), creditMinutes: { APA: 90, AAFP: 90 }, calendarUid: crypto.randomUUID() },
      { organizationId: org.id, courseId: course.id, kind: 'meal', title: 'Lunch', startsAt: at('2025-04-23T19:00:00Z'), endsAt: at('2025-04-23T20:00:00Z'), creditMinutes: {}, calendarUid: crypto.randomUUID() },
      { organizationId: org.id, courseId: course.id, kind: 'faculty_panel', title: 'Faculty panel', startsAt: at('2025-04-23T20:00:00Z'), endsAt: at('2025-04-23T21:00:00Z'), creditMinutes: { APA: 60, AAFP: 60 }, calendarUid: crypto.randomUUID() },
      { organizationId: org.id, courseId: course.id, kind: 'small_group', title: 'Small group 2', startsAt: at('2025-04-24T16:00:00Z'), endsAt: at('2025-04-24T17:30:00Z'), creditMinutes: { APA: 90, AAFP: 90 }, calendarUid: crypto.randomUUID() },
    ])
    .returning();
  await db.insert(courseCreditPolicies).values([
    { organizationId: org.id, courseId: course.id, body: 'APA', maxCreditHundredths: 400, rule: 'commensurate', evaluationRequired: true },
    { organizationId: org.id, courseId: course.id, body: 'AAFP', maxCreditHundredths: 400, rule: 'full_attendance', evaluationRequired: false },
  ]);
  const full = await participant(db, org.id, course.id, 'Zoë Full');
  const late = await participant(db, org.id, course.id, 'Lee Late');
  const mark = async (registrationId: string, sessionId: string, status: 'present' | 'absent', lateMinutes = 0) =>
    db.insert(attendance).values({ sessionId, registrationId, organizationId: org.id, courseId: course.id, status, lateMinutes, markedAt: new Date(), markedBy: 'faculty' });
  for (const s of sessions) {
    await mark(full.id, s.id, 'present');
    await mark(late.id, s.id, 'present', s.title === 'Faculty panel' ? 20 : 0);
  }
  await db.insert(evaluationCompletions).values({ registrationId: full.id, organizationId: org.id, courseId: course.id, completedOn: '2025-04-26' });
  return { org, course, sessions, full, late };
}

