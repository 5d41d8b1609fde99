// The cancellation policy as pure functions (ADR 0040): what a written cancellation keeps and
// refunds, and when the refund is due. Dates are local calendar dates in the course's zone.
import { Temporal } from 'temporal-polyfill';
import type { CancellationOutcome } from '#db/schema/money.ts';

export type { CancellationOutcome };

export interface CancellationInput {
  /** Money received for the registration, less refunds already made (never negative). */
  paidMinor: number;
  /** The policy's administrative fee (the seed: $100). */
  feeMinor: number;
  /** Last local date a cancellation is received under the fee rule; null: no deadline set. */
  cancellationDeadline: string | null;
  /** Local date the written request was received. */
  receivedOn: string;
  /**
   * Who ended it: the registrant in writing (the policy applies), or the organizer — the whole
   * course, or this one registration (the seed: "we reserve the right … to cancel registrations
   * already made"); either way everything paid comes back.
   */
  cause: 'registrant' | 'course_cancelled' | 'organizer_cancelled';
  /**
   * What the registration still costs (price less discount and aid). Nothing kept can exceed
   * it: an overpayment or an aid award already owed back is refunded whatever the rule.
   */
  dueMinor?: number;
}

/**
 * Received by the deadline (inclusive, local date): the fee is withheld from what was paid and
 * the rest refunded — never a negative refund, never more than was paid. After the deadline:
 * nothing is refunded and nothing more is owed. Organizer cancellations refund everything.
 */
export function cancellationOutcome(input: CancellationInput): CancellationOutcome {
  const paid = Math.max(0, Math.trunc(input.paidMinor));
  const fee = Math.max(0, Math.trunc(input.feeMinor));
  const keepable = input.dueMinor === undefined ? paid : Math.max(0, Math.min(paid, Math.trunc(input.dueMinor)));
  if (input.cause !== 'registrant') return { rule: input.cause, paidMinor: paid, feeMinor: 0, retainedMinor: 0, refundMinor: paid };
  if (input.cancellationDeadline !== null && input.receivedOn > input.cancellationDeadline) {
    return { rule: 'after_deadline', paidMinor: paid, feeMinor: fee, retainedMinor: keepable, refundMinor: paid - keepable };
  }
  const retained = Math.min(fee, keepable);
  return { rule: input.cancellationDeadline === null ? 'no_deadline' : 'before_deadline', paidMinor: paid, feeMinor: fee, retainedMinor: retained, refundMinor: paid - retained };
}

/** A staff override: refund the given amount (0…paid), keep the rest. */
export function overriddenOutcome(paidMinor: number, feeMinor: number, refundMinor: number): CancellationOutcome {
  const paid = Math.max(0, Math.trunc(paidMinor));
  const refund = Math.max(0, Math.min(paid, Math.trunc(refundMinor)));
  return { rule: 'override', paidMinor: paid, feeMinor: Math.max(0, feeMinor), retainedMinor: paid - refund, refundMinor: refund };
}

/** The local date in `timeZone` at instant `at`. */
export function localDate(at: Date, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(timeZone).toPlainDate().toString();
}

/** Refunds are due `days` calendar days after the acknowledgment's local date. */
export function refundDueOn(acknowledgedAt: Date, timeZone: string, days: number): string {
  return Temporal.PlainDate.from(localDate(acknowledgedAt, timeZone)).add({ days: Math.max(0, days) }).toString();
}

export function addDays(date: string, days: number): string {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}
