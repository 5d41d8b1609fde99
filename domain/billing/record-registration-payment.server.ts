// Staff record money received by check, bank transfer or cash for one registration, with an
// optional invoice it pays. Runs under the money locks and posts through applyPayment, so a
// recorded check behaves exactly like a card payment: late money is refunded, full payment
// confirms an acceptance.
import { and, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '#db/client.server.ts';
import { checkoutLines, checkouts } from '#db/schema/money.ts';
import { racePoint } from '#db/test-hooks.server.ts';
import type { Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { applyPayment, type Allocation } from '#domain/money/apply-payment.server.ts';
import { lockRegistrationsForMoney } from '#domain/money/money-locks.server.ts';
import { withScarceLocks } from '#domain/transaction.server.ts';
import { invoiceRemaining } from './invoice-remaining.server.ts';
import { lockOpenInvoice, notInFuture, type ReceivedMoney, type RecordedPayment } from './received-money.server.ts';
import { queueReceiptEmail } from './receipt-email.server.ts';
import { settleInvoiceIfPaid } from './settle-invoice.server.ts';

/**
 * A check for a registration that names its invoice: this registration's line first, then the
 * invoice's unpaid gift lines (each part to its own account), any excess to the registration
 * (an overpayment, refunded). Other registrations' lines are paid from their own pages.
 */
async function allocateAgainstInvoice(tx: DbOrTx, organizationId: string, checkoutId: string, registrationId: string, amountMinor: number): Promise<Allocation[]> {
  const remaining = await invoiceRemaining(tx, organizationId, checkoutId);
  const own = remaining.filter((r) => r.line.registrationId === registrationId);
  const gifts = remaining.filter((r) => r.line.kind === 'donation' && r.line.donationId);
  const allocations: Allocation[] = [];
  let left = amountMinor;
  for (const r of [...own, ...gifts]) {
    const take = Math.min(left, r.remainingMinor);
    if (take <= 0) continue;
    allocations.push(r.line.registrationId ? { registrationId: r.line.registrationId, amountMinor: take } : { donationId: r.line.donationId!, amountMinor: take });
    left -= take;
  }
  if (left > 0) {
    const mine = allocations.find((a) => a.registrationId === registrationId);
    if (mine) mine.amountMinor += left;
    else allocations.unshift({ registrationId, amountMinor: left });
  }
  return allocations;
}

export async function recordRegistrationPayment(
  db: Db,
  input: ReceivedMoney & { registrationId: string; amountMinor: number; checkoutId?: string | null },
  actor: Actor,
  context: { publicUrl: string; now?: Date },
): Promise<RecordedPayment> {
  const now = context.now ?? new Date();
  if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0) throw new DomainError('PAYMENT_INVALID', 'amount', { amount: 'AMOUNT_NOT_POSITIVE' });
  return withScarceLocks(db, async (tx) => {
    const [registration] = await lockRegistrationsForMoney(tx, input.organizationId, [input.registrationId]);
    notInFuture(input.receivedOn, registration!.policy.timeZone, now);
    let checkout: typeof checkouts.$inferSelect | undefined;
    if (input.checkoutId) {
      checkout = await lockOpenInvoice(tx, input.organizationId, input.checkoutId);
      const [line] = await tx
        .select({ id: checkoutLines.id })
        .from(checkoutLines)
        .where(and(eq(checkoutLines.checkoutId, checkout.id), eq(checkoutLines.registrationId, registration!.id)));
      if (!line) throw new DomainError('INVOICE_NOT_FOUND', 'invoice does not pay this registration', { checkoutId: 'INVOICE_NOT_FOUND' });
    }
    const allocations = checkout ? await allocateAgainstInvoice(tx, input.organizationId, checkout.id, registration!.id, input.amountMinor) : [{ registrationId: registration!.id, amountMinor: input.amountMinor }];
    if (checkout) await racePoint('invoice.open');
    const applied = await applyPayment(
      tx,
      {
        organizationId: input.organizationId,
        checkoutId: checkout?.id ?? null,
        method: input.method,
        amountMinor: input.amountMinor,
        currency: registration!.currency,
        receivedOn: input.receivedOn,
        reference: input.reference,
      },
      allocations,
      actor,
      now,
    );
    const invoicePaid = checkout ? await settleInvoiceIfPaid(tx, checkout, actor, now) : false;
    const emailId = await queueReceiptEmail(tx, {
      organizationId: input.organizationId,
      paymentId: applied.payment.id,
      to: registration!.email,
      name: registration!.name,
      publicUrl: context.publicUrl,
      registrationId: registration!.id,
    });
    return { ...applied, invoicePaid, emailIds: [emailId] };
  });
}
