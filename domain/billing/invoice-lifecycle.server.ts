// The end of an invoice that will not be paid: an invoice whose registration no longer holds a
// place (declined, withdrawn, cancelled, moved to the waitlist) and nothing was paid against is
// void; staff can void any open invoice nothing was paid against. Both go through
// closeCheckout (payments), which voids the invoice's gift lines with an adjustment, under the
// money locks (registrations, then the invoice row). See ADR 0041, "One payable invoice".
//
// An invoice is voided inside the transaction that ends its registration's place
// (voidInvoicesOfEndedRegistration, called by the status change, the cancellation and the
// course's cancellation), so no page load writes. closeEndedInvoices is the nightly sweep for
// invoices of registrations that ended before that was so.
import { and, eq, exists, inArray, notExists, notInArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '#db/client.server.ts';
import { checkoutLines, checkouts, payments } from '#db/schema/money.ts';
import { racePoint } from '#db/test-hooks.server.ts';
import { PLACE_HOLDING, registrations } from '#db/schema/registration.ts';
import { recordAudit, systemActor, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { lockCheckout } from '#domain/payments/checkout-records.server.ts';
import { closeCheckout, closeCheckoutIn } from '#domain/payments/close-checkout.server.ts';
import { withScarceLocks } from '#domain/transaction.server.ts';

export const ENDED_REASON = 'the registration no longer holds a place';

async function paidAgainst(tx: DbOrTx, checkoutId: string): Promise<boolean> {
  const [row] = await tx.select({ id: payments.id }).from(payments).where(eq(payments.checkoutId, checkoutId)).limit(1);
  return row !== undefined;
}

/**
 * Ids of open invoices with no payment and a registration line whose registration no longer
 * holds a place, optionally only one invoice, one registration's or one person's.
 */
export async function endedInvoiceIds(db: DbOrTx, organizationId: string, scope: { checkoutId?: string; registrationId?: string; userId?: string } = {}): Promise<string[]> {
  const filters = [
    eq(checkouts.organizationId, organizationId),
    eq(checkouts.method, 'invoice'),
    eq(checkouts.status, 'awaiting_payment'),
    notExists(db.select({ id: payments.id }).from(payments).where(eq(payments.checkoutId, checkouts.id))),
    exists(
      db
        .select({ id: checkoutLines.id })
        .from(checkoutLines)
        .innerJoin(registrations, eq(registrations.id, checkoutLines.registrationId))
        .where(and(eq(checkoutLines.checkoutId, checkouts.id), notInArray(registrations.status, [...PLACE_HOLDING]))),
    ),
  ];
  if (scope.checkoutId) filters.push(eq(checkouts.id, scope.checkoutId));
  if (scope.userId) filters.push(eq(checkouts.userId, scope.userId));
  if (scope.registrationId) {
    filters.push(inArray(checkouts.id, db.select({ id: checkoutLines.checkoutId }).from(checkoutLines).where(eq(checkoutLines.registrationId, scope.registrationId))));
  }
  const rows = await db.select({ id: checkouts.id }).from(checkouts).where(and(...filters));
  return rows.map((r) => r.id);
}

/**
 * In the transaction that ends a registration's place (declined, withdrawn, cancelled, back to
 * the waitlist), after its account is closed: its open invoices that nothing was paid against
 * are void (status 'cancelled', gift lines voided, audited). Returns the ids voided.
 */
export async function voidInvoicesOfEndedRegistration(tx: DbOrTx, organizationId: string, registrationId: string, actor: Actor, now: Date): Promise<string[]> {
  const voided: string[] = [];
  for (const id of await endedInvoiceIds(tx, organizationId, { registrationId })) {
    if (await closeCheckoutIn(tx, { organizationId, checkoutId: id, status: 'cancelled', reason: ENDED_REASON, actor, now })) voided.push(id);
  }
  return voided;
}

/**
 * Closes (status 'cancelled', gift lines voided, audited) the open invoices in scope whose
 * registration no longer holds a place and that nothing was paid against. Each is re-checked
 * under its locks, so a payment recorded meanwhile keeps its invoice open. Returns the ids closed.
 */
export async function closeEndedInvoices(
  db: Db,
  organizationId: string,
  scope: { checkoutId?: string; registrationId?: string; userId?: string } = {},
  options: { actor?: Actor; now?: Date } = {},
): Promise<string[]> {
  const closed: string[] = [];
  for (const id of await endedInvoiceIds(db, organizationId, scope)) {
    const done = await withScarceLocks(db, async (tx) => {
      const { checkout, registrations: regs } = await lockCheckout(tx, organizationId, id);
      if (checkout.status !== 'awaiting_payment' || checkout.method !== 'invoice') return false;
      if (!regs.some((r) => !PLACE_HOLDING.includes(r.status))) return false;
      if (await paidAgainst(tx, id)) return false;
      return closeCheckout(db, { organizationId, checkoutId: id, status: 'cancelled', reason: ENDED_REASON, actor: options.actor ?? systemActor, now: options.now }, tx);
    });
    if (done) closed.push(id);
  }
  return closed;
}

/** Staff void an open invoice that nothing was paid against ('payments:record'; audited). */
export async function voidInvoice(db: Db, input: { organizationId: string; checkoutId: string }, actor: Actor, now?: Date): Promise<void> {
  await withScarceLocks(db, async (tx) => {
    const [exists] = await tx
      .select({ id: checkouts.id, method: checkouts.method })
      .from(checkouts)
      .where(and(eq(checkouts.id, input.checkoutId), eq(checkouts.organizationId, input.organizationId)));
    if (!exists || exists.method !== 'invoice') throw new DomainError('INVOICE_NOT_FOUND', input.checkoutId, { checkoutId: 'INVOICE_NOT_FOUND' });
    const { checkout } = await lockCheckout(tx, input.organizationId, input.checkoutId);
    if (checkout.status !== 'open' && checkout.status !== 'awaiting_payment') throw new DomainError('INVOICE_NOT_OPEN', checkout.id, { checkoutId: 'INVOICE_NOT_OPEN' });
    if (await paidAgainst(tx, checkout.id)) throw new DomainError('INVOICE_HAS_PAYMENTS', checkout.id, { checkoutId: 'INVOICE_HAS_PAYMENTS' });
    await racePoint('invoice.open');
    await closeCheckout(db, { organizationId: input.organizationId, checkoutId: checkout.id, status: 'cancelled', reason: 'voided by staff', actor, now }, tx);
    await recordAudit(tx, actor, {
      organizationId: input.organizationId,
      action: 'invoice.voided',
      entityType: 'checkout',
      entityId: checkout.id,
      before: { status: checkout.status },
      after: { status: 'cancelled' },
    });
  });
}

/** The nightly sweep: closeEndedInvoices in every organization with an open invoice. */
export async function closeEndedInvoicesEverywhere(db: Db, now = new Date()): Promise<string[]> {
  const orgs = await db
    .selectDistinct({ id: checkouts.organizationId })
    .from(checkouts)
    .where(and(eq(checkouts.method, 'invoice'), eq(checkouts.status, 'awaiting_payment')));
  const closed: string[] = [];
  for (const org of orgs) closed.push(...(await closeEndedInvoices(db, org.id, {}, { now })));
  return closed;
}
