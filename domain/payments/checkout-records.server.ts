// The checkout rows every checkout use case shares: their types, the organization they belong
// to, the lock that takes a checkout after its registrations, and Stripe's idempotency keys.
// The use cases are one per file: create-checkout, close-checkout, expire-checkout, find-checkout,
// find-replaceable-invoices.
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { checkoutLines, checkouts } from '#db/schema/money.ts';
import { organizations } from '#db/schema/organizations.ts';
import { DomainError } from '#domain/errors.ts';
import { lockRegistrationsForMoney, lockSeriesEnrollmentsForMoney } from '#domain/money/money-locks.server.ts';
import type { Registration } from '#domain/money/ledger-rows.ts';
import { locksDisabledForTest } from '#domain/transaction.server.ts';

export type Checkout = typeof checkouts.$inferSelect;
export type CheckoutLine = typeof checkoutLines.$inferSelect;
export type Organization = typeof organizations.$inferSelect;

/** Stripe's idempotency keys, derived from the business operation (ADR 0041). */
export const idempotencyKeys = {
  session: (checkoutId: string) => `checkout:${checkoutId}:session`,
  expire: (checkoutId: string) => `checkout:${checkoutId}:expire`,
};

/** Invoices are issued only when the organization says how to pay them (its payment instructions). */
export function invoicesAvailable(org: { paymentInstructions: string }): boolean {
  return org.paymentInstructions.trim() !== '';
}

export async function getOrganization(tx: DbOrTx, organizationId: string): Promise<Organization> {
  const [org] = await tx.select().from(organizations).where(eq(organizations.id, organizationId));
  if (!org) throw new DomainError('ORGANIZATION_NOT_FOUND', organizationId);
  return org;
}

/** The local date of a checkout: its first registration's course zone, else the organization's. */
export function zoneOf(org: Organization, regs: Registration[]): string {
  return regs[0]?.policy.timeZone ?? org.timeZone;
}

/** Locks the checkout row after its registrations (the money lock order, then the cart). */
export async function lockCheckout(tx: DbOrTx, organizationId: string, checkoutId: string): Promise<{ checkout: Checkout; lines: CheckoutLine[]; registrations: Registration[] }> {
  const lines = await tx.select().from(checkoutLines).where(eq(checkoutLines.checkoutId, checkoutId)).orderBy(asc(checkoutLines.position));
  const regs = await lockRegistrationsForMoney(
    tx,
    organizationId,
    lines.flatMap((l) => (l.registrationId ? [l.registrationId] : [])),
  );
  // Series enrollments next (ADR 0063), then the checkout row.
  await lockSeriesEnrollmentsForMoney(
    tx,
    organizationId,
    lines.flatMap((l) => (l.seriesEnrollmentId ? [l.seriesEnrollmentId] : [])),
  );
  const query = tx
    .select()
    .from(checkouts)
    .where(and(eq(checkouts.id, checkoutId), eq(checkouts.organizationId, organizationId)));
  const [checkout] = locksDisabledForTest() ? await query : await query.for('update');
  if (!checkout) throw new DomainError('CHECKOUT_NOT_FOUND', checkoutId);
  return { checkout, lines, registrations: regs };
}

