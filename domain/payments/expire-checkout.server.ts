// Expiring an open card checkout: at Stripe first, so it can no longer be paid, then here.
import { and, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Db } from '#db/client.server.ts';
import { checkouts } from '#db/schema/money.ts';
import type { Actor } from '#domain/audit/record-audit.server.ts';
import { closeCheckout } from './close-checkout.server.ts';
import { idempotencyKeys } from './checkout-records.server.ts';

/** Expires an open card checkout at Stripe first (so it can no longer be paid), then here. */
export async function expireCheckout(
  db: Db,
  input: { organizationId: string; checkoutId: string; actor: Actor; stripe: Stripe; now?: Date; reason: string },
): Promise<boolean> {
  const [checkout] = await db
    .select()
    .from(checkouts)
    .where(and(eq(checkouts.id, input.checkoutId), eq(checkouts.organizationId, input.organizationId)));
  if (!checkout || checkout.status !== 'open') return false;
  if (checkout.providerSessionId) {
    // Throws when Stripe says the session is complete: then the payment's webhook decides.
    await input.stripe.checkout.sessions.expire(checkout.providerSessionId, {}, { idempotencyKey: idempotencyKeys.expire(checkout.id) });
  }
  const closed = await closeCheckout(db, { ...input, status: 'expired' });
  if (!checkout.providerSessionId) {
    // The checkout that made it may have stored its Stripe session between our read and our
    // close (it makes the session outside its transaction): that page must not stay payable.
    const [after] = await db.select({ providerSessionId: checkouts.providerSessionId }).from(checkouts).where(eq(checkouts.id, checkout.id));
    if (after?.providerSessionId) await input.stripe.checkout.sessions.expire(after.providerSessionId, {}, { idempotencyKey: idempotencyKeys.expire(checkout.id) }).catch(() => undefined);
  }
  return closed;
}
