// Next year's course from the demo's Spokane 2025 course, which was run: forty participants,
// small groups, attendance, payments, certificates. The copy keeps what describes the course,
// moves every date, and takes no person with it.
import { and, asc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { auditEvents } from '#db/schema/audit.ts';
import { attendance, courseSessions, smallGroups } from '#db/schema/course-running.ts';
import { coursePrices, courseFaculty, courses } from '#db/schema/courses.ts';
import { certificates, courseCreditPolicies, evaluationForms } from '#db/schema/credit.ts';
import { courseMessageSettings } from '#db/schema/messages.ts';
import { ledgerEntries } from '#db/schema/money.ts';
import { discountCodes, registrations } from '#db/schema/registration.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { instantToLocal } from '#domain/schedule/local-time.ts';
import { seedDemo } from '#server/demo.server.ts';
import { createOrganization } from '../../tests/helpers/fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { copiedCounts, copyCourse } from './copy-course.server.ts';
import { daysBetween, shiftDate } from './copy-plan.ts';

const testDb = useTestDatabase();

const countWhere = async (table: typeof registrations | typeof smallGroups | typeof attendance | typeof certificates | typeof discountCodes, courseId: string) =>
  (await testDb.db.select({ n: sql<number>`count(*)::int` }).from(table).where(eq(table.courseId, courseId)))[0]!.n;

describe('copy a course', () => {
  beforeAll(async () => {
    await seedDemo(testDb.db, '2026-12-06');
  });

  test('Spokane 2025 copied to April 2028: eight prices, every date moved alike, the schedule at the same clock times, no person', async () => {
    const [source] = await testDb.db.select().from(courses).where(eq(courses.slug, 'leadership-intensive-2025-spokane'));
    expect(await countWhere(registrations, source!.id)).toBeGreaterThan(0);
    // The director saved an evaluation with a question about the first session.
    const [firstSession] = await testDb.db.select().from(courseSessions).where(eq(courseSessions.courseId, source!.id)).orderBy(asc(courseSessions.startsAt)).limit(1);
    await testDb.db.insert(evaluationForms).values({
      courseId: source!.id,
      organizationId: source!.organizationId,
      questions: [
        { key: 'overall', kind: 'scale', text: 'The course met its goals.', required: true },
        { key: 'opening', kind: 'scale', text: 'The opening session was useful.', required: false, sessionId: firstSession!.id },
      ],
      opensAt: new Date('2025-04-26T19:00:00Z'),
    });

    // …and replies to the course's messages go to the director.
    await testDb.db
      .insert(courseMessageSettings)
      .values({ courseId: source!.id, organizationId: source!.organizationId, replyTo: 'director.spokane@example.org' })
      .onConflictDoUpdate({ target: courseMessageSettings.courseId, set: { replyTo: 'director.spokane@example.org' } });

    const { course: copy, plan, counts } = await copyCourse(
      testDb.db,
      { organizationId: source!.organizationId, sourceCourseId: source!.id, newStartsOn: '2028-04-19', title: 'Leadership Training Intensive — Spokane 2028', slug: 'leadership-intensive-2028-spokane' },
      systemActor,
    );
    expect(copy).toMatchObject({ status: 'draft', copiedFromCourseId: source!.id, startsOn: '2028-04-19', capacity: source!.capacity, earlyPlaceLimit: source!.earlyPlaceLimit });

    // The price table: the same eight amounts in the same cells.
    const cells = async (courseId: string) =>
      (await testDb.db.select().from(coursePrices).where(eq(coursePrices.courseId, courseId)).orderBy(asc(coursePrices.position), asc(coursePrices.tier))).map((p) => [p.categoryKey, p.tier, p.amountMinor]);
    expect(await cells(copy.id)).toHaveLength(8);
    expect(await cells(copy.id)).toEqual(await cells(source!.id));

    // Every deadline moved by the same number of days, in the course's own calendar.
    const days = daysBetween(source!.startsOn, '2028-04-19');
    expect(plan.days).toBe(days);
    for (const field of ['endsOn', 'registrationDeadline', 'cancellationDeadline', 'financialAidDeadline'] as const) {
      expect(copy[field]).toBe(shiftDate(source![field]!, days));
    }
    expect(copy.hotel!.reservationDeadline).toBe(shiftDate(source!.hotel!.reservationDeadline, days));
    expect(copy.registrationOpensOn).toBeNull();

    // The schedule at the same local clock times, 1,092 days on, with new calendar identities.
    const sessions = async (courseId: string) => testDb.db.select().from(courseSessions).where(eq(courseSessions.courseId, courseId)).orderBy(asc(courseSessions.startsAt));
    const [before, after] = [await sessions(source!.id), await sessions(copy.id)];
    expect(after).toHaveLength(before.length);
    expect(after.length).toBeGreaterThan(10);
    after.forEach((s, i) => {
      const old = instantToLocal(before[i]!.startsAt, source!.timeZone);
      expect(instantToLocal(s.startsAt, copy.timeZone)).toEqual({ date: shiftDate(old.date, days), time: old.time });
      expect(s.creditMinutes).toEqual(before[i]!.creditMinutes);
      expect(s.calendarUid).not.toBe(before[i]!.calendarUid);
    });

    // Faculty, credit policies and the evaluation come along; the counts say so.
    expect(counts).toMatchObject({ prices: 8, sessions: before.length, faculty: (await testDb.db.select().from(courseFaculty).where(eq(courseFaculty.courseId, source!.id))).length });
    expect((await testDb.db.select().from(courseCreditPolicies).where(eq(courseCreditPolicies.courseId, copy.id))).map((p) => p.body).sort()).toEqual(['AAFP', 'APA']);
    const [form] = await testDb.db.select().from(evaluationForms).where(eq(evaluationForms.courseId, copy.id));
    expect(form!.questions.map((q) => q.sessionId)).toEqual([undefined, after[0]!.id]);
    expect(form!.opensAt!.toISOString()).toBe('2028-04-22T19:00:00.000Z');
    expect(await copiedCounts(testDb.db, copy)).toEqual(counts);
    const [settings] = await testDb.db.select().from(courseMessageSettings).where(eq(courseMessageSettings.courseId, copy.id));
    expect(settings).toMatchObject({ organizationId: copy.organizationId, replyTo: 'director.spokane@example.org' });

    // No person: registrations, groups, attendance, certificates, money, discount codes.
    for (const table of [registrations, smallGroups, attendance, certificates, discountCodes] as const) expect(await countWhere(table, copy.id)).toBe(0);
    const money = await testDb.db.execute(sql`select count(*)::int as n from ${ledgerEntries} join ${registrations} on ${registrations.id} = ${ledgerEntries.registrationId} where ${registrations.courseId} = ${copy.id}`);
    expect(money.rows[0]).toEqual({ n: 0 });
    const [audit] = await testDb.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'course.copied'), eq(auditEvents.entityId, copy.id)));
    expect(audit).toBeDefined();
  });

  test('a slug already used is refused and nothing is written; another organization’s course is not found', async () => {
    const [source] = await testDb.db.select().from(courses).where(eq(courses.slug, 'leadership-intensive-2025-spokane'));
    const before = (await testDb.db.select().from(courses)).length;
    const taken = copyCourse(testDb.db, { organizationId: source!.organizationId, sourceCourseId: source!.id, newStartsOn: '2028-04-19', title: 'Again', slug: source!.slug }, systemActor);
    await expect(taken).rejects.toMatchObject({ code: 'COURSE_SLUG_TAKEN', fields: { slug: 'COURSE_SLUG_TAKEN' } });
    const other = await createOrganization(testDb.db, 'other-society');
    const foreign = copyCourse(testDb.db, { organizationId: other.id, sourceCourseId: source!.id, newStartsOn: '2028-04-19', title: 'Mine now', slug: 'mine-now' }, systemActor);
    await expect(foreign).rejects.toBeInstanceOf(DomainError);
    await expect(foreign).rejects.toMatchObject({ code: 'COURSE_NOT_FOUND' });
    expect((await testDb.db.select().from(courses)).length).toBe(before);
  });
});
