// The line-kind registry: what a checkout can pay for. Each kind knows how to validate and
// price a line when the checkout is made (under the money locks), which ledger account a
// payment for it is posted to, and what to undo when the checkout expires unpaid.
//
// Today: registration (the person's own registration's current balance), donation (a gift
// to a fund, its own account), series_enrollment (ADR 0063) and membership_dues (ADR 0068: a
// pending membership term, its own account, priced by the membership's term rules).
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { donations, type CheckoutLineKind } from '#db/schema/money.ts';
import { PLACE_HOLDING } from '#db/schema/registration.ts';
import type { Actor } from '#domain/audit/record-audit.server.ts';
import { recordAudit } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import type { Allocation } from '#domain/money/apply-payment.server.ts';
import type { Registration } from '#domain/money/ledger-rows.ts';
import { postEntries } from '#domain/money/post-entries.server.ts';
import { registrationAccount, seriesEnrollmentAccount } from '#domain/money/read-account.server.ts';
import { lockSeriesEnrollmentsForMoney } from '#domain/money/money-locks.server.ts';
import { groupSeries } from '#db/schema/series.ts';
import { summarize } from '#domain/money/account.ts';
import { ledgerEntries } from '#db/schema/money.ts';
import { maxGiftMinor, minGiftMinor } from './gifts.ts';
import { openMembershipTerm, reinstateMembershipTerm, voidMembershipTerm } from '#domain/membership/membership-terms.server.ts';

export const DONATION_FUNDS = ['financial_aid', 'general'] as const;
export type DonationFund = (typeof DONATION_FUNDS)[number];

export type LineInput =
  | { kind: 'registration'; registrationId: string }
  | { kind: 'donation'; amountMinor: number; fund: DonationFund; note?: string }
  | { kind: 'series_enrollment'; seriesEnrollmentId: string }
  | { kind: 'membership_dues'; membershipTypeId: string };

export interface LineContext {
  organizationId: string;
  userId: string | null;
  payer: { name: string; email: string };
  /** The organization's currency: the default for lines that have none of their own. */
  currency: string;
  /** Registrations of the checkout, already locked (lockRegistrationsForMoney). */
  registrations: Map<string, Registration>;
  today: string;
  actor: Actor;
}

export interface PreparedLine {
  kind: CheckoutLineKind;
  registrationId: string | null;
  donationId: string | null;
  seriesEnrollmentId?: string | null;
  membershipTermId?: string | null;
  description: string;
  amountMinor: number;
  currency: string;
}

/** The account a stored line is posted to. */
export interface StoredLine {
  kind: string;
  registrationId: string | null;
  donationId: string | null;
  seriesEnrollmentId?: string | null;
  membershipTermId?: string | null;
  amountMinor: number;
}

export interface LineKind<I extends LineInput = LineInput> {
  /** Registration ids this line needs locked before anything is read (money lock order). */
  locks(input: I): string[];
  /** Validates and prices the line; may create the account it pays (a donation). */
  prepare(tx: DbOrTx, ctx: LineContext, input: I): Promise<PreparedLine>;
  account(line: StoredLine): Omit<Allocation, 'amountMinor'>;
  /** The checkout expired or was abandoned before payment: undo what `prepare` created. */
  void(tx: DbOrTx, line: StoredLine, ctx: { organizationId: string; currency: string; today: string; actor: Actor; reason: string }): Promise<void>;
  /** A payment arrived for a line `void` already undid: put the charge back first. */
  reinstate(tx: DbOrTx, line: StoredLine, ctx: { organizationId: string; currency: string; today: string; actor: Actor }): Promise<void>;
}

