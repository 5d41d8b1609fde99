// Creating a checkout: one payment for one or more lines (a registration's balance, a gift).
// Made under the money locks of every registration it pays; a card checkout then asks Stripe
// for a hosted Checkout Session OUTSIDE the transaction (never hold row locks across the
// network), with an idempotency key derived from the checkout, so a retried request cannot
// make two. An invoice checkout waits for a check or a transfer, which staff record (billing).
import { and, eq, inArray } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Db } from '#db/client.server.ts';
import { checkoutLines, checkouts, type CheckoutMethod } from '#db/schema/money.ts';
import type { PaymentSettings } from '#lib/stripe.server.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { queueInvoiceEmail } from '#domain/billing/invoice-email.server.ts';
import { DomainError } from '#domain/errors.ts';
import { lockRegistrationsForMoney } from '#domain/money/money-locks.server.ts';
import { addDays, localDate } from '#domain/money/policy.ts';
import { withScarceLocks } from '#domain/transaction.server.ts';
import { createStripe } from '#lib/stripe.server.ts';
import { toStripeAmount } from '#lib/stripe-amounts.ts';
import { closeCheckout } from './close-checkout.server.ts';
import { getOrganization, idempotencyKeys, invoicesAvailable, zoneOf, type Checkout, type CheckoutLine } from './checkout-records.server.ts';
import { expireCheckout } from './expire-checkout.server.ts';
import { findReplaceableInvoices } from './find-replaceable-invoices.server.ts';
import { guestCheckoutKey, guestCheckoutPath } from './guest-links.server.ts';
import { lineKind, type LineInput, type PreparedLine } from './line-kinds.server.ts';
import { findOpenMembershipCheckouts } from '#domain/membership/membership-terms.server.ts';

export interface CreateCheckoutInput {
  organizationId: string;
  /** null: a visitor giving without an account (donation lines only; see guest-links.server.ts). */
  userId: string | null;
  payer: { name: string; email: string };
  lines: LineInput[];
  method: CheckoutMethod;
}

export interface CheckoutDeps {
  publicUrl: string;
  /** Card payments' settings; null when they are off (invoices only). */
  payments: PaymentSettings | null;
  now?: Date;
  /** A ready client (tests); otherwise made from `payments`. */
  stripe?: Stripe;
  /** The secret guest checkout links are signed with (the app's data key); required when userId is null. */
  guestLinkSecret?: Buffer;
}

export interface CreatedCheckout {
  checkout: Checkout;
  lines: CheckoutLine[];
  /** Card: Stripe's hosted page to send the person to. */
  redirectUrl: string | null;
  emailIds: string[];
}

