import { asc, eq } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, test } from 'vitest';
import type { DbOrTx } from '#db/client.server.ts';
import { contentSections, courseFaculty, coursePrices, courseSchedules, courseSessions, courses, organizations, siteEntries, sitePageRevisions, sitePages } from '#db/schema/index.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { seedDemoContent } from './demo-content.server.ts';

const testDb = useTestDatabase();

class Rollback extends Error {}

/** Seeds inside a transaction that is rolled back, so each `today` starts from empty. */
async function withSeed(today: string, check: (db: DbOrTx, ids: Awaited<ReturnType<typeof seedDemoContent>>) => Promise<void>) {
  await expect(
    testDb.db.transaction(async (tx) => {
      const ids = await seedDemoContent(tx, today);
      await check(tx, ids);
      throw new Rollback();
    }),
  ).rejects.toBeInstanceOf(Rollback);
}

async function loadCourse(db: DbOrTx, courseId: string) {
  const [course] = await db.select().from(courses).where(eq(courses.id, courseId));
  if (!course) throw new Error('course not found');
  const prices = await db.select().from(coursePrices).where(eq(coursePrices.courseId, courseId));
  const faculty = await db.select().from(courseFaculty).where(eq(courseFaculty.courseId, courseId)).orderBy(asc(courseFaculty.position));
  const priceTable = Object.fromEntries(prices.map((p) => [`${p.categoryKey}/${p.tier}`, p.amountMinor]));
  return { course, prices, priceTable, faculty };
}

const PUBLISHED_PRICES = {
  'non_member/early': 90000,
  'non_member/regular': 97500,
  'member/early': 80000,
  'member/regular': 87500,
  'trainee/early': 64000,
  'trainee/regular': 70000,
  'member_trainee/early': 56000,
  'member_trainee/regular': 62000,
};

const section = (sections: { key: string; body: string }[], key: string) => sections.find((s) => s.key === key)?.body ?? '';

