// Card refunds Stripe could not complete. A refund is recorded as done (with its ledger entry)
// when Stripe accepts it; Stripe may later report it failed (refund.failed, or refund.updated
// with status failed/canceled) — e.g. the card was closed. Then the money did not go back: the
// ledger gets a `refund_reversal` entry (one per refund) and the amount is due again, for staff
// to pay another way.
import { and, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Db, DbOrTx } from '#db/client.server.ts';
import { providerEvents, refunds } from '#db/schema/money.ts';
import { recordAudit, systemActor } from '#domain/audit/record-audit.server.ts';
import { lockRegistrationForMoney } from '#domain/money/money-locks.server.ts';
import { postEntries } from '#domain/money/post-entries.server.ts';
import { settleCredit } from '#domain/money/settle-credit.server.ts';
import { localDate } from '#domain/money/policy.ts';
import { withScarceLocks } from '#domain/transaction.server.ts';

export const REFUND_EVENTS = new Set(['refund.failed', 'refund.updated']);

export type RefundEventOutcome = 'refund-reopened' | 'refund-ok' | 'unknown-refund' | 'duplicate';

async function claim(tx: DbOrTx, event: { id: string; type: string }, outcome: string, organizationId: string | null): Promise<boolean> {
  const rows = await tx
    .insert(providerEvents)
    .values({ id: event.id, provider: 'stripe', type: event.type, organizationId, outcome })
    .onConflictDoNothing()
    .returning({ id: providerEvents.id });
  return rows.length === 1;
}

const failureNote = (providerRefundId: string) => `card refund ${providerRefundId} failed at the card processor`;

export async function applyRefundEvent(db: Db, stripe: Stripe, event: Stripe.Event, now = new Date()): Promise<{ outcome: RefundEventOutcome }> {
  const id = String((event.data.object as { id?: string }).id ?? '');
  // Re-read: what Stripe says about the refund now decides.
  let current: Stripe.Refund | undefined;
  if (/^re_[A-Za-z0-9_]+$/.test(id)) {
    try {
      current = await stripe.refunds.retrieve(id);
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 404) throw error;
    }
  }
  const [ours] = current ? await db.select().from(refunds).where(eq(refunds.providerRefundId, current.id)) : [];
  if (!current || !ours || !ours.registrationId) {
    await claim(db, event, 'unknown-refund', null);
    return { outcome: 'unknown-refund' };
  }
  if (current.status !== 'failed' && current.status !== 'canceled') {
    const fresh = await claim(db, event, 'refund-ok', ours.organizationId);
    return { outcome: fresh ? 'refund-ok' : 'duplicate' };
  }
  const registrationId = ours.registrationId;
  return withScarceLocks(db, async (tx) => {
    if (!(await claim(tx, event, 'refund-reopened', ours.organizationId))) return { outcome: 'duplicate' as const };
    const { registration } = await lockRegistrationForMoney(tx, ours.organizationId, registrationId);
    const note = failureNote(current.id);
    // Two events (updated, then failed) report one failure: reverse it once.
    const [already] = await tx
      .select({ id: refunds.id })
      .from(refunds)
      .where(and(eq(refunds.registrationId, registrationId), eq(refunds.note, note)));
    const [row] = await tx.select().from(refunds).where(eq(refunds.id, ours.id));
    if (already || row?.status !== 'done') {
      await tx.update(providerEvents).set({ outcome: 'refund-ok' }).where(eq(providerEvents.id, event.id));
      return { outcome: 'refund-ok' as const };
    }
    const today = localDate(now, registration.policy.timeZone);
    await postEntries(tx, [
      {
        organizationId: registration.organizationId,
        registrationId,
        kind: 'refund_reversal',
        amountMinor: -row.amountMinor,
        currency: row.currency,
        refundId: row.id,
        reason: `${note} (${current.failure_reason ?? current.status})`,
        effectiveOn: today,
        createdBy: null,
      },
    ]);
    const reason = current.failure_reason ?? current.status ?? 'failed';
    await tx.update(refunds).set({ failureMessage: `The card processor reported this refund ${reason}; the amount is due again.` }).where(eq(refunds.id, row.id));
    const reopened = await settleCredit(tx, { registration, reason: row.reason, dueOn: today, actor: systemActor, note });
    await recordAudit(tx, systemActor, {
      organizationId: registration.organizationId,
      action: 'refund.failed_at_provider',
      entityType: 'refund',
      entityId: row.id,
      before: { status: 'done', providerRefundId: current.id },
      after: { reopenedAs: reopened?.id ?? null, amountMinor: row.amountMinor, failureReason: reason },
    });
    return { outcome: 'refund-reopened' as const };
  });
}
