// Money received, posted to the accounts it pays. Shared by card payments (the provider's
// webhook), checks and transfers recorded by staff, and invoices. Runs under the money locks
// of every registration it pays, so a payment can never race a cancellation or a refund.
import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { payments, type PaymentMethod } from '#db/schema/money.ts';
import { PLACE_HOLDING, registrations } from '#db/schema/registration.ts';
import { seriesEnrollments } from '#db/schema/series.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import type { Refund, Registration } from './ledger-rows.ts';
import { postEntries } from './post-entries.server.ts';
import { registrationAccount, seriesEnrollmentAccount } from './read-account.server.ts';
import { settleSeriesCredit } from './settle-series-credit.server.ts';
import { settleCredit } from './settle-credit.server.ts';
import { localDate } from './policy.ts';
import { grantComplimentaryMembership } from '#domain/membership/grant-complimentary.server.ts';
import { activatePaidTerms } from '#domain/membership/membership-terms.server.ts';

export type Payment = typeof payments.$inferSelect;

export interface Allocation {
  registrationId?: string;
  donationId?: string;
  seriesEnrollmentId?: string;
  membershipTermId?: string;
  amountMinor: number;
}

export interface PaymentInput {
  organizationId: string;
  checkoutId?: string | null;
  method: PaymentMethod;
  amountMinor: number;
  currency: string;
  receivedOn: string;
  reference?: string;
  providerPaymentId?: string | null;
}

export interface AppliedPayment {
  payment: Payment;
  /** Registrations confirmed by this payment (accepted and now paid in full). */
  confirmed: Registration[];
  /** Refunds created because a registration could no longer take the money (late payment, overpayment). */
  refunds: Refund[];
}

/**
 * Records a payment and posts one `payment` entry per account. The caller holds the money
 * locks (lockRegistrationsForMoney) and has checked the allocations add up to the amount.
 * A registration that no longer holds a place (declined, withdrawn, cancelled, waitlisted)
 * keeps the record of the money and gets a refund due today; an accepted registration paid in
 * full becomes confirmed.
 */
export async function applyPayment(tx: DbOrTx, input: PaymentInput, allocations: Allocation[], actor: Actor, now = new Date()): Promise<AppliedPayment> {
  const total = allocations.reduce((sum, a) => sum + a.amountMinor, 0);
  if (total !== input.amountMinor || allocations.some((a) => a.amountMinor <= 0 || [a.registrationId, a.donationId, a.seriesEnrollmentId, a.membershipTermId].filter(Boolean).length !== 1)) {
    throw new DomainError('INVALID_APPLICATION', 'allocations must be positive, name one account each and add up to the payment');
  }
  const [payment] = await tx
    .insert(payments)
    .values({
      organizationId: input.organizationId,
      checkoutId: input.checkoutId ?? null,
      method: input.method,
      amountMinor: input.amountMinor,
      currency: input.currency,
      receivedOn: input.receivedOn,
      reference: input.reference ?? '',
      providerPaymentId: input.providerPaymentId ?? null,
      recordedBy: actor.userId,
    })
    .returning();
  await postEntries(
    tx,
    allocations.map((a) => ({
      organizationId: input.organizationId,
      registrationId: a.registrationId ?? null,
      donationId: a.donationId ?? null,
      seriesEnrollmentId: a.seriesEnrollmentId ?? null,
      membershipTermId: a.membershipTermId ?? null,
      kind: 'payment' as const,
      amountMinor: -a.amountMinor,
      currency: input.currency,
      reason: input.reference ?? '',
      paymentId: payment!.id,
      effectiveOn: input.receivedOn,
      createdBy: actor.userId,
    })),
  );
  await recordAudit(tx, actor, {
    organizationId: input.organizationId,
    action: 'payment.recorded',
    entityType: 'payment',
    entityId: payment!.id,
    after: { method: input.method, amountMinor: input.amountMinor, currency: input.currency, receivedOn: input.receivedOn, allocations },
  });

  const confirmed: Registration[] = [];
  const refunds: Refund[] = [];
  const registrationIds = allocations.flatMap((a) => (a.registrationId ? [a.registrationId] : []));
  const regs = registrationIds.length ? await tx.select().from(registrations).where(inArray(registrations.id, registrationIds)) : [];
  for (const registration of regs) {
    const holdsPlace = PLACE_HOLDING.includes(registration.status);
    const today = localDate(now, registration.policy.timeZone);
    if (!holdsPlace) {
      // The place is gone (or was never given): keep the record, give the money back.
      const refund = await settleCredit(tx, { registration, reason: 'late_payment', dueOn: today, actor, note: `payment received while ${registration.status}` });
      if (refund) refunds.push(refund);
      continue;
    }
    const account = await registrationAccount(tx, registration.id);
    if (account.balanceMinor < 0) {
      const refund = await settleCredit(tx, { registration, reason: 'overpayment', dueOn: today, actor });
      if (refund) refunds.push(refund);
    }
    if (registration.status === 'accepted' && account.balanceMinor <= 0) {
      const [after] = await tx
        .update(registrations)
        .set({ status: 'confirmed', paymentDueAt: null, updatedAt: now })
        .where(eq(registrations.id, registration.id))
        .returning();
      await recordAudit(tx, actor, {
        organizationId: registration.organizationId,
        action: 'registration.confirmed',
        entityType: 'registration',
        entityId: registration.id,
        before: { status: 'accepted' },
        after: { status: 'confirmed', paymentId: payment!.id },
      });
      confirmed.push(after!);
      // A course that grants a complimentary membership does so now (ADR 0068).
      await grantComplimentaryMembership(tx, after!, actor, now);
    }
  }
  // A series enrollment whose place ended (its series was called off) keeps the record of the
  // money and gets it back; one paid twice gets the excess back (ADR 0063).
  const enrollmentIds = allocations.flatMap((a) => (a.seriesEnrollmentId ? [a.seriesEnrollmentId] : []));
  const enrolled = enrollmentIds.length
    ? await tx.select().from(seriesEnrollments).where(inArray(seriesEnrollments.id, enrollmentIds))
    : [];
  for (const enrollment of enrolled) {
    const today = input.receivedOn;
    if (enrollment.status !== 'enrolled') {
      const refund = await settleSeriesCredit(tx, { enrollment, currency: input.currency, reason: 'late_payment', dueOn: today, actor, note: 'payment received after the place ended' });
      if (refund) refunds.push(refund);
      continue;
    }
    const account = await seriesEnrollmentAccount(tx, enrollment.id);
    if (account.balanceMinor < 0) {
      const refund = await settleSeriesCredit(tx, { enrollment, currency: input.currency, reason: 'overpayment', dueOn: today, actor });
      if (refund) refunds.push(refund);
    }
  }
  // Membership dues paid in full make their terms active (ADR 0068).
  await activatePaidTerms(tx, allocations.flatMap((a) => (a.membershipTermId ? [a.membershipTermId] : [])), actor, now);
  return { payment: payment!, confirmed, refunds };
}
