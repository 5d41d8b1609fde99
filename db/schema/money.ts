// Money: an immutable ledger per account (a registration, a donation, later a membership),
// the payments and refunds that move real money, checkouts that pay several things at once,
// written cancellations with their policy outcome, and the payment provider's events.
// Amounts are integers in minor units, always with a currency. See ADR 0040.
import { sql } from 'drizzle-orm';
import { bigserial, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { organizations } from './organizations.ts';
import { registrations } from './registration.ts';
import { seriesEnrollments } from './series.ts';
import { membershipTerms } from './membership.ts';

/**
 * The kinds of ledger entry. The sign is part of the kind: a positive amount raises what the
 * payer owes, a negative one lowers it; the balance is the plain sum.
 *   charge        +  the price of what was bought
 *   discount      −  a discount code
 *   aid_award     −  a financial-aid award
 *   adjustment    ±  anything else, always with a reason (category change, cancellation, override)
 *   payment       −  money received (one entry per payment and account)
 *   refund        +  money returned (one entry per refund)
 *   refund_reversal − a card refund the processor could not complete: the money came back (one per refund)
 *   fee_retained  +  what a cancellation keeps (the administrative fee, or everything after the deadline)
 */
export const LEDGER_KINDS = ['charge', 'discount', 'aid_award', 'adjustment', 'payment', 'refund', 'refund_reversal', 'fee_retained'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export const PAYMENT_METHODS = ['card', 'check', 'bank_transfer', 'cash', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** A donation to one of the organization's funds (the financial-aid fund by default). */
export const donations = pgTable(
  'donations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    email: text('email').notNull(),
    fund: text('fund').$type<'financial_aid' | 'general'>().notNull().default('financial_aid'),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('donations_org').on(t.organizationId, t.createdAt), check('donations_amount_positive', sql`${t.amountMinor} > 0`)],
);

export type CheckoutStatus = 'open' | 'awaiting_payment' | 'paid' | 'expired' | 'cancelled';
export type CheckoutMethod = 'card' | 'invoice';

/** One payment for one or more line items: the cart. An invoice is a checkout paid by check or transfer. */
export const checkouts = pgTable(
  'checkouts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    /** Invoice and receipt number, unique per deployment, shown as e.g. ABS-000123. */
    number: bigserial('number', { mode: 'number' }).notNull(),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    payerName: text('payer_name').notNull(),
    payerEmail: text('payer_email').notNull(),
    method: text('method').$type<CheckoutMethod>().notNull(),
    status: text('status').$type<CheckoutStatus>().notNull().default('open'),
    currency: text('currency').notNull(),
    totalMinor: integer('total_minor').notNull(),
    /** For invoices: pay by this local date. */
    dueOn: date('due_on'),
    /** Stripe Checkout Session id (card), unique. */
    providerSessionId: text('provider_session_id'),
    providerSessionUrl: text('provider_session_url'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('checkouts_number').on(t.number),
    uniqueIndex('checkouts_provider_session').on(t.providerSessionId),
    index('checkouts_org_created').on(t.organizationId, t.createdAt),
    index('checkouts_user').on(t.userId),
  ],
);

export type CheckoutLineKind = 'registration' | 'donation' | 'membership_dues' | 'series_enrollment';

/** What a checkout pays for. Each line names the account it is posted to. */
export const checkoutLines = pgTable(
  'checkout_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    checkoutId: uuid('checkout_id').notNull().references(() => checkouts.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: text('kind').$type<CheckoutLineKind>().notNull(),
    registrationId: uuid('registration_id').references(() => registrations.id),
    donationId: uuid('donation_id').references(() => donations.id),
    seriesEnrollmentId: uuid('series_enrollment_id').references(() => seriesEnrollments.id),
    membershipTermId: uuid('membership_term_id').references(() => membershipTerms.id),
    description: text('description').notNull(),
    amountMinor: integer('amount_minor').notNull(),
  },
  (t) => [index('checkout_lines_checkout').on(t.checkoutId), index('checkout_lines_registration').on(t.registrationId), index('checkout_lines_series_enrollment').on(t.seriesEnrollmentId), index('checkout_lines_membership_term').on(t.membershipTermId), check('checkout_lines_amount_positive', sql`${t.amountMinor} > 0`)],
);

/** Money received. Card payments come from the provider's webhook; others are recorded by staff. */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    checkoutId: uuid('checkout_id').references(() => checkouts.id),
    method: text('method').$type<PaymentMethod>().notNull(),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    /** The local date the money arrived (a check's received date, the card payment's date). */
    receivedOn: date('received_on').notNull(),
    /** Check number, transfer reference, or the provider's payment intent id. */
    reference: text('reference').notNull().default(''),
    /** Stripe PaymentIntent id for card payments: one payment row per intent. */
    providerPaymentId: text('provider_payment_id'),
    recordedBy: text('recorded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('payments_provider_payment').on(t.providerPaymentId),
    index('payments_org_received').on(t.organizationId, t.receivedOn),
    check('payments_amount_positive', sql`${t.amountMinor} > 0`),
  ],
);

