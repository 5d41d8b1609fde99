// Posting to the ledger and reading an account back. Every money operation runs in one
// transaction that first locks the course row, then the registration row (ADR 0021's order,
// extended in ADR 0040), so concurrent payments, cancellations, refunds and aid awards for
// one registration are serialized and never see a stale balance.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { aidApplications } from '#db/schema/aid.ts';
import { ledgerEntries, refunds, type LedgerKind, type RefundReason } from '#db/schema/money.ts';
import { registrations } from '#db/schema/registration.ts';
import type { Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { lockCourse } from '#domain/courses/lock-course.server.ts';
import { locksDisabledForTest } from '#domain/transaction.server.ts';
import { summarize, type AccountSummary } from './account.ts';

export type LedgerEntry = typeof ledgerEntries.$inferSelect;
export type Registration = typeof registrations.$inferSelect;
export type Refund = typeof refunds.$inferSelect;

export interface NewEntry {
  organizationId: string;
  registrationId?: string | null;
  donationId?: string | null;
  kind: LedgerKind;
  amountMinor: number;
  currency: string;
  reason?: string;
  paymentId?: string | null;
  refundId?: string | null;
  cancellationId?: string | null;
  aidApplicationId?: string | null;
  effectiveOn: string;
  createdBy?: string | null;
}

/** Posts entries; zero amounts are skipped (nothing happened). Returns the rows written. */
export async function postEntries(tx: DbOrTx, entries: NewEntry[]): Promise<LedgerEntry[]> {
  const rows = entries.filter((e) => e.amountMinor !== 0);
  if (rows.length === 0) return [];
  return tx
    .insert(ledgerEntries)
    .values(rows.map((e) => ({ ...e, reason: e.reason ?? '' })))
    .returning();
}

export async function registrationEntries(tx: DbOrTx, registrationId: string): Promise<LedgerEntry[]> {
  return tx.select().from(ledgerEntries).where(eq(ledgerEntries.registrationId, registrationId)).orderBy(asc(ledgerEntries.sequence));
}

export async function registrationAccount(tx: DbOrTx, registrationId: string): Promise<AccountSummary> {
  return summarize(await registrationEntries(tx, registrationId));
}

/** Balances of many registrations at once (lists, dashboards). */
export async function registrationBalances(tx: DbOrTx, registrationIds: string[]): Promise<Map<string, AccountSummary>> {
  const result = new Map<string, AccountSummary>();
  if (registrationIds.length === 0) return result;
  const rows = await tx
    .select({ registrationId: ledgerEntries.registrationId, kind: ledgerEntries.kind, amountMinor: sql<number>`sum(${ledgerEntries.amountMinor})::int` })
    .from(ledgerEntries)
    .where(inArray(ledgerEntries.registrationId, registrationIds))
    .groupBy(ledgerEntries.registrationId, ledgerEntries.kind);
  for (const id of registrationIds) result.set(id, summarize(rows.filter((r) => r.registrationId === id)));
  return result;
}

/**
 * The money lock for one registration: the course row, then the registration row, both FOR
 * UPDATE. Call first thing in the transaction (inside withScarceLocks).
 */
export async function lockRegistrationForMoney(tx: DbOrTx, organizationId: string, registrationId: string) {
  const [found] = await tx
    .select({ courseId: registrations.courseId })
    .from(registrations)
    .where(and(eq(registrations.id, registrationId), eq(registrations.organizationId, organizationId)));
  if (!found) throw new DomainError('REGISTRATION_NOT_FOUND', registrationId);
  const course = await lockCourse(tx, organizationId, found.courseId);
  const query = tx.select().from(registrations).where(eq(registrations.id, registrationId));
  const [registration] = locksDisabledForTest() ? await query : await query.for('update');
  return { course, registration: registration! };
}

/** Refunds created but not yet paid out (due, processing, failed): money already promised. */
export async function openRefundsMinor(tx: DbOrTx, registrationId: string): Promise<number> {
  const [row] = await tx
    .select({ total: sql<number>`coalesce(sum(${refunds.amountMinor}), 0)::int` })
    .from(refunds)
    .where(and(eq(refunds.registrationId, registrationId), inArray(refunds.status, ['due', 'processing', 'failed'])));
  return row?.total ?? 0;
}

/**
 * When the account is in credit (the organization owes money), makes sure a refund is due for
 * it: creates one for the part no open refund covers yet, never more than was paid and not
 * yet refunded or promised. Call under the money lock, after posting. Returns the new refund.
 */
export async function settleCredit(
  tx: DbOrTx,
  input: { registration: Registration; reason: RefundReason; dueOn: string; actor: Actor; note?: string },
): Promise<Refund | undefined> {
  const account = await registrationAccount(tx, input.registration.id);
  const promised = await openRefundsMinor(tx, input.registration.id);
  const credit = -account.balanceMinor - promised;
  const refundable = account.netPaidMinor - promised;
  const amount = Math.min(credit, refundable);
  if (amount <= 0) return undefined;
  const [refund] = await tx
    .insert(refunds)
    .values({
      organizationId: input.registration.organizationId,
      registrationId: input.registration.id,
      reason: input.reason,
      amountMinor: amount,
      currency: input.registration.currency,
      dueOn: input.dueOn,
      note: input.note ?? '',
      createdBy: input.actor.userId,
    })
    .returning();
  return refund;
}

/**
 * Ends a registration's account: everything charged is reversed except `retainedMinor` (the
 * policy's fee, or all that was paid after the deadline), and the rest of the money paid
 * becomes a refund due. Used by cancellations, declined and withdrawn applications and lapsed
 * holds, so no ending ever leaves money behind. Call under the money lock.
 */
export async function closeAccount(
  tx: DbOrTx,
  input: {
    registration: Registration;
    retainedMinor: number;
    reason: string;
    refundReason: RefundReason;
    effectiveOn: string;
    dueOn: string;
    actor: Actor;
    cancellationId?: string | null;
    /** false: a pending aid application stays (the registration went back to the waitlist, it did not end). */
    withdrawAid?: boolean;
  },
): Promise<{ account: AccountSummary; refund: Refund | undefined }> {
  const { registration } = input;
  const before = await registrationAccount(tx, registration.id);
  // Everything but cash: charges, discounts, aid, adjustments and fees already retained.
  // Never keep more than was paid, nor more than was charged (an overpayment comes back).
  const retained = Math.max(0, Math.min(input.retainedMinor, before.netPaidMinor, before.dueMinor));
  await postEntries(tx, [
    {
      organizationId: registration.organizationId,
      registrationId: registration.id,
      kind: 'adjustment',
      amountMinor: -before.dueMinor,
      currency: registration.currency,
      reason: input.reason,
      cancellationId: input.cancellationId ?? null,
      effectiveOn: input.effectiveOn,
      createdBy: input.actor.userId,
    },
    {
      organizationId: registration.organizationId,
      registrationId: registration.id,
      kind: 'fee_retained',
      amountMinor: retained,
      currency: registration.currency,
      reason: input.reason,
      cancellationId: input.cancellationId ?? null,
      effectiveOn: input.effectiveOn,
      createdBy: input.actor.userId,
    },
  ]);
  if (input.withdrawAid !== false) {
    // The registration has ended: its aid application ends with it. One awaiting a decision is
    // withdrawn; an award (reversed with the charges above) is withdrawn too, which frees it
    // for another applicant of the course — the award amount stays on the row for the record.
    await tx
      .update(aidApplications)
      .set({ status: 'withdrawn', decidedAt: new Date() })
      .where(and(eq(aidApplications.registrationId, registration.id), inArray(aidApplications.status, ['submitted', 'awarded'])));
  }
  const refund = await settleCredit(tx, { registration, reason: input.refundReason, dueOn: input.dueOn, actor: input.actor });
  return { account: await registrationAccount(tx, registration.id), refund };
}