export async function createCheckout(db: Db, input: CreateCheckoutInput, actor: Actor, deps: CheckoutDeps): Promise<CreatedCheckout> {
  if (input.lines.length === 0) throw new DomainError('CHECKOUT_EMPTY');
  if (input.method === 'card' && !deps.payments && !deps.stripe) throw new DomainError('CARD_PAYMENTS_OFF');
  if (input.userId === null && (!deps.guestLinkSecret || input.lines.some((l) => l.kind !== 'donation'))) throw new DomainError('NOT_YOUR_REGISTRATION');
  const now = deps.now ?? new Date();
  const regIds = input.lines.flatMap((line) => lineKind(line.kind).locks(line));
  if (new Set(regIds).size !== regIds.length) throw new DomainError('INVALID_APPLICATION', 'a registration appears twice');

  const created = await withScarceLocks(db, async (tx) => {
    const regs = await lockRegistrationsForMoney(tx, input.organizationId, regIds);
    const org = await getOrganization(tx, input.organizationId);
    // An invoice tells the payer how to pay; without the organization's payment instructions it
    // is not issued at all (docs/payments.md): the pages offer it only when they are set.
    if (input.method === 'invoice' && !invoicesAvailable(org)) throw new DomainError('INVOICE_INSTRUCTIONS_MISSING');
    const today = localDate(now, zoneOf(org, regs));
    const currency = regs[0]?.currency ?? org.currency;
    const ctx = { organizationId: org.id, userId: input.userId, payer: input.payer, currency, registrations: new Map(regs.map((r) => [r.id, r])), today, actor };
    const prepared: PreparedLine[] = [];
    for (const line of input.lines) prepared.push(await lineKind(line.kind).prepare(tx, ctx, line));
    if (prepared.some((p) => p.currency !== currency)) throw new DomainError('CURRENCY_MISMATCH');
    const totalMinor = prepared.reduce((sum, p) => sum + p.amountMinor, 0);
    const dueOn = input.method === 'invoice' ? addDays(today, org.invoiceDueDays) : null;

    const [checkout] = await tx
      .insert(checkouts)
      .values({
        organizationId: org.id,
        userId: input.userId,
        payerName: input.payer.name,
        payerEmail: input.payer.email,
        method: input.method,
        status: input.method === 'invoice' ? 'awaiting_payment' : 'open',
        currency,
        totalMinor,
        dueOn,
      })
      .returning();
    const lines = await tx
      .insert(checkoutLines)
      .values(prepared.map((p, position) => ({ checkoutId: checkout!.id, position, kind: p.kind, registrationId: p.registrationId, donationId: p.donationId, seriesEnrollmentId: p.seriesEnrollmentId ?? null, membershipTermId: p.membershipTermId ?? null, description: p.description, amountMinor: p.amountMinor })))
      .returning();
    await recordAudit(tx, actor, {
      organizationId: org.id,
      action: 'checkout.created',
      entityType: 'checkout',
      entityId: checkout!.id,
      after: { method: input.method, totalMinor, currency, dueOn, lines: lines.map((l) => ({ kind: l.kind, registrationId: l.registrationId, donationId: l.donationId, amountMinor: l.amountMinor })) },
    });

    // Older card checkouts for the same registrations are superseded: expired below, so one
    // registration never has two payable Stripe pages at once.
    // So are older card pages for the person's membership dues (ADR 0068).
    const membershipPages = input.lines.some((l) => l.kind === 'membership_dues') ? await findOpenMembershipCheckouts(tx, org.id, input.userId) : [];
    const superseded = regIds.length
      ? await tx
          .selectDistinct({ id: checkouts.id })
          .from(checkouts)
          .innerJoin(checkoutLines, eq(checkoutLines.checkoutId, checkouts.id))
          .where(and(eq(checkouts.organizationId, org.id), eq(checkouts.status, 'open'), inArray(checkoutLines.registrationId, regIds)))
      : [];

    // Older invoices for the same registrations that nothing was paid against are replaced
    // (ADR 0041, "One payable invoice"): cancelled here, in the same transaction, their gift
    // lines voided, so the person never holds two invoices for the same money. An invoice that
    // also covers a registration outside this checkout is left alone (its other registrations
    // are not locked here; the pay pages only make one-registration invoices).
    const replaced = await findReplaceableInvoices(tx, org.id, regIds);
    for (const id of replaced) {
      if (id === checkout!.id) continue;
      await closeCheckout(db, { organizationId: org.id, checkoutId: id, status: 'cancelled', reason: 'replaced by a newer checkout', actor, now }, tx);
    }

    // The invoice email (billing's, with the invoice PDF attached at delivery), queued with the change.
    const viewUrl = input.userId === null ? `${deps.publicUrl}${guestCheckoutPath(org.slug, checkout!.id, deps.guestLinkSecret!)}` : undefined;
    const emailIds = input.method === 'invoice' ? [await queueInvoiceEmail(tx, { organizationId: org.id, checkoutId: checkout!.id, publicUrl: deps.publicUrl, viewUrl })] : [];
    return { checkout: checkout!, lines, emailIds, org, superseded: [...new Set([...superseded.map((s) => s.id), ...membershipPages])].filter((id) => id !== checkout!.id) };
  });

  // Whichever way the person now pays, an older card page for the same registration is closed
  // (at Stripe first; one already paid stays with its webhook).
  const stripe = deps.stripe ?? (deps.payments ? createStripe(deps.payments) : undefined);
  if (stripe) {
    for (const id of created.superseded) await expireCheckout(db, { organizationId: input.organizationId, checkoutId: id, actor, stripe, now, reason: 'replaced by a newer checkout' }).catch(() => undefined);
  }
  if (input.method === 'invoice' || !stripe) return { checkout: created.checkout, lines: created.lines, redirectUrl: null, emailIds: created.emailIds };

  const { checkout, lines, org } = created;
  const base = `${deps.publicUrl}/o/${org.slug}/checkouts/${checkout.id}`;
  // A visitor's pages carry the key that lets them see this checkout without an account.
  const key = checkout.userId === null ? `key=${guestCheckoutKey(deps.guestLinkSecret!, checkout.id)}` : '';
  // Stripe's units for the same money (lib/stripe-amounts.ts); an amount it cannot charge
  // exactly (12.345 KWD) is never rounded: the person pays that one by invoice.
  const unitAmounts = lines.map((l) => toStripeAmount(l.amountMinor, checkout.currency));
  if (unitAmounts.some((a) => a === undefined)) {
    await closeCheckout(db, { organizationId: org.id, checkoutId: checkout.id, status: 'cancelled', reason: 'amount not payable by card in this currency', actor, now });
    throw new DomainError('CARD_AMOUNT_NOT_PAYABLE', checkout.currency);
  }
  let session: Stripe.Checkout.Session;
  try {
    session = await stripe.checkout.sessions.create(
      {
        mode: 'payment',
        client_reference_id: checkout.id,
        customer_email: checkout.payerEmail,
        metadata: { checkoutId: checkout.id, organizationId: org.id },
        payment_intent_data: { metadata: { checkoutId: checkout.id, organizationId: org.id } },
        line_items: lines.map((l, i) => ({ quantity: 1, price_data: { currency: checkout.currency.toLowerCase(), unit_amount: unitAmounts[i]!, product_data: { name: l.description } } })),
        success_url: `${base}?${key ? `${key}&` : ''}session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${base}/cancelled${key ? `?${key}` : ''}`,
      },
      { idempotencyKey: idempotencyKeys.session(checkout.id) },
    );
  } catch {
    // Nothing was promised: the checkout is cancelled and its gifts voided; the person may try again.
    await closeCheckout(db, { organizationId: org.id, checkoutId: checkout.id, status: 'cancelled', reason: 'card payment could not be started', actor, now });
    throw new DomainError('PAYMENT_PROVIDER_UNAVAILABLE');
  }
  const [stored] = await db
    .update(checkouts)
    .set({ providerSessionId: session.id, providerSessionUrl: session.url })
    .where(and(eq(checkouts.id, checkout.id), eq(checkouts.organizationId, org.id), eq(checkouts.status, 'open')))
    .returning();
  if (!stored) {
    // A newer checkout for the same registration (a double submit) superseded this one while
    // its session was being made: that page must not stay payable.
    await stripe.checkout.sessions.expire(session.id, {}, { idempotencyKey: idempotencyKeys.expire(checkout.id) }).catch(() => undefined);
    throw new DomainError('BUSY', 'checkout superseded while starting');
  }
  return { checkout: stored, lines, redirectUrl: session.url, emailIds: [] };
}

