// Closing an unpaid checkout, expired or cancelled: its gift lines voided, audited.
import { eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '#db/client.server.ts';
import { checkouts } from '#db/schema/money.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { localDate } from '#domain/money/policy.ts';
import { withScarceLocks } from '#domain/transaction.server.ts';
import { getOrganization, lockCheckout, zoneOf } from './checkout-records.server.ts';
import { lineKind } from './line-kinds.server.ts';

export type CloseCheckout = { organizationId: string; checkoutId: string; status: 'expired' | 'cancelled'; reason: string; actor: Actor; now?: Date };

/**
 * Closes an unpaid checkout ('expired' or 'cancelled'): its gift lines are voided with an
 * adjustment. A paid checkout is left alone. Returns whether it changed anything.
 */
export async function closeCheckout(db: Db, input: CloseCheckout, inTx?: DbOrTx): Promise<boolean> {
  return inTx ? closeCheckoutIn(inTx, input) : withScarceLocks(db, (tx) => closeCheckoutIn(tx, input));
}

/** closeCheckout inside a transaction that holds (or takes here) the money locks. */
export async function closeCheckoutIn(tx: DbOrTx, input: CloseCheckout): Promise<boolean> {
  const { checkout, lines, registrations: regs } = await lockCheckout(tx, input.organizationId, input.checkoutId);
  if (checkout.status !== 'open' && checkout.status !== 'awaiting_payment') return false;
  const org = await getOrganization(tx, input.organizationId);
  const today = localDate(input.now ?? new Date(), zoneOf(org, regs));
  for (const line of lines) {
    await lineKind(line.kind).void(tx, line, { organizationId: input.organizationId, currency: checkout.currency, today, actor: input.actor, reason: `checkout ${input.status}: ${input.reason}` });
  }
  await tx.update(checkouts).set({ status: input.status }).where(eq(checkouts.id, checkout.id));
  await recordAudit(tx, input.actor, {
    organizationId: input.organizationId,
    action: `checkout.${input.status}`,
    entityType: 'checkout',
    entityId: checkout.id,
    before: { status: checkout.status },
    after: { status: input.status, reason: input.reason },
  });
  return true;
}
