// What recording a payment by hand shares, for one registration or for a whole invoice
// (record-registration-payment, record-invoice-payment): the money received, what a recording
// returns, the received-date check and the lock on an open invoice.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { checkouts } from '#db/schema/money.ts';
import { DomainError } from '#domain/errors.ts';
import type { AppliedPayment } from '#domain/money/apply-payment.server.ts';
import { localDate } from '#domain/money/policy.ts';
import { locksDisabledForTest } from '#domain/transaction.server.ts';
import type { RecordableMethodName as RecordableMethod } from './methods.ts';

export interface ReceivedMoney {
  organizationId: string;
  receivedOn: string;
  method: RecordableMethod;
  reference: string;
}

export interface RecordedPayment extends AppliedPayment {
  invoicePaid: boolean;
  emailIds: string[];
}

/**
 * A payment cannot have been received after today. With several zones (the course's and the
 * organization's, where the treasurer records it), "today" is the latest of their dates: just
 * after midnight in New York it is still yesterday in Spokane, and a check received in New York
 * today is not in the future.
 */
export function notInFuture(receivedOn: string, timeZones: string | readonly string[], now: Date) {
  const zones = typeof timeZones === 'string' ? [timeZones] : timeZones;
  const today = zones.map((zone) => localDate(now, zone)).reduce((a, b) => (a > b ? a : b));
  if (receivedOn > today) throw new DomainError('PAYMENT_INVALID', 'received in the future', { receivedOn: 'RECEIVED_IN_FUTURE' });
}

/** Locks an invoice that can still be paid (after the money locks of its registrations). */
export async function lockOpenInvoice(tx: DbOrTx, organizationId: string, checkoutId: string) {
  const query = tx
    .select()
    .from(checkouts)
    .where(and(eq(checkouts.id, checkoutId), eq(checkouts.organizationId, organizationId)));
  const [checkout] = locksDisabledForTest() ? await query : await query.for('update');
  if (!checkout || checkout.method !== 'invoice') throw new DomainError('INVOICE_NOT_FOUND', checkoutId, { checkoutId: 'INVOICE_NOT_FOUND' });
  if (checkout.status !== 'open' && checkout.status !== 'awaiting_payment') throw new DomainError('INVOICE_NOT_OPEN', checkoutId, { checkoutId: 'INVOICE_NOT_OPEN' });
  return checkout;
}
