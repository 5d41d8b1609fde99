// node tests/e2e/small-groups-course.ts   (with DATA_DIR of a running app)
// A course of the demo society whose small groups are still being planned, for the browser
// journey that publishes them (the demo's Spokane course is already published): twelve accepted
// participants with their charges on the ledger, six faculty (three behavioral-health
// clinicians), three groups of 2–6 with two leaders each. Prints one JSON line: { courseId, title }.
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { profiles, users } from '#db/schema/accounts.ts';
import { courseFaculty } from '#db/schema/courses.ts';
import { organizations } from '#db/schema/organizations.ts';
import { registrations } from '#db/schema/registration.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { chargeRegistration } from '#domain/money/charges.server.ts';
import { loadCourseGroups } from '#domain/small-groups/course-groups.server.ts';
import { saveGroupDetails, saveSmallGroupSettings } from '#domain/small-groups/save-settings.server.ts';
import { withDatabase } from '#server/cli/run-cli.ts';
import { createCourse, validAnswers } from '../helpers/fixtures.ts';

const PEOPLE = [
  ['Family medicine', 'WA'],
  ['Psychiatry', 'OR'],
  ['Psychology', 'ID'],
  ['Social work', 'WA'],
  ['Nursing', 'MT'],
  ['Family medicine resident', 'OR'],
  ['Psychology', 'CA'],
  ['Family medicine', 'CO'],
  ['Social work', 'OR'],
  ['Internal medicine', 'WA'],
  ['Psychiatry resident', 'ID'],
  ['Nursing', 'AK'],
] as const;

const made = await withDatabase('e2e-small-groups', async ({ db }) => {
  const [org] = await db.select().from(organizations).where(eq(organizations.slug, 'abs'));
  const tag = crypto.randomBytes(3).toString('hex');
  const title = `Small-group journey ${tag}`;
  const course = await createCourse(db, org!.id, { title, status: 'closed', startsOn: '2025-10-02', endsOn: '2025-10-05' });
  for (const [k, [discipline, region]] of PEOPLE.entries()) {
    const id = crypto.randomUUID();
    const name = `Journey Participant ${String(k + 1).padStart(2, '0')} ${tag}`;
    const email = `journey-${k + 1}-${tag}@example.org`;
    await db.insert(users).values({ id, name, email, emailVerified: true });
    await db.insert(profiles).values({ userId: id, region });
    const [registration] = await db
      .insert(registrations)
      .values({
        organizationId: org!.id,
        courseId: course.id,
        userId: id,
        submissionKey: `journey-${tag}-${k}`,
        status: 'accepted',
        name,
        email,
        categoryKey: 'non_member',
        tier: 'regular',
        baseAmountMinor: 97500,
        amountMinor: 97500,
        currency: course.currency,
        answers: validAnswers({ discipline, institution: `Journey Clinic ${k + 1}` }),
        policy: { courseTitle: title, currency: course.currency, categoryLabel: 'Single Registration', tier: 'regular', prices: [], earlyPlaceLimit: 30, earlyRateUntil: null, registrationDeadline: course.registrationDeadline, cancellationDeadline: course.cancellationDeadline, cancellationFeeMinor: course.cancellationFeeMinor, refundWithinDays: course.refundWithinDays, timeZone: course.timeZone, attestations: [], policies: [] },
        addressConfirmedAt: new Date('2025-08-01T17:00:00Z'),
        submittedAt: new Date('2025-08-01T17:00:00Z'),
        decidedAt: new Date('2025-08-03T17:00:00Z'),
      })
      .returning();
    await chargeRegistration(db, registration!, systemActor, new Date('2025-08-01T17:00:00Z'));
  }
  const faculty = await db
    .insert(courseFaculty)
    .values(['Avery Lead', 'Blair Lead', 'Casey Lead', 'Devon Lead', 'Emery Lead', 'Finley Lead'].map((name, i) => ({ organizationId: org!.id, courseId: course.id, position: i, role: 'faculty' as const, name, behavioralHealth: i % 2 === 1 })))
    .returning();
  const ids = { organizationId: org!.id, courseId: course.id };
  await saveSmallGroupSettings(db, { ...ids, version: 0, groupCount: 3, minSize: 2, maxSize: 6, weights: { profession: 3, experience: 2, region: 1, gender: 1 }, leaderRules: { leadersPerGroup: 2, requireBehavioralHealth: true } }, systemActor);
  const state = await loadCourseGroups(db, org!.id, course.id);
  await saveGroupDetails(
    db,
    { ...ids, version: state.plan.version, groups: state.groups.map((g, i) => ({ id: g.id, name: g.name, room: `Journey Room ${i + 1}`, leaderIds: [faculty[2 * i]!.id, faculty[2 * i + 1]!.id] })) },
    systemActor,
  );
  return { courseId: course.id, title, tag };
});
process.stdout.write(`${JSON.stringify(made)}\n`);
