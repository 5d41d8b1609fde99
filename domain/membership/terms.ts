// The arithmetic of membership terms (ADR 0068), pure: when a term starts and ends, what its
// dues are, whether a person is active, in grace or lapsed on a local date, and which
// reminders are due. Dates are ISO calendar dates in the organization's time zone.
import { Temporal } from 'temporal-polyfill';
import type { MembershipReminderKind, MembershipTermRule, ProRatingRule } from '#db/schema/membership.ts';

export interface TermRule {
  term: MembershipTermRule;
  proRating: ProRatingRule;
}

export interface TermQuote {
  startsOn: string;
  endsOn: string;
  duesMinor: number;
  renewal: boolean;
}

const day = (iso: string) => Temporal.PlainDate.from(iso);

export function addDays(iso: string, days: number): string {
  return day(iso).add({ days }).toString();
}

/**
 * The last day of a rolling twelve-month term starting on `startsOn`: the day before the same
 * date a year later. A term starting on 29 February ends on 28 February (the anniversary of a
 * leap day is taken as 1 March).
 */
export function rollingEnd(startsOn: string): string {
  const start = day(startsOn);
  const anniversary = start.month === 2 && start.day === 29 ? Temporal.PlainDate.from({ year: start.year + 1, month: 3, day: 1 }) : start.add({ years: 1 });
  return anniversary.subtract({ days: 1 }).toString();
}

/** One year from a date (complimentary memberships). */
export const oneYearFrom = rollingEnd;

/**
 * What joining or renewing costs and covers, asked on `today`.
 * - Renewal (the person has a term ending on `previousEndsOn` and is not lapsed: today is at
 *   most `graceDays` after it): the new term starts the day after the old one ends — never
 *   today — and costs full dues.
 * - Joining (no term, or lapsed): rolling terms run twelve months from today at full dues.
 *   Calendar-year terms run to 31 December: with pro-rating `remaining_months` the dues are the
 *   months left including the current one (dues × months ÷ 12, rounded half up to a minor
 *   unit); with `none` full dues. Joined in December, either rule gives full dues and the term
 *   runs to the end of the next year (December is free), so no one pays for a one-day year.
 */
export function quoteTerm(rule: TermRule, duesMinor: number, today: string, previousEndsOn: string | null, graceDays: number): TermQuote {
  const renewing = previousEndsOn !== null && today <= addDays(previousEndsOn, graceDays);
  const startsOn = renewing ? addDays(previousEndsOn!, 1) : today;
  const start = day(startsOn);
  if (rule.term === 'rolling_12_months') return { startsOn, endsOn: rollingEnd(startsOn), duesMinor, renewal: renewing };
  if (renewing) return { startsOn, endsOn: `${start.year}-12-31`, duesMinor, renewal: true };
  if (start.month === 12) return { startsOn, endsOn: `${start.year + 1}-12-31`, duesMinor, renewal: false };
  const months = 12 - start.month + 1;
  const dues = rule.proRating === 'remaining_months' ? Math.floor((duesMinor * months * 2 + 12) / 24) : duesMinor;
  return { startsOn, endsOn: `${start.year}-12-31`, duesMinor: dues, renewal: false };
}

export type MemberStatus = 'active' | 'grace' | 'lapsed' | 'future';

/** A term's status on a local date: active through its last day, then in grace for `graceDays` days, then lapsed. */
export function statusOn(term: { startsOn: string; endsOn: string }, today: string, graceDays: number): MemberStatus {
  if (today < term.startsOn) return 'future';
  if (today <= term.endsOn) return 'active';
  if (today <= addDays(term.endsOn, graceDays)) return 'grace';
  return 'lapsed';
}

/** The local date a reminder of each kind is due for a term ending on `endsOn`. */
export function reminderDates(endsOn: string, graceDays: number): Record<MembershipReminderKind, string> {
  return {
    before_30: addDays(endsOn, -30),
    before_7: addDays(endsOn, -7),
    expired: addDays(endsOn, 1),
    grace_ended: addDays(endsOn, graceDays + 1),
  };
}

/**
 * The reminder to send today for a term, if any: the latest kind whose date has come and that
 * was not sent yet — a job that missed days sends only the most recent one, never a stale
 * "30 days left" after the term ended.
 */
export function reminderDue(endsOn: string, graceDays: number, today: string, sent: readonly MembershipReminderKind[]): MembershipReminderKind | null {
  const dates = reminderDates(endsOn, graceDays);
  const order: MembershipReminderKind[] = ['grace_ended', 'expired', 'before_7', 'before_30'];
  for (const kind of order) {
    if (today < dates[kind]) continue;
    // The latest reached kind decides: once sent, the earlier ones are moot.
    return sent.includes(kind) ? null : kind;
  }
  return null;
}