const registrationKind: LineKind<Extract<LineInput, { kind: 'registration' }>> = {
  locks: (input) => [input.registrationId],
  async prepare(tx, ctx, input) {
    const registration = ctx.registrations.get(input.registrationId);
    if (!registration || registration.organizationId !== ctx.organizationId) throw new DomainError('REGISTRATION_NOT_FOUND', input.registrationId);
    if (ctx.userId === null || registration.userId !== ctx.userId) throw new DomainError('NOT_YOUR_REGISTRATION');
    if (!PLACE_HOLDING.includes(registration.status)) throw new DomainError('REGISTRATION_HOLDS_NO_PLACE', registration.status);
    const account = await registrationAccount(tx, registration.id);
    if (account.balanceMinor <= 0) throw new DomainError('NOTHING_TO_PAY');
    return {
      kind: 'registration',
      registrationId: registration.id,
      donationId: null,
      description: `${registration.policy.courseTitle}: ${registration.policy.categoryLabel}`,
      amountMinor: account.balanceMinor,
      currency: registration.currency,
    };
  },
  account: (line) => ({ registrationId: line.registrationId! }),
  // A registration's charge belongs to the registration, not the checkout: nothing to undo.
  async void() {},
  async reinstate() {},
};

const FUND_LABEL: Record<DonationFund, string> = { financial_aid: 'Gift to the financial aid fund', general: 'Gift to the society' };

async function donationBalance(tx: DbOrTx, donationId: string): Promise<number> {
  return summarize(await tx.select().from(ledgerEntries).where(eq(ledgerEntries.donationId, donationId))).balanceMinor;
}

const donationKind: LineKind<Extract<LineInput, { kind: 'donation' }>> = {
  locks: () => [],
  async prepare(tx, ctx, input) {
    if (!DONATION_FUNDS.includes(input.fund)) throw new DomainError('DONATION_FUND_UNKNOWN', String(input.fund), { donation: 'DONATION_FUND_UNKNOWN' });
    if (!Number.isInteger(input.amountMinor) || input.amountMinor < minGiftMinor(ctx.currency)) {
      throw new DomainError('DONATION_TOO_SMALL', undefined, { donation: 'DONATION_TOO_SMALL' });
    }
    if (input.amountMinor > maxGiftMinor(ctx.currency)) throw new DomainError('DONATION_TOO_LARGE', undefined, { donation: 'DONATION_TOO_LARGE' });
    const [donation] = await tx
      .insert(donations)
      .values({ organizationId: ctx.organizationId, userId: ctx.userId, name: ctx.payer.name, email: ctx.payer.email, fund: input.fund, amountMinor: input.amountMinor, currency: ctx.currency })
      .returning();
    const description = FUND_LABEL[input.fund];
    await postEntries(tx, [
      { organizationId: ctx.organizationId, donationId: donation!.id, kind: 'charge', amountMinor: input.amountMinor, currency: ctx.currency, reason: description, effectiveOn: ctx.today, createdBy: ctx.actor.userId },
    ]);
    await recordAudit(tx, ctx.actor, {
      organizationId: ctx.organizationId,
      action: 'donation.pledged',
      entityType: 'donation',
      entityId: donation!.id,
      after: { fund: input.fund, amountMinor: input.amountMinor, currency: ctx.currency },
    });
    return { kind: 'donation', registrationId: null, donationId: donation!.id, description, amountMinor: input.amountMinor, currency: ctx.currency };
  },
  account: (line) => ({ donationId: line.donationId! }),
  async void(tx, line, ctx) {
    const balance = await donationBalance(tx, line.donationId!);
    if (balance <= 0) return;
    await postEntries(tx, [
      { organizationId: ctx.organizationId, donationId: line.donationId!, kind: 'adjustment', amountMinor: -balance, currency: ctx.currency, reason: ctx.reason, effectiveOn: ctx.today, createdBy: ctx.actor.userId },
    ]);
  },
  async reinstate(tx, line, ctx) {
    const balance = await donationBalance(tx, line.donationId!);
    const missing = line.amountMinor - balance;
    if (missing <= 0) return;
    await postEntries(tx, [
      {
        organizationId: ctx.organizationId,
        donationId: line.donationId!,
        kind: 'adjustment',
        amountMinor: missing,
        currency: ctx.currency,
        reason: 'gift paid after its checkout expired',
        effectiveOn: ctx.today,
        createdBy: ctx.actor.userId,
      },
    ]);
  },
};

