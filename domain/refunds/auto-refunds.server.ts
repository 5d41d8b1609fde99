// Refunds nobody has to decide on go back to the card by themselves: an ended application, a
// payment that arrived too late or too large, a cancelled course, an aid award after payment.
// Refunds of a registrant's own cancellation wait for staff (they may override the outcome),
// and money paid by check or transfer is always paid back by hand.
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { refunds, type RefundReason } from '#db/schema/money.ts';
import type { PaymentSettings } from '#app/lib/context.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import type { Logger } from '#lib/log.server.ts';
import { issueRefund, refundableCardPayments } from './issue-refund.server.ts';

export const AUTOMATIC_REASONS: readonly RefundReason[] = ['application_ended', 'late_payment', 'course_cancelled', 'overpayment', 'aid_award'];

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
