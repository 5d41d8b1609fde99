import { Temporal } from 'temporal-polyfill';
import { describe, expect, test } from 'vitest';
import { longDate, longDateRange } from './dates.ts';
import { upcomingIntensiveDates } from './abs-upcoming.ts';

describe('upcomingIntensiveDates', () => {
  test('every day of four years (incl. a leap day and year ends): Thursday→Sunday, open today', () => {
    const cmp = (a: string, b: string) => Temporal.PlainDate.compare(Temporal.PlainDate.from(a), Temporal.PlainDate.from(b));
    for (let day = Temporal.PlainDate.from('2024-01-01'); cmp(day.toString(), '2028-01-01') < 0; day = day.add({ days: 1 })) {
      const today = day.toString();
      const d = upcomingIntensiveDates(today);
      const start = Temporal.PlainDate.from(d.startsOn);
      expect(start.dayOfWeek, today).toBe(4);
      expect(d.endsOn, today).toBe(start.add({ days: 3 }).toString());
      expect(day.add({ months: 5 }).until(start).days, today).toBeLessThan(7);
      expect(cmp(d.registrationOpensOn, today), today).toBeLessThan(0);
      expect(cmp(today, d.financialAidDeadline), today).toBeLessThan(0);
      expect(cmp(d.financialAidDeadline, d.registrationDeadline), today).toBeLessThan(0);
      expect(d.cancellationDeadline).toBe(d.registrationDeadline);
      expect(cmp(d.hotelReservationDeadline, d.startsOn), today).toBeLessThan(0);
    }
  });

  test('year end', () => {
    expect(upcomingIntensiveDates('2025-12-30')).toMatchObject({
      startsOn: '2026-06-04',
      endsOn: '2026-06-07',
      registrationOpensOn: '2025-12-16',
      registrationDeadline: '2026-04-23',
      financialAidDeadline: '2026-04-09',
    });
  });
});

describe('printed dates', () => {
  test('as the seed prints them', () => {
    expect(longDate('2025-03-12')).toBe('March 12, 2025');
    expect(longDateRange('2025-04-22', '2025-04-26')).toBe('April 22 - 26, 2025');
    expect(longDateRange('2026-04-29', '2026-05-03')).toBe('April 29 - May 3, 2026');
    expect(longDateRange('2026-12-30', '2027-01-02')).toBe('December 30, 2026 - January 2, 2027');
  });
});
