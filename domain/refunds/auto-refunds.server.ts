// Refunds nobody has to decide on go back to the card by themselves: an ended application, a
// payment that arrived too late or too large, a cancelled course or a registration the organizer
// cancelled, an aid award after payment.
// Refunds of a registrant's own cancellation wait for staff (they may override the outcome),
// and money paid by check or transfer is always paid back by hand.
// Card refunds left 'processing' (the process died, or Stripe never answered) are resumed once
// they have waited STALLED_MINUTES: the resume finds a refund Stripe already made, or asks again
// with the same idempotency key, so the money goes out once.
import { and, asc, eq, inArray, isNotNull, lt } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { refunds, type RefundReason } from '#db/schema/money.ts';
import type { PaymentSettings } from '#lib/stripe.server.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import type { Logger } from '#lib/log.server.ts';
import { issueRefund } from './issue-refund.server.ts';
import { refundableCardPayments } from './card-sources.server.ts';

/** How long a card refund may wait on the provider before the refunds job resumes it. */
export const STALLED_MINUTES = 15;

export const AUTOMATIC_REASONS: readonly RefundReason[] = ['application_ended', 'late_payment', 'course_cancelled', 'organizer_cancelled', 'overpayment', 'aid_award'];

export async function issueAutomaticRefunds(db: Db, settings: PaymentSettings | null, options: { log?: Logger; now?: Date; limit?: number } = {}): Promise<{ issued: number; failed: number }> {
  const tally = { issued: 0, failed: 0 };
  if (!settings) return tally;
  const candidates = await db
    .select({ id: refunds.id, registrationId: refunds.registrationId })
    .from(refunds)
    .where(and(eq(refunds.status, 'due'), inArray(refunds.reason, [...AUTOMATIC_REASONS]), isNotNull(refunds.registrationId)))
    .orderBy(asc(refunds.dueOn), asc(refunds.createdAt))
    .limit(options.limit ?? 100);
  for (const candidate of candidates) {
    if ((await refundableCardPayments(db, candidate.registrationId!)).length === 0) continue;
    try {
      const touched = await issueRefund(db, candidate.id, systemActor, settings, { now: options.now });
      for (const r of touched) {
        if (r.status === 'done') tally.issued++;
        if (r.status === 'failed') tally.failed++;
      }
    } catch (error) {
      // Another process took it, or the money changed under us: next run looks again.
      if (!(error instanceof DomainError)) throw error;
      options.log?.info({ refundId: candidate.id, code: error.code }, 'automatic refund skipped');
    }
  }
  return tally;
}

/** Resumes card refunds that have been 'processing' for STALLED_MINUTES or more. */
export async function resumeStalledRefunds(db: Db, settings: PaymentSettings | null, options: { log?: Logger; now?: Date; limit?: number } = {}): Promise<{ done: number; failed: number; waiting: number }> {
  const tally = { done: 0, failed: 0, waiting: 0 };
  if (!settings) return tally;
  const now = options.now ?? new Date();
  const stalledBefore = new Date(now.getTime() - STALLED_MINUTES * 60_000);
  const stalled = await db
    .select({ id: refunds.id })
    .from(refunds)
    .where(and(eq(refunds.status, 'processing'), eq(refunds.method, 'card'), isNotNull(refunds.paymentId), lt(refunds.processingSince, stalledBefore)))
    .orderBy(asc(refunds.processingSince))
    .limit(options.limit ?? 100);
  for (const { id } of stalled) {
    try {
      const [resumed] = await issueRefund(db, id, systemActor, settings, { now, resume: true, stalledBefore });
      if (resumed?.status === 'done') tally.done++;
      else if (resumed?.status === 'failed') tally.failed++;
      else tally.waiting++;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      options.log?.info({ refundId: id, code: error.code }, 'stalled refund not resumed');
    }
  }
  return tally;
}
