// Staff record money received for a series place without an invoice (a check handed to the
// leader at the first session): under the enrollment's money lock, posted through applyPayment
// like every other payment, with a receipt-worthy record in the ledger (ADR 0063).
import type { Db } from '#db/client.server.ts';
import type { PaymentMethod } from '#db/schema/money.ts';
import type { Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { applyPayment, type AppliedPayment } from '#domain/money/apply-payment.server.ts';
import { lockSeriesEnrollmentsForMoney } from '#domain/money/money-locks.server.ts';
import { withScarceLocks } from '#domain/transaction.server.ts';
import { getSeries } from './series.server.ts';

export async function recordSeriesPayment(
  db: Db,
  input: { organizationId: string; seriesEnrollmentId: string; method: Exclude<PaymentMethod, 'card'>; amountMinor: number; receivedOn: string; reference: string },
  actor: Actor,
  now = new Date(),
): Promise<AppliedPayment> {
  return withScarceLocks(db, async (tx) => {
    const [enrollment] = await lockSeriesEnrollmentsForMoney(tx, input.organizationId, [input.seriesEnrollmentId]);
    if (!enrollment) throw new DomainError('SERIES_ENROLLMENT_NOT_FOUND', input.seriesEnrollmentId);
    const { series } = await getSeries(tx, input.organizationId, enrollment.seriesId);
    return applyPayment(
      tx,
      { organizationId: input.organizationId, method: input.method, amountMinor: input.amountMinor, currency: series.currency, receivedOn: input.receivedOn, reference: input.reference },
      [{ seriesEnrollmentId: enrollment.id, amountMinor: input.amountMinor }],
      actor,
      now,
    );
  });
}
