// Property tests of the cancellation policy (fast-check): the money rules hold for every
// amount, and the deadline is a local calendar date in the course's zone, inclusive to its
// last second — across daylight-saving changes in America/Los_Angeles and Europe/Berlin.
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, test } from 'vitest';
import { addDays, cancellationOutcome, localDate, overriddenOutcome, refundDueOn } from './policy.ts';

const ZONES = ['America/Los_Angeles', 'Europe/Berlin'] as const;
// Days around the 2024–2026 daylight-saving changes in both zones, and random days besides.
const DST_DAYS = ['2024-03-10', '2024-11-03', '2025-03-09', '2025-11-02', '2026-03-08', '2026-11-01', '2024-03-31', '2024-10-27', '2025-03-30', '2025-10-26', '2026-03-29', '2026-10-25'];
const dstAdjacent = fc.constantFrom(...DST_DAYS).chain((day) => fc.integer({ min: -2, max: 2 }).map((d) => addDays(day, d)));
const anyDay = fc.integer({ min: 0, max: 365 * 12 }).map((d) => addDays('2020-01-01', d));
const day = fc.oneof(dstAdjacent, anyDay);
const money = fc.integer({ min: 0, max: 5_000_000 });

/** The instant of a local wall-clock time on a date in a zone. */
function at(date: string, time: string, zone: string): Date {
  const zdt = Temporal.PlainDateTime.from(`${date}T${time}`).toZonedDateTime(zone, { disambiguation: 'compatible' });
  return new Date(zdt.epochMilliseconds);
}

describe('cancellationOutcome: money', () => {
  test('refund never negative, never more than paid, refund + retained = paid', () => {
    fc.assert(
      fc.property(money, money, fc.option(day, { nil: null }), day, fc.constantFrom('registrant' as const, 'course_cancelled' as const, 'organizer_cancelled' as const), (paid, fee, deadline, receivedOn, cause) => {
        const o = cancellationOutcome({ paidMinor: paid, feeMinor: fee, cancellationDeadline: deadline, receivedOn, cause });
        expect(o.refundMinor).toBeGreaterThanOrEqual(0);
        expect(o.retainedMinor).toBeGreaterThanOrEqual(0);
        expect(o.refundMinor).toBeLessThanOrEqual(paid);
        expect(o.refundMinor + o.retainedMinor).toBe(paid);
        expect(o.paidMinor).toBe(paid);
      }),
    );
  });

  test('by the deadline the fee is withheld (never more than paid); after it nothing is refunded; the organizer refunds everything', () => {
    fc.assert(
      fc.property(money, money, day, fc.integer({ min: -40, max: 40 }), (paid, fee, deadline, offset) => {
        const receivedOn = addDays(deadline, offset);
        const o = cancellationOutcome({ paidMinor: paid, feeMinor: fee, cancellationDeadline: deadline, receivedOn, cause: 'registrant' });
        if (offset <= 0) expect(o).toMatchObject({ rule: 'before_deadline', retainedMinor: Math.min(fee, paid), refundMinor: Math.max(0, paid - fee) });
        else expect(o).toMatchObject({ rule: 'after_deadline', retainedMinor: paid, refundMinor: 0 });
        for (const cause of ['course_cancelled', 'organizer_cancelled'] as const) {
          const organizer = cancellationOutcome({ paidMinor: paid, feeMinor: fee, cancellationDeadline: deadline, receivedOn, cause });
          expect(organizer).toMatchObject({ rule: cause, refundMinor: paid, retainedMinor: 0 });
        }
      }),
    );
  });

  test('a fee larger than what was paid keeps what was paid and refunds nothing', () => {
    fc.assert(
      fc.property(money, fc.integer({ min: 1, max: 1_000_000 }), day, (paid, extra, deadline) => {
        const o = cancellationOutcome({ paidMinor: paid, feeMinor: paid + extra, cancellationDeadline: deadline, receivedOn: deadline, cause: 'registrant' });
        expect(o).toMatchObject({ retainedMinor: paid, refundMinor: 0 });
      }),
    );
  });

  test('no deadline: the fee rule applies whenever the request comes', () => {
    fc.assert(
      fc.property(money, money, day, (paid, fee, receivedOn) => {
        expect(cancellationOutcome({ paidMinor: paid, feeMinor: fee, cancellationDeadline: null, receivedOn, cause: 'registrant' })).toMatchObject({
          rule: 'no_deadline',
          refundMinor: Math.max(0, paid - fee),
        });
      }),
    );
  });

  test('an override refunds a clamped amount between nothing and what was paid', () => {
    fc.assert(
      fc.property(money, money, fc.integer({ min: -10_000_000, max: 10_000_000 }), (paid, fee, asked) => {
        const o = overriddenOutcome(paid, fee, asked);
        expect(o.rule).toBe('override');
        expect(o.refundMinor).toBe(Math.max(0, Math.min(paid, asked)));
        expect(o.refundMinor + o.retainedMinor).toBe(paid);
      }),
    );
  });
});