export type RefundStatus = 'due' | 'processing' | 'done' | 'failed' | 'cancelled';
export type RefundReason = 'cancellation' | 'course_cancelled' | 'organizer_cancelled' | 'application_ended' | 'aid_award' | 'late_payment' | 'overpayment' | 'staff' | 'series_cancelled';

/**
 * A refund owed and, once paid out, done. Created with its due date (acknowledgment + the
 * policy's days); the refund tracker lists due, overdue and done. The ledger `refund` entry is
 * posted when the money actually goes out.
 */
export const refunds = pgTable(
  'refunds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    registrationId: uuid('registration_id').references(() => registrations.id),
    donationId: uuid('donation_id').references(() => donations.id),
    seriesEnrollmentId: uuid('series_enrollment_id').references(() => seriesEnrollments.id),
    reason: text('reason').$type<RefundReason>().notNull(),
    status: text('status').$type<RefundStatus>().notNull().default('due'),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    /** Local date by which the refund must be made. */
    dueOn: date('due_on').notNull(),
    /** How it was (or will be) paid out: card refunds go back through the provider. */
    method: text('method').$type<PaymentMethod>(),
    /** The card payment it goes back to, for provider refunds. */
    paymentId: uuid('payment_id').references(() => payments.id),
    providerRefundId: text('provider_refund_id'),
    reference: text('reference').notNull().default(''),
    note: text('note').notNull().default(''),
    lastReminderOn: date('last_reminder_on'),
    failureMessage: text('failure_message'),
    /** When the provider was last asked to pay it out; a card refund 'processing' long after this is resumed by the refunds job. */
    processingSince: timestamp('processing_since', { withTimezone: true }),
    /** Provider calls made for it: the first uses the key `refund:<id>:<payment>`, later ones add the attempt number. */
    providerAttempts: integer('provider_attempts').notNull().default(0),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedOn: date('completed_on'),
    completedBy: text('completed_by'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    index('refunds_org_status_due').on(t.organizationId, t.status, t.dueOn),
    index('refunds_registration').on(t.registrationId),
    index('refunds_series_enrollment').on(t.seriesEnrollmentId),
    // A series called off refunds each enrollment once (the decision is idempotent).
    uniqueIndex('refunds_series_cancelled').on(t.seriesEnrollmentId).where(sql`${t.reason} = 'series_cancelled'`),
    uniqueIndex('refunds_provider_refund').on(t.providerRefundId),
    check('refunds_amount_positive', sql`${t.amountMinor} > 0`),
  ],
);

export type CancellationChannel = 'online' | 'email' | 'letter' | 'phone' | 'organizer';
export type CancellationRule = 'before_deadline' | 'after_deadline' | 'no_deadline' | 'course_cancelled' | 'organizer_cancelled' | 'override';

export interface CancellationOutcome {
  rule: CancellationRule;
  paidMinor: number;
  feeMinor: number;
  retainedMinor: number;
  refundMinor: number;
}

/** A written cancellation of a registration: one per registration, with its received date and outcome. */
export const cancellations = pgTable(
  'cancellations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => registrations.id),
    channel: text('channel').$type<CancellationChannel>().notNull(),
    /** The local date (course time zone) the written request was received: decides the deadline rule. */
    receivedOn: date('received_on').notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }).notNull(),
    outcome: jsonb('outcome').$type<CancellationOutcome>().notNull(),
    overrideReason: text('override_reason'),
    /** Why the organizer cancelled (the course, or this one registration); told to the registrant. */
    organizerReason: text('organizer_reason'),
    recordedBy: text('recorded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('cancellations_registration').on(t.registrationId)],
);

