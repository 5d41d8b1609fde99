import { describe, expect, test } from 'vitest';
import { SPOKANE_2025 } from '#db/seed/abs-spokane-2025.ts';
import { planCourseCopy, shiftInstant, suggestTitleAndSlug, type CourseForCopy } from './copy-plan.ts';

const spokane: CourseForCopy = {
  title: SPOKANE_2025.course.title,
  slug: SPOKANE_2025.course.slug,
  tagline: SPOKANE_2025.course.tagline ?? '',
  timeZone: SPOKANE_2025.course.timeZone,
  startsOn: SPOKANE_2025.course.startsOn,
  endsOn: SPOKANE_2025.course.endsOn,
  registrationOpensOn: SPOKANE_2025.course.registrationOpensOn ?? null,
  earlyRateUntil: SPOKANE_2025.course.earlyRateUntil ?? null,
  financialAidDeadline: SPOKANE_2025.course.financialAidDeadline ?? null,
  registrationDeadline: SPOKANE_2025.course.registrationDeadline,
  cancellationDeadline: SPOKANE_2025.course.cancellationDeadline ?? null,
  hotel: SPOKANE_2025.course.hotel ?? null,
  sections: SPOKANE_2025.course.sections ?? [],
  accreditation: SPOKANE_2025.course.accreditation ?? [],
};

describe('copying a course to a new start date', () => {
  test('every deadline moves by the same number of days as the start', () => {
    // Wednesday 23 April 2025 → Wednesday 19 April 2028: 1,092 days, 156 weeks.
    const plan = planCourseCopy(spokane, '2028-04-19');
    expect(plan.days).toBe(1092);
    expect(plan.dates).toMatchObject({
      startsOn: '2028-04-19',
      endsOn: '2028-04-22',
      registrationDeadline: '2028-03-08',
      cancellationDeadline: '2028-03-08',
      financialAidDeadline: '2028-02-22', // 156 weeks later: the same weekday, across 29 February 2028
      registrationOpensOn: null,
    });
    expect(plan.hotel).toMatchObject({ availableFrom: '2028-04-18', availableTo: '2028-04-22', reservationDeadline: '2028-03-19', nightlyRateMinor: spokane.hotel!.nightlyRateMinor });
    // Every moved date is listed, each by the same shift; the absent opening date is not.
    expect(plan.moved.map((m) => m.field)).toEqual(['startsOn', 'endsOn', 'financialAidDeadline', 'registrationDeadline', 'cancellationDeadline', 'hotel.availableFrom', 'hotel.availableTo', 'hotel.reservationDeadline']);
  });

  test('text that names the old year and the accreditor’s approval period are listed to check, not rewritten', () => {
    const plan = planCourseCopy(spokane, '2028-04-19');
    expect(plan.check).toContainEqual({ field: 'section.venue', reason: 'text_mentions_old_year', detail: 'Welcome to Spokane!' });
    expect(plan.check.some((c) => c.field === 'section.explore_city')).toBe(false);
    expect(plan.check).toContainEqual({ field: 'accreditation.AAFP', reason: 'accreditation_approval_period', detail: 'AAFP' });
  });

  test('a move backwards works the same way', () => {
    const plan = planCourseCopy(spokane, '2025-04-16');
    expect(plan.days).toBe(-7);
    expect(plan.dates.registrationDeadline).toBe('2025-03-05');
  });

  test('the title and address take the new year where the old one appears', () => {
    expect(suggestTitleAndSlug({ title: 'Leadership Training Intensive — Spokane 2025', slug: 'leadership-intensive-2025-spokane', startsOn: '2025-04-23' }, '2028-04-19')).toEqual({
      title: 'Leadership Training Intensive — Spokane 2028',
      slug: 'leadership-intensive-2028-spokane',
    });
    expect(suggestTitleAndSlug({ title: 'Intensive', slug: 'intensive', startsOn: '2025-04-23' }, '2026-04-22')).toEqual({ title: 'Intensive 2026', slug: 'intensive-2026' });
    expect(suggestTitleAndSlug({ title: 'Intensive', slug: 'intensive', startsOn: '2025-04-23' }, '2025-10-01')).toEqual({ title: 'Intensive (copy)', slug: 'intensive-copy' });
  });
});

describe('session times keep their local clock time', () => {
  test('09:00 in Spokane before the March change is 09:00 after it, an hour less in UTC', () => {
    const before = new Date('2028-03-06T17:00:00Z'); // Monday 6 March 2028, 09:00 PST
    const after = shiftInstant(before, 14, 'America/Los_Angeles'); // the change is on 12 March
    expect(after.toISOString()).toBe('2028-03-20T16:00:00.000Z'); // 09:00 PDT
  });

  test('back across the November change', () => {
    const october = new Date('2027-10-28T16:30:00Z'); // 09:30 PDT
    expect(shiftInstant(october, 7, 'America/Los_Angeles').toISOString()).toBe('2027-11-04T16:30:00.000Z'); // still PDT (change on 7 Nov)
    expect(shiftInstant(october, 14, 'America/Los_Angeles').toISOString()).toBe('2027-11-11T17:30:00.000Z'); // 09:30 PST
  });

  test('a time the spring change skips moves to the first valid time', () => {
    const ok = new Date('2028-03-05T10:30:00Z'); // 02:30 PST on 5 March
    expect(shiftInstant(ok, 7, 'America/Los_Angeles').toISOString()).toBe('2028-03-12T10:30:00.000Z'); // 03:30 PDT
  });
});
