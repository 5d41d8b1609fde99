// Money test helpers written again and again: an organization with a course and a way to apply
// to it, a registration paid by check or card under the money locks (as the billing screens and
// the webhook do), a PaymentIntent that succeeded on the fake Stripe server, and the Stripe
// settings pointing at it.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.server.ts';
import { outboxMessages } from '../../db/schema/email.ts';
import { ledgerEntries, refunds, type PaymentMethod } from '../../db/schema/money.ts';
import { systemActor } from '../../domain/audit/record-audit.server.ts';
import { applyPayment } from '../../domain/money/apply-payment.server.ts';
import { lockRegistrationsForMoney } from '../../domain/money/money-locks.server.ts';
import { withScarceLocks } from '../../domain/transaction.server.ts';
import { placeRegistration, type Registration } from '../../domain/registration/place-registration.server.ts';
import { cancelRegistration } from '../../domain/refunds/cancel-registration.server.ts';
import { createStripe } from '../../lib/stripe.server.ts';
import type { FakeStripe } from './fake-stripe.ts';
import { application, createCourse, createOrganization, DURING_REGISTRATION, type CourseOverrides } from './fixtures.ts';

/** The Stripe settings that point the app at a fake Stripe server. */
export const stripeSettings = (fake: FakeStripe) => ({ secretKey: fake.secretKey, webhookSecret: fake.webhookSecret, apiUrl: fake.url });

// Spokane (the seed course's zone): the cancellation deadline is March 12, 2025 (local); DST began March 9.
/** 13:00 PDT on the cancellation deadline day. */
export const BEFORE_CANCELLATION_DEADLINE = new Date('2025-03-12T20:00:00Z');
/** 23:59:59 PDT on the cancellation deadline day. */
export const LAST_SECOND_OF_CANCELLATION_DEADLINE = new Date('2025-03-13T06:59:59Z');
/** 00:00 PDT March 13, the day after the cancellation deadline. */
export const DAY_AFTER_CANCELLATION_DEADLINE = new Date('2025-03-13T07:00:00Z');

/** An organization with a course (shaped like the seed's intensive unless overridden) and `apply`, placing a registration on it. */
export async function setupCourse(db: Db, overrides: CourseOverrides = {}, context: { publicUrl: string; now?: Date }) {
  const org = await createOrganization(db);
  const course = await createCourse(db, org.id, overrides);
  const apply = async (extra: Record<string, unknown> = {}) =>
    (await placeRegistration(db, application(org.id, course.id, extra), systemActor, { publicUrl: context.publicUrl, now: context.now ?? DURING_REGISTRATION })).registration;
  return { org, course, apply };
}

export interface PayOptions {
  method?: PaymentMethod;
  providerPaymentId?: string | null;
  receivedOn?: string;
  /** Left out of the payment when undefined. */
  reference?: string;
  now?: Date;
}

/** Pays `amountMinor` on one registration through lockRegistrationsForMoney + applyPayment inside withScarceLocks. */
export function payRegistration(db: Db, registration: Pick<Registration, 'id' | 'organizationId'>, amountMinor: number, options: PayOptions = {}) {
  const { method = 'check', providerPaymentId, receivedOn = '2025-02-02', reference, now = DURING_REGISTRATION } = options;
  return withScarceLocks(db, async (tx) => {
    await lockRegistrationsForMoney(tx, registration.organizationId, [registration.id]);
    return applyPayment(
      tx,
      {
        organizationId: registration.organizationId,
        method,
        amountMinor,
        currency: 'USD',
        receivedOn,
        ...(reference === undefined ? {} : { reference }),
        ...(providerPaymentId === undefined ? {} : { providerPaymentId }),
      },
      [{ registrationId: registration.id, amountMinor }],
      systemActor,
      now,
    );
  });
}

/** A succeeded PaymentIntent on the fake Stripe server for `amountMinor`. */
export async function cardIntent(fake: FakeStripe, amountMinor: number, publicUrl: string): Promise<string> {
  const session = await createStripe(stripeSettings(fake)).checkout.sessions.create({
    mode: 'payment',
    success_url: `${publicUrl}/done`,
    line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: amountMinor, product_data: { name: 'Registration' } } }],
  });
  return fake.completeSession(session.id).data.object.payment_intent as string;
}

/**
 * The helpers bound to one file's database (and fake Stripe server, when it has one):
 * `setup()`, `pay(registration, amountMinor, method?, providerPaymentId?)` (check 101, received
 * 2025-02-02), `payByCard(registration, amountMinor)`, `cancelled()` (a registration paid and
 * cancelled online before the deadline) and queries of a registration's refunds, refund ledger
 * entries and mail.
 */
export function moneyFixtures(testDb: { readonly db: Db }, context: { publicUrl: string; fake?: () => FakeStripe }) {
  const { publicUrl } = context;
  const fake = () => {
    if (!context.fake) throw new Error('moneyFixtures: no fake Stripe server given');
    return context.fake();
  };
  const setup = (overrides: CourseOverrides = {}) => setupCourse(testDb.db, overrides, { publicUrl });
  const pay = (registration: Registration, amountMinor: number, method: 'check' | 'card' = 'check', providerPaymentId: string | null = null) =>
    payRegistration(testDb.db, registration, amountMinor, { method, providerPaymentId, reference: method === 'check' ? 'check 101' : '' });
  const payByCard = async (registration: Registration, amountMinor: number) => pay(registration, amountMinor, 'card', await cardIntent(fake(), amountMinor, publicUrl));
  const cancelled = async (paidMinor = 90000, method: 'check' | 'card' = 'check') => {
    const { org, course, apply } = await setup();
    const reg = await apply();
    if (method === 'card') await payByCard(reg, paidMinor);
    else await pay(reg, paidMinor);
    const result = await cancelRegistration(
      testDb.db,
      { organizationId: org.id, registrationId: reg.id, channel: 'online', userId: reg.userId },
      { userId: null, requestId: 'test' },
      { publicUrl, now: BEFORE_CANCELLATION_DEADLINE },
    );
    return { org, course, reg, result };
  };
  const refundsOf = (registrationId: string) => testDb.db.select().from(refunds).where(eq(refunds.registrationId, registrationId));
  const refundEntries = (registrationId: string) =>
    testDb.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.registrationId, registrationId), eq(ledgerEntries.kind, 'refund')));
  const mailTo = (email: string) => testDb.db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, email));
  return { setup, pay, payByCard, cardIntent: (amountMinor: number) => cardIntent(fake(), amountMinor, publicUrl), cancelled, refundsOf, refundEntries, mailTo };
}