/**
 * The ledger. Rows are never updated or deleted (a trigger refuses it); a mistake is corrected
 * by a new `adjustment` with a reason. Exactly one account column is set.
 */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Total order of postings, for statements. */
    sequence: bigserial('sequence', { mode: 'number' }).notNull(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    registrationId: uuid('registration_id').references(() => registrations.id),
    donationId: uuid('donation_id').references(() => donations.id),
    seriesEnrollmentId: uuid('series_enrollment_id').references(() => seriesEnrollments.id),
    membershipTermId: uuid('membership_term_id').references(() => membershipTerms.id),
    kind: text('kind').$type<LedgerKind>().notNull(),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    /** Why: required for adjustments, a short description otherwise. */
    reason: text('reason').notNull().default(''),
    paymentId: uuid('payment_id').references(() => payments.id),
    refundId: uuid('refund_id').references(() => refunds.id),
    cancellationId: uuid('cancellation_id').references(() => cancellations.id),
    aidApplicationId: uuid('aid_application_id'),
    /** The local date the entry counts for (a payment's received date, a refund's completion). */
    effectiveOn: date('effective_on').notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('ledger_registration').on(t.registrationId, t.sequence),
    index('ledger_donation').on(t.donationId, t.sequence),
    index('ledger_series_enrollment').on(t.seriesEnrollmentId, t.sequence),
    index('ledger_membership_term').on(t.membershipTermId, t.sequence),
    index('ledger_org_kind').on(t.organizationId, t.kind, t.effectiveOn),
    // Every payment has exactly one entry per account it pays, every refund exactly one.
    uniqueIndex('ledger_payment_registration').on(t.paymentId, t.registrationId).where(sql`${t.kind} = 'payment' and ${t.registrationId} is not null`),
    uniqueIndex('ledger_payment_donation').on(t.paymentId, t.donationId).where(sql`${t.kind} = 'payment' and ${t.donationId} is not null`),
    uniqueIndex('ledger_payment_series_enrollment').on(t.paymentId, t.seriesEnrollmentId).where(sql`${t.kind} = 'payment' and ${t.seriesEnrollmentId} is not null`),
    uniqueIndex('ledger_payment_membership_term').on(t.paymentId, t.membershipTermId).where(sql`${t.kind} = 'payment' and ${t.membershipTermId} is not null`),
    uniqueIndex('ledger_refund').on(t.refundId).where(sql`${t.kind} = 'refund'`),
    uniqueIndex('ledger_refund_reversal').on(t.refundId).where(sql`${t.kind} = 'refund_reversal'`),
    uniqueIndex('ledger_aid_award').on(t.aidApplicationId).where(sql`${t.kind} = 'aid_award'`),
    check('ledger_one_account', sql`num_nonnulls(${t.registrationId}, ${t.donationId}, ${t.seriesEnrollmentId}, ${t.membershipTermId}) = 1`),
    check(
      'ledger_sign',
      sql`(${t.kind} = 'charge' and ${t.amountMinor} > 0) or (${t.kind} in ('discount','aid_award','payment','refund_reversal') and ${t.amountMinor} < 0)
        or (${t.kind} in ('refund') and ${t.amountMinor} > 0) or (${t.kind} = 'fee_retained' and ${t.amountMinor} > 0)
        or (${t.kind} = 'adjustment' and ${t.amountMinor} <> 0 and length(${t.reason}) > 0)`,
    ),
    check('ledger_payment_link', sql`(${t.kind} = 'payment') = (${t.paymentId} is not null)`),
    check('ledger_refund_link', sql`(${t.kind} in ('refund','refund_reversal')) = (${t.refundId} is not null)`),
  ],
);

/** Payment-provider webhook events, applied once each (the event id is the key). */
export const providerEvents = pgTable('provider_events', {
  id: text('id').primaryKey(),
  provider: text('provider').notNull().default('stripe'),
  type: text('type').notNull(),
  organizationId: uuid('organization_id'),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  /** What applying it did: 'applied', 'ignored', 'duplicate-object', … (no personal data). */
  outcome: text('outcome').notNull(),
});
