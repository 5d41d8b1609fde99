// Staff record money received by check, bank transfer or cash: for one registration (with an
// optional invoice it pays), or for a whole invoice (one allocation per line still owed).
// Both run under the money locks and post through applyPayment, so a recorded check behaves
// exactly like a card payment: late money is refunded, full payment confirms an acceptance.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '#db/client.server.ts';
import { checkoutLines, checkouts, ledgerEntries, payments } from '#db/schema/money.ts';
import { organizations } from '#db/schema/organizations.ts';
import { registrations } from '#db/schema/registration.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { applyPayment, lockRegistrationsForMoney, type Allocation, type AppliedPayment } from '#domain/money/apply-payment.server.ts';
import { localDate } from '#domain/money/policy.ts';
import { racePoint } from '#db/test-hooks.server.ts';
import { locksDisabledForTest, withScarceLocks } from '#domain/transaction.server.ts';
import { invoiceDueNow, invoiceRemaining } from './invoice-remaining.server.ts';
import { queueReceiptEmail } from './receipt-email.server.ts';

export { invoiceDueNow, invoiceRemaining };

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

function notInFuture(receivedOn: string, timeZone: string, now: Date) {
  if (receivedOn > localDate(now, timeZone)) throw new DomainError('PAYMENT_INVALID', 'received in the future', { receivedOn: 'RECEIVED_IN_FUTURE' });
}

async function lockOpenInvoice(tx: DbOrTx, organizationId: string, checkoutId: string) {
  const query = tx
    .select()
    .from(checkouts)
    .where(and(eq(checkouts.id, checkoutId), eq(checkouts.organizationId, organizationId)));
  const [checkout] = locksDisabledForTest() ? await query : await query.for('update');
  if (!checkout || checkout.method !== 'invoice') throw new DomainError('INVOICE_NOT_FOUND', checkoutId, { checkoutId: 'INVOICE_NOT_FOUND' });
  if (checkout.status !== 'open' && checkout.status !== 'awaiting_payment') throw new DomainError('INVOICE_NOT_OPEN', checkoutId, { checkoutId: 'INVOICE_NOT_OPEN' });
  return checkout;
}

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

/**
 * Marks an invoice paid once payments against it reach its total, or once it asks for nothing
 * more (what it billed was lowered after it was issued and the rest has been paid).
 */
export async function settleInvoiceIfPaid(tx: DbOrTx, checkout: typeof checkouts.$inferSelect, actor: Actor, now: Date): Promise<boolean> {
  const [row] = await tx
    .select({ paid: sql<number>`coalesce(sum(${payments.amountMinor}), 0)::int` })
    .from(payments)
    .where(eq(payments.checkoutId, checkout.id));
  if ((row?.paid ?? 0) < checkout.totalMinor && (await invoiceDueNow(tx, checkout.organizationId, checkout.id)) > 0) return false;
  await tx.update(checkouts).set({ status: 'paid', paidAt: now }).where(eq(checkouts.id, checkout.id));
  await recordAudit(tx, actor, {
    organizationId: checkout.organizationId,
    action: 'invoice.paid',
    entityType: 'checkout',
    entityId: checkout.id,
    before: { status: checkout.status },
    after: { status: 'paid' },
  });
  return true;
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
      .select({ registrationId: checkoutLines.registrationId })
      .from(checkoutLines)
      .innerJoin(checkouts, eq(checkouts.id, checkoutLines.checkoutId))
      .where(and(eq(checkoutLines.checkoutId, input.checkoutId), eq(checkouts.organizationId, input.organizationId)));
    // The money lock order: courses, registrations, then the invoice row.
    const regs = await lockRegistrationsForMoney(tx, input.organizationId, lines.flatMap((l) => (l.registrationId ? [l.registrationId] : [])));
    const checkout = await lockOpenInvoice(tx, input.organizationId, input.checkoutId);
    const [org] = await tx.select({ timeZone: organizations.timeZone }).from(organizations).where(eq(organizations.id, input.organizationId));
    notInFuture(input.receivedOn, regs[0]?.policy.timeZone ?? org?.timeZone ?? 'UTC', now);
    const remaining = await invoiceRemaining(tx, input.organizationId, checkout.id);
    const allocations: Allocation[] = remaining
      .filter((r) => r.remainingMinor > 0)
      .map((r) => (r.line.registrationId ? { registrationId: r.line.registrationId, amountMinor: r.remainingMinor } : { donationId: r.line.donationId!, amountMinor: r.remainingMinor }));
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

/** Open invoices of the organization (awaiting payment), with what each still needs. */
export async function findOpenInvoices(db: DbOrTx, organizationId: string, options: { registrationId?: string } = {}) {
  const filters = [eq(checkouts.organizationId, organizationId), eq(checkouts.method, 'invoice'), inArray(checkouts.status, ['open', 'awaiting_payment'])];
  if (options.registrationId) {
    filters.push(inArray(checkouts.id, db.select({ id: checkoutLines.checkoutId }).from(checkoutLines).where(eq(checkoutLines.registrationId, options.registrationId))));
  }
  const rows = await db
    .select({
      id: checkouts.id,
      number: checkouts.number,
      payerName: checkouts.payerName,
      payerEmail: checkouts.payerEmail,
      currency: checkouts.currency,
      totalMinor: checkouts.totalMinor,
      dueOn: checkouts.dueOn,
      createdAt: checkouts.createdAt,
      // Qualified by hand: drizzle renders a column of the outer query unqualified ("id"), which
      // inside this subquery would mean payments.id and always sum nothing.
      paidMinor: sql<number>`coalesce((select sum(p.amount_minor) from payments p where p.checkout_id = "checkouts"."id"), 0)::int`,
    })
    .from(checkouts)
    .where(and(...filters))
    .orderBy(asc(checkouts.dueOn), asc(checkouts.number));
  const regRows = rows.length
    ? await db
        .select({ checkoutId: checkoutLines.checkoutId, registrationId: registrations.id, courseId: registrations.courseId })
        .from(checkoutLines)
        .innerJoin(registrations, eq(registrations.id, checkoutLines.registrationId))
        .where(and(inArray(checkoutLines.checkoutId, rows.map((r) => r.id)), eq(registrations.organizationId, organizationId)))
    : [];
  const dueNow = new Map<string, number>();
  for (const r of rows) dueNow.set(r.id, await invoiceDueNow(db, organizationId, r.id));
  return rows.map((r) => ({
    ...r,
    /** What the invoice asks for now: never more than the ledger says is owed (invoiceRemaining). */
    balanceMinor: dueNow.get(r.id)!,
    /** The registrations the invoice pays (for a link to the account page). */
    registrations: regRows.filter((g) => g.checkoutId === r.id).map((g) => ({ id: g.registrationId, courseId: g.courseId })),
  }));
}