describe('the deadline is a local date, inclusive, in the course zone', () => {
  test('23:59:59 local on the deadline day is before it; 00:00 the next day is after — around DST changes too', () => {
    fc.assert(
      fc.property(day, fc.constantFrom(...ZONES), money, money, (deadline, zone, paid, fee) => {
        const lastSecond = at(deadline, '23:59:59', zone);
        const firstSecond = at(deadline, '00:00:00', zone);
        const nextMidnight = at(addDays(deadline, 1), '00:00:00', zone);
        expect(nextMidnight.getTime() - lastSecond.getTime()).toBe(1000);
        for (const instant of [firstSecond, lastSecond]) {
          const receivedOn = localDate(instant, zone);
          expect(receivedOn).toBe(deadline);
          expect(cancellationOutcome({ paidMinor: paid, feeMinor: fee, cancellationDeadline: deadline, receivedOn, cause: 'registrant' }).rule).toBe('before_deadline');
        }
        const late = localDate(nextMidnight, zone);
        expect(late).toBe(addDays(deadline, 1));
        expect(cancellationOutcome({ paidMinor: paid, feeMinor: fee, cancellationDeadline: deadline, receivedOn: late, cause: 'registrant' })).toMatchObject({ rule: 'after_deadline', refundMinor: 0 });
      }),
    );
  });

  test('the same instant can be before the deadline in one zone and after it in the other', () => {
    // 2025-03-13 07:30 UTC: still March 13 in Berlin (08:30), but March 13 00:30 in Spokane too;
    // 2025-03-13 06:30 UTC is March 12 23:30 in Spokane and March 13 in Berlin.
    const instant = new Date('2025-03-13T06:30:00Z');
    expect(localDate(instant, 'America/Los_Angeles')).toBe('2025-03-12');
    expect(localDate(instant, 'Europe/Berlin')).toBe('2025-03-13');
  });

  test('the DST days themselves: the 23-hour and 25-hour days still end at local midnight', () => {
    for (const [date, zone] of [
      ['2025-03-09', 'America/Los_Angeles'],
      ['2025-11-02', 'America/Los_Angeles'],
      ['2025-03-30', 'Europe/Berlin'],
      ['2025-10-26', 'Europe/Berlin'],
    ] as const) {
      expect(localDate(at(date, '23:59:59', zone), zone)).toBe(date);
      expect(localDate(at(addDays(date, 1), '00:00:00', zone), zone)).toBe(addDays(date, 1));
    }
    // Spokane's spring-forward day has 23 hours, its fall-back day 25.
    expect(at('2025-03-10', '00:00:00', 'America/Los_Angeles').getTime() - at('2025-03-09', '00:00:00', 'America/Los_Angeles').getTime()).toBe(23 * 3600_000);
    expect(at('2025-11-03', '00:00:00', 'America/Los_Angeles').getTime() - at('2025-11-02', '00:00:00', 'America/Los_Angeles').getTime()).toBe(25 * 3600_000);
  });
});

describe('refundDueOn', () => {
  test('the given number of calendar days after the acknowledgment’s local date, whatever the hour or DST', () => {
    fc.assert(
      fc.property(day, fc.constantFrom(...ZONES), fc.integer({ min: 0, max: 86_399 }), fc.integer({ min: 0, max: 120 }), (date, zone, second, days) => {
        const time = Temporal.PlainTime.from({ hour: Math.floor(second / 3600), minute: Math.floor(second / 60) % 60, second: second % 60 }).toString();
        const acknowledged = at(date, time, zone);
        const local = localDate(acknowledged, zone);
        expect(refundDueOn(acknowledged, zone, days)).toBe(addDays(local, days));
        expect(refundDueOn(acknowledged, zone, days) >= local).toBe(true);
      }),
    );
  });

  test('the seed: acknowledged on March 12, 2025 in Spokane, refunded within 30 days → April 11', () => {
    expect(refundDueOn(new Date('2025-03-13T06:59:59Z'), 'America/Los_Angeles', 30)).toBe('2025-04-11');
    expect(refundDueOn(new Date('2025-03-13T07:00:00Z'), 'America/Los_Angeles', 30)).toBe('2025-04-12');
  });
});