/**
 * A place in a group's series (ADR 0063): the enrollment's balance on its own ledger account,
 * charged when the place was taken. Locked here (series row, then enrollment row), after the
 * registrations' locks. Like a registration's, the charge belongs to the enrollment.
 */
const seriesEnrollmentKind: LineKind<Extract<LineInput, { kind: 'series_enrollment' }>> = {
  locks: () => [],
  async prepare(tx, ctx, input) {
    const [enrollment] = await lockSeriesEnrollmentsForMoney(tx, ctx.organizationId, [input.seriesEnrollmentId]);
    if (!enrollment) throw new DomainError('SERIES_ENROLLMENT_NOT_FOUND', input.seriesEnrollmentId);
    if (ctx.userId === null || enrollment.userId !== ctx.userId) throw new DomainError('NOT_YOUR_REGISTRATION');
    if (enrollment.status !== 'enrolled') throw new DomainError('REGISTRATION_HOLDS_NO_PLACE', enrollment.status);
    const [series] = await tx.select({ title: groupSeries.title, currency: groupSeries.currency }).from(groupSeries).where(eq(groupSeries.id, enrollment.seriesId));
    const account = await seriesEnrollmentAccount(tx, enrollment.id);
    if (account.balanceMinor <= 0) throw new DomainError('NOTHING_TO_PAY');
    return { kind: 'series_enrollment', registrationId: null, donationId: null, seriesEnrollmentId: enrollment.id, description: series!.title, amountMinor: account.balanceMinor, currency: series!.currency };
  },
  account: (line) => ({ seriesEnrollmentId: line.seriesEnrollmentId! }),
  async void() {},
  async reinstate() {},
};

/**
 * Membership dues (ADR 0068): a pending term of the chosen type for the signed-in payer, its
 * dues charged on the term's own account. Paid in full, the term becomes active (applyPayment);
 * closed unpaid, it is void.
 */
const membershipDuesKind: LineKind<Extract<LineInput, { kind: 'membership_dues' }>> = {
  locks: () => [],
  async prepare(tx, ctx, input) {
    if (ctx.userId === null) throw new DomainError('MEMBERSHIP_SIGN_IN');
    const { term, description } = await openMembershipTerm(
      tx,
      { organizationId: ctx.organizationId, userId: ctx.userId, name: ctx.payer.name, email: ctx.payer.email, typeId: input.membershipTypeId, currency: ctx.currency, today: ctx.today },
      ctx.actor,
    );
    return { kind: 'membership_dues', registrationId: null, donationId: null, membershipTermId: term.id, description, amountMinor: term.duesMinor, currency: term.currency };
  },
  account: (line) => ({ membershipTermId: line.membershipTermId! }),
  async void(tx, line, ctx) {
    await voidMembershipTerm(tx, line.membershipTermId!, ctx);
  },
  async reinstate(tx, line, ctx) {
    await reinstateMembershipTerm(tx, line.membershipTermId!, line.amountMinor, ctx);
  },
};

/** The registry. A kind missing here is refused with LINE_KIND_UNSUPPORTED. */
export const LINE_KINDS: Partial<Record<CheckoutLineKind, LineKind<any>>> = {
  registration: registrationKind,
  donation: donationKind,
  series_enrollment: seriesEnrollmentKind,
  membership_dues: membershipDuesKind,
};

export function lineKind(kind: string): LineKind<any> {
  const handler = LINE_KINDS[kind as CheckoutLineKind];
  if (!handler) throw new DomainError('LINE_KIND_UNSUPPORTED', kind);
  return handler;
}
