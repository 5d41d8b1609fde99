// Staff record money received for a whole invoice: one allocation per line still owed, under
// the money locks, posted through applyPayment like a card payment.
import { and, eq } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { checkoutLines, checkouts } from '#db/schema/money.ts';
import { organizations } from '#db/schema/organizations.ts';
import { racePoint } from '#db/test-hooks.server.ts';
import type { Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { applyPayment, type Allocation } from '#domain/money/apply-payment.server.ts';
import { lockRegistrationsForMoney, lockSeriesEnrollmentsForMoney } from '#domain/money/money-locks.server.ts';
import { withScarceLocks } from '#domain/transaction.server.ts';
import { invoiceRemaining } from './invoice-remaining.server.ts';
import { lockOpenInvoice, notInFuture, type ReceivedMoney, type RecordedPayment } from './received-money.server.ts';
import { queueReceiptEmail } from './receipt-email.server.ts';
import { settleInvoiceIfPaid } from './settle-invoice.server.ts';

/** A payment of everything an invoice still needs, posted to each of its lines' accounts. */
export async function recordInvoicePayment(
  db: Db,
  input: ReceivedMoney & { checkoutId: string },
  actor: Actor,
  context: { publicUrl: string; now?: Date },
): Promise<RecordedPayment> {
  const now = context.now ?? new Date();
  return withScarceLocks(db, async (tx) => {
    const lines = await tx
      .select({ registrationId: checkoutLines.registrationId, seriesEnrollmentId: checkoutLines.seriesEnrollmentId })
      .from(checkoutLines)
      .innerJoin(checkouts, eq(checkouts.id, checkoutLines.checkoutId))
      .where(and(eq(checkoutLines.checkoutId, input.checkoutId), eq(checkouts.organizationId, input.organizationId)));
    // The money lock order: courses, registrations, then the invoice row.
    const regs = await lockRegistrationsForMoney(tx, input.organizationId, lines.flatMap((l) => (l.registrationId ? [l.registrationId] : [])));
    await lockSeriesEnrollmentsForMoney(tx, input.organizationId, lines.flatMap((l) => (l.seriesEnrollmentId ? [l.seriesEnrollmentId] : [])));
    const checkout = await lockOpenInvoice(tx, input.organizationId, input.checkoutId);
    const [org] = await tx.select({ timeZone: organizations.timeZone }).from(organizations).where(eq(organizations.id, input.organizationId));
    notInFuture(input.receivedOn, [regs[0]?.policy.timeZone, org?.timeZone].filter((z): z is string => Boolean(z)).concat(regs.length || org ? [] : ['UTC']), now);
    const remaining = await invoiceRemaining(tx, input.organizationId, checkout.id);
    const allocations: Allocation[] = remaining
      .filter((r) => r.remainingMinor > 0)
      .map((r) =>
        r.line.registrationId
          ? { registrationId: r.line.registrationId, amountMinor: r.remainingMinor }
          : r.line.seriesEnrollmentId
            ? { seriesEnrollmentId: r.line.seriesEnrollmentId, amountMinor: r.remainingMinor }
            : r.line.membershipTermId
              ? { membershipTermId: r.line.membershipTermId, amountMinor: r.remainingMinor }
              : { donationId: r.line.donationId!, amountMinor: r.remainingMinor },
      );
    const amountMinor = allocations.reduce((sum, a) => sum + a.amountMinor, 0);
    if (amountMinor <= 0) throw new DomainError('NOTHING_DUE', checkout.id);
    await racePoint('invoice.open');
    const applied = await applyPayment(
      tx,
      { organizationId: input.organizationId, checkoutId: checkout.id, method: input.method, amountMinor, currency: checkout.currency, receivedOn: input.receivedOn, reference: input.reference },
      allocations,
      actor,
      now,
    );
    const invoicePaid = await settleInvoiceIfPaid(tx, checkout, actor, now);
    const emailId = await queueReceiptEmail(tx, {
      organizationId: input.organizationId,
      paymentId: applied.payment.id,
      to: checkout.payerEmail,
      name: checkout.payerName,
      publicUrl: context.publicUrl,
      registrationId: regs.length === 1 ? regs[0]!.id : null,
    });
    return { ...applied, invoicePaid, emailIds: [emailId] };
  });
}