describe('demo content', () => {
  test('the Spokane 2025 intensive reads as published', async () => {
    await withSeed('2025-06-15', async (db, ids) => {
      const { course, prices, priceTable, faculty } = await loadCourse(db, ids.pastCourseId);
      expect(course.organizationId).toBe(ids.abs);
      expect(course.status).toBe('closed');
      expect(course.title).toBe('Balint Leadership Training Intensive');
      expect([course.startsOn, course.endsOn]).toEqual(['2025-04-23', '2025-04-26']);
      expect(course.timeZone).toBe('America/Los_Angeles');
      expect([course.venueName, course.city, course.region]).toEqual(['Ruby River Hotel', 'Spokane', 'WA']);

      expect(priceTable).toEqual(PUBLISHED_PRICES);
      expect(new Set(prices.map((p) => p.categoryLabel))).toEqual(
        new Set(['Single Registration', 'ABS Member Registration', 'Residents, students, fellows', 'ABS Member Residents, students & fellows']),
      );
      expect(prices.find((p) => p.categoryKey === 'member_trainee')?.position).toBe(3);
      expect(course.earlyPlaceLimit).toBe(30);
      expect(course.currency).toBe('USD');

      expect(course.registrationDeadline).toBe('2025-03-12');
      expect(course.cancellationDeadline).toBe('2025-03-12');
      expect(course.cancellationFeeMinor).toBe(10000);
      expect(course.refundWithinDays).toBe(30);
      expect(course.financialAidDeadline).toBe('2025-02-25');
      expect([course.financialAidAwards, course.financialAidMaxMinor]).toEqual([4, 50000]);
      expect(section(course.sections, 'financial_aid')).toContain(
        'ABS has a financial aid program available to applicants of underrepresented groups (e.g. ethnic, socioeconomic, professional background, etc.) for whom the regular course tuition would present a hardship or barrier.',
      );
      expect(section(course.sections, 'financial_aid')).toContain('the deadline for financial aid applications is February 25, 2025.');
      expect(section(course.sections, 'cancellation_policy')).toContain('by the cancellation deadline of March 12, 2025.');

      expect(course.hotel).toEqual({
        name: 'Ruby River Hotel',
        nightlyRateMinor: 12500,
        note: 'plus taxes',
        availableFrom: '2025-04-22',
        availableTo: '2025-04-26',
        reservationPhone: '(509) 326-5577',
        reservationCode: 'AMERI250422-163208',
        reservationDeadline: '2025-03-23',
      });

      expect(faculty).toHaveLength(8);
      expect(faculty.slice(0, 2).map((f) => [f.role, f.name, f.credentials, f.location])).toEqual([
        ['director', 'Janet Walker', 'MD', 'Spokane, WA'],
        ['co_director', 'Jillian Romm', 'RN, LCSW', 'Portland, OR'],
      ]);
      expect(faculty.filter((f) => f.role === 'faculty')).toHaveLength(6);

      expect(course.goals).toHaveLength(4);
      expect(course.goals[0]).toBe('Describe verbal and non-verbal behaviors of Balint Group Leaders.');

      const [aafp, equivalency, apa] = course.accreditation;
      expect(aafp?.body).toBe('AAFP');
      expect(aafp?.statement).toContain('Term of approval is from 09/26/2024 to 09/25/2025.');
      expect(aafp?.statement).toContain(
        'Physicians should claim only the credit commensurate with the extent of their participation in the activity.',
      );
      expect([aafp?.approvalFrom, aafp?.approvalTo]).toEqual(['2024-09-26', '2025-09-25']);
      expect(equivalency?.statement).toContain(
        "AAFP Prescribed credit is accepted by the American Medical Association as equivalent to AMA PRA Category 1 Credit toward the AMA Physician's Recognition Award. When applying for the AMA PRA, Prescribed credit earned must be reported as Prescribed, not as Category 1.",
      );
      expect(apa?.statement).toBe(
        'The American Balint Society is approved by the American Psychological Association to sponsor continuing education for psychologists. The American Balint Society maintains responsibility for this program and its content. This activity is approved for 19.25 CE credits.',
      );
      expect(apa?.credits).toBe(19.25);
      expect(course.ceHours).toBe('19.25');

      // No scraping leftovers: empty email placeholders, the glued "Conference Schedule" link.
      const text = course.sections.map((s) => s.body).join('\n');
      expect(text).not.toMatch(/,,|,;/);
      expect(text).not.toContain('themselves.Conference Schedule');
      for (const key of ['overview', 'participation', 'covid', 'acceptance', 'co_leader_evaluation', 'target_audience', 'grievance_policy']) {
        expect(section(course.sections, key), key).not.toBe('');
      }
    });
  });

  for (const today of ['2025-06-15', '2025-12-30']) {
    test(`the upcoming intensive is open for registration on ${today}`, async () => {
      await withSeed(today, async (db, ids) => {
        const { course, priceTable, faculty } = await loadCourse(db, ids.upcomingCourseId);
        const past = await loadCourse(db, ids.pastCourseId);
        const start = Temporal.PlainDate.from(course.startsOn);
        const day = Temporal.PlainDate.from(today);
        const compare = (a: string, b: string) => Temporal.PlainDate.compare(Temporal.PlainDate.from(a), Temporal.PlainDate.from(b));

        expect(course.organizationId).toBe(ids.abs);
        expect(course.status).toBe('published');
        expect(course.slug).not.toBe(past.course.slug);
        expect(course.title).toContain(course.city);
        expect(Temporal.PlainDate.compare(start, day)).toBe(1);
        expect(start.dayOfWeek).toBe(4);
        expect(course.endsOn).toBe(start.add({ days: 3 }).toString());
        const months = day.until(start, { largestUnit: 'months' }).months;
        expect(months).toBeGreaterThanOrEqual(4);
        expect(months).toBeLessThanOrEqual(5);

        expect(course.registrationOpensOn).not.toBeNull();
        expect(compare(course.registrationOpensOn!, today)).toBeLessThanOrEqual(0);
        expect(compare(today, course.registrationDeadline)).toBeLessThanOrEqual(0);
        expect(course.cancellationDeadline).toBe(course.registrationDeadline);
        expect(compare(course.financialAidDeadline!, course.registrationDeadline)).toBe(-1);
        expect(compare(today, course.financialAidDeadline!)).toBe(-1);
        expect(compare(course.registrationDeadline, course.startsOn)).toBe(-1);

        expect(priceTable).toEqual(PUBLISHED_PRICES);
        expect(course.earlyPlaceLimit).toBe(30);
        expect(course.capacity).toBe(past.course.capacity);
        expect(course.capacity).toBeGreaterThanOrEqual(30);
        expect(faculty).toHaveLength(8);
        expect(course.sections.map((s) => s.key)).toEqual(past.course.sections.map((s) => s.key).filter((k) => k !== 'explore_city'));

        expect(course.hotel?.availableFrom).toBe(start.subtract({ days: 1 }).toString());
        expect(course.hotel?.availableTo).toBe(course.endsOn);
        expect(compare(course.hotel!.reservationDeadline, course.startsOn)).toBe(-1);

        // No invented AAFP approval.
        const aafp = course.accreditation.find((a) => a.body === 'AAFP');
        expect(aafp?.statement).toContain('pending');
        expect(aafp?.approvalFrom).toBeUndefined();
        expect(aafp?.approvalTo).toBeUndefined();
      });
    });
  }

  test('the two organizations and their sites, page by page', async () => {
    await withSeed('2025-06-15', async (db, ids) => {
      const orgs = await db.select().from(organizations).orderBy(asc(organizations.slug));
      expect(orgs.map((o) => [o.slug, o.name, o.shortName, o.kind, o.timeZone, o.currency])).toEqual([
        ['abs', 'American Balint Society', 'ABS', 'national_society', 'America/New_York', 'USD'],
        ['nwbc', 'Northwest Balint Circle', 'NWBC', 'regional_circle', 'America/Los_Angeles', 'USD'],
      ]);
      expect(orgs.find((o) => o.slug === 'nwbc')?.tagline).toBe('Celebrating Collective Wisdom');

      const pages = (organizationId: string) => db.select().from(sitePages).where(eq(sitePages.organizationId, organizationId)).orderBy(asc(sitePages.position));
      const absPages = await pages(ids.abs);
      expect(absPages.map((p) => p.title)).toEqual(['Balint Groups', 'Leadership Training Intensives', 'Financial Aid', 'Continuing Education']);

      // The circle's site, page by page, in the seed's order, every page published at revision 1.
      const nwbcPages = await pages(ids.nwbc);
      expect(nwbcPages.map((p) => p.title)).toEqual(['Who We Are', 'What is A Balint group?', 'Open Enrollment Balint Groups', 'Our Activities', 'Restoring the Core of Clinical Practice']);
      expect(nwbcPages.every((p) => p.published && p.onHome && p.revision === 1 && p.description.length > 0)).toBe(true);
      expect(await db.select().from(sitePageRevisions).where(eq(sitePageRevisions.organizationId, ids.nwbc))).toHaveLength(nwbcPages.length);
      expect(nwbcPages[0]?.body).toContain('training up to twelve leaders in your own organization');
      const activities = nwbcPages.find((p) => p.slug === 'our-activities')!.body;
      for (const heading of ['Polyclinic Balints: Multiple Specialties, Multiple Settings', 'Rotating Leader Groups', 'Introductory Demonstrations', 'Balint Weekend']) expect(activities).toContain(`## ${heading}`);
      const text = nwbcPages.map((p) => `${p.title}\n${p.body}`).join('\n');
      for (const junk of ['Skip to main content', 'New Text Box', 'Shopping Cart']) expect(text).not.toContain(junk);
      expect(text).toContain('Laurel Milberg');
      // The "What's happening?" notice is an event of the circle.
      const events = await db.select().from(siteEntries).where(eq(siteEntries.organizationId, ids.nwbc));
      expect(events.map((e) => [e.kind, e.title, e.startsOn, e.endsOn, e.place, e.summary, e.published])).toEqual([['event', 'Leadership Training', '2022-04-07', '2022-04-10', 'Spokane, WA', 'Register at ABS website', true]]);
      // The old home-page sections are no longer seeded.
      expect(await db.select().from(contentSections)).toEqual([]);

      // The 2022 training is the ABS's and only linked from the circle's page: no course rows.
      expect(await db.select().from(courses).where(eq(courses.organizationId, ids.nwbc))).toEqual([]);
    });
  });
  test('both intensives have a published four-day schedule whose credit sessions add up to the seed\'s 19.25 hours', async () => {
    await withSeed('2025-06-15', async (db, ids) => {
      for (const courseId of [ids.pastCourseId, ids.upcomingCourseId]) {
        const { course } = await loadCourse(db, courseId);
        const sessions = await db.select().from(courseSessions).where(eq(courseSessions.courseId, courseId)).orderBy(asc(courseSessions.startsAt));
        const [schedule] = await db.select().from(courseSchedules).where(eq(courseSchedules.courseId, courseId));
        expect(schedule?.publishedAt).toBeInstanceOf(Date);
        const minutes = (body: string) => sessions.reduce((sum, s) => sum + (s.creditMinutes[body] ?? 0), 0);
        expect(minutes('APA') / 60).toBe(19.25);
        expect(minutes('AAFP')).toBe(minutes('APA'));
        expect(course.accreditation.find((a) => a.body === 'APA')?.credits).toBe(19.25);
        // Meals and breaks carry none; no credit beyond a session's length.
        for (const s of sessions) {
          const length = (s.endsAt.getTime() - s.startsAt.getTime()) / 60_000;
          if (s.kind === 'meal' || s.kind === 'break') expect(s.creditMinutes).toEqual({});
          for (const m of Object.values(s.creditMinutes)) expect(m).toBeLessThanOrEqual(length);
        }
        // Four days, in the course's zone, none overlapping; six experiential small groups.
        const local = (d: Date) => Temporal.Instant.fromEpochMilliseconds(d.getTime()).toZonedDateTimeISO(course.timeZone);
        const days = new Set(sessions.map((s) => local(s.startsAt).toPlainDate().toString()));
        expect([...days]).toEqual([0, 1, 2, 3].map((n) => Temporal.PlainDate.from(course.startsOn).add({ days: n }).toString()));
        expect([...days].at(-1)).toBe(course.endsOn);
        sessions.slice(1).forEach((s, i) => expect(s.startsAt.getTime()).toBeGreaterThanOrEqual(sessions[i]!.endsAt.getTime()));
        expect(sessions.filter((s) => s.kind === 'small_group')).toHaveLength(6);
        for (const kind of ['discussion_group', 'faculty_panel', 'debrief', 'large_group', 'meal', 'break']) expect(sessions.some((s) => s.kind === kind)).toBe(true);
        expect(new Set(sessions.map((s) => s.calendarUid)).size).toBe(sessions.length);
      }
      const spokane = await db.select().from(courseSessions).where(eq(courseSessions.courseId, ids.pastCourseId)).orderBy(asc(courseSessions.startsAt));
      // Pacific daylight time: the first small group at 13:45 in Spokane is 20:45 UTC.
      expect(spokane.find((s) => s.title === 'Experiential small group 1')?.startsAt.toISOString()).toBe('2025-04-23T20:45:00.000Z');
    });
  });
});
