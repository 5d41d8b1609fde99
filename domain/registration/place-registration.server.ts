// placeRegistration: an application, from the form or the API. The whole decision (place or
// waitlist, early or regular, discount-code use) happens under the course lock.
import { findMemberStanding } from '#domain/membership/standing.server.ts';
import { orgToday } from '#domain/membership/membership-terms.server.ts';
import crypto from 'node:crypto';
import { chargeRegistration } from '#domain/money/charges.server.ts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { users } from '#db/schema/accounts.ts';
import { coursePriceCategories, coursePrices, type courses } from '#db/schema/courses.ts';
import { ACTIVE, registrations, type ApplicationAnswers, type PolicySnapshot } from '#db/schema/registration.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { priceTable } from '#domain/courses/get-course.server.ts';
import { DomainError } from '#domain/errors.ts';
import { racePoint } from '#db/test-hooks.server.ts';
import { countPlaces } from './availability.server.ts';
import { lockCourse } from '#domain/courses/lock-course.server.ts';
import { lockDiscountCode } from '#domain/registration/lock-discount-code.server.ts';
import { withScarceLocks, type Tx } from '#domain/transaction.server.ts';
import { queueRegistrationEmail, type NotifyContext } from './notify.server.ts';
import { checkDiscountCode, earlyRateAvailable, localToday, normalizeCode, quote, registrationWindow } from './rules.ts';
import { validateAnswers } from './validate-answers.ts';
import { takeThrottle } from '#domain/accounts/throttle.server.ts';
import { confirmationDeadline, issueConfirmation, notifyAlreadyApplied } from './confirmation.server.ts';

/** Emails one address can be sent an hour because others applied with it (ADR 0047). */
const NOTICES_PER_ADDRESS = { max: 3, windowMinutes: 60 };

export interface ApplicationInput {
  organizationId: string;
  courseId: string;
  /** One per form rendering (or API idempotency key): repeats return the same registration. */
  submissionKey: string;
  name: string;
  email: string;
  categoryKey: string;
  discountCode?: string;
  complimentaryMembershipRequested: boolean;
  answers: ApplicationAnswers;
  /** The tier the applicant was shown; if it is no longer the one they would get, nothing is saved. */
  expectedTier?: 'early' | 'regular';
}

import type { Registration } from './statuses.ts';

export type { Registration };

export interface PlacedRegistration {
  registration: Registration;
  /** False when this was a repeat of an earlier submission, or the address had already applied. */
  created: boolean;
  /**
   * `placed`: a new registration; `repeat`: the same submission again (same key);
   * `already_applied`: someone not signed in applied for an address with a live application —
   * nothing was placed, the address's owner was told by email (ADR 0047). `registration` is
   * then the existing one: never show it to the caller.
   */
  outcome: 'placed' | 'repeat' | 'already_applied';
  /** True when the applicant had no account and one was created for them. */
  newAccount: boolean;
  /**
   * The address must still be confirmed through the emailed link (anyone not signed in, or
   * signed in with an unverified email): answer only "check your email" to an anonymous caller.
   */
  needsConfirmation: boolean;
  emailIds: string[];
}

const POLICY_SECTIONS = ['registration_fees', 'cancellation_policy', 'acceptance', 'participation', 'financial_aid'];

function snapshot(course: typeof courses.$inferSelect, cells: (typeof coursePrices.$inferSelect)[], categoryLabel: string, tier: 'early' | 'regular'): PolicySnapshot {
  return {
    courseTitle: course.title,
    currency: course.currency,
    categoryLabel,
    tier,
    prices: priceTable(cells),
    earlyPlaceLimit: course.earlyPlaceLimit,
    earlyRateUntil: course.earlyRateUntil,
    registrationDeadline: course.registrationDeadline,
    cancellationDeadline: course.cancellationDeadline,
    cancellationFeeMinor: course.cancellationFeeMinor,
    refundWithinDays: course.refundWithinDays,
    timeZone: course.timeZone,
    paymentTiming: course.paymentTiming,
    attestations: course.attestations,
    policies: course.sections.filter((s) => POLICY_SECTIONS.includes(s.key)),
  };
}

interface Applicant {
  /** Undefined until created: applying without an account creates one (unverified, no password). */
  id: string | undefined;
  email: string;
  name: string;
  /** The signed-in account holder applies for themselves. */
  signedIn: boolean;
  emailVerified: boolean;
}

async function findApplicant(tx: Tx, actor: Actor, name: string, email: string): Promise<Applicant> {
  if (actor.userId) {
    const [user] = await tx.select().from(users).where(eq(users.id, actor.userId));
    if (user) return { id: user.id, email: user.email, name: user.name, signedIn: true, emailVerified: user.emailVerified };
  }
  const normalized = email.trim().toLowerCase();
  const [existing] = await tx.select().from(users).where(eq(sql`lower(${users.email})`, normalized));
  // An anonymous application for an existing account's address is that account's, but holds
  // its place only if the mailbox's owner confirms it.
  if (existing) return { id: existing.id, email: existing.email, name: existing.name, signedIn: false, emailVerified: existing.emailVerified };
  return { id: undefined, email: normalized, name, signedIn: false, emailVerified: false };
}

export async function placeRegistration(db: Db, input: ApplicationInput, actor: Actor, context: NotifyContext & { now?: Date }): Promise<PlacedRegistration> {
  return withScarceLocks(db, async (tx) => {
    // 1. Lock the scarce resource holder first: the course row.
    const course = await lockCourse(tx, input.organizationId, input.courseId);

    // A repeated submission (double click, refresh, retry) returns what the first one made.
    const [repeat] = await tx
      .select()
      .from(registrations)
      .where(and(eq(registrations.courseId, course.id), eq(registrations.submissionKey, input.submissionKey)));
    if (repeat) return { registration: repeat, created: false, outcome: 'repeat', newAccount: false, needsConfirmation: repeat.addressConfirmedAt === null, emailIds: [] };

    if (course.status !== 'published') throw new DomainError('COURSE_NOT_OPEN');
    const today = localToday(course.timeZone, context.now);
    const window = registrationWindow(course, today);
    if (window === 'not_open') throw new DomainError('REGISTRATION_NOT_OPEN');
    if (window === 'closed') throw new DomainError('REGISTRATION_CLOSED');

    const [category] = await tx
      .select()
      .from(coursePriceCategories)
      .where(and(eq(coursePriceCategories.courseId, course.id), eq(coursePriceCategories.key, input.categoryKey)));
    if (!category) throw new DomainError('UNKNOWN_CATEGORY', input.categoryKey, { categoryKey: 'UNKNOWN_CATEGORY' });
    const fieldProblems = validateAnswers(course, category, input.answers);
    if (Object.keys(fieldProblems).length > 0) throw new DomainError('INVALID_APPLICATION', undefined, fieldProblems);

    const applicant = await findApplicant(tx, actor, input.name, input.email);
    const [active] = applicant.id
      ? await tx
          .select()
          .from(registrations)
          .where(and(eq(registrations.courseId, course.id), eq(registrations.userId, applicant.id), inArray(registrations.status, [...ACTIVE])))
      : [];
    // The signed-in owner hears it plainly; anyone else gets the answer a new application gets
    // (below, after the same checks, so no refusal tells the two apart) and the owner an email.
    if (active && applicant.signedIn) throw new DomainError('ALREADY_APPLIED', active.id);

    // 2. Then the discount code's row.
    let code: Awaited<ReturnType<typeof lockDiscountCode>>;
    if (input.discountCode?.trim()) {
      code = await lockDiscountCode(tx, course.id, normalizeCode(input.discountCode));
      if (!code) throw new DomainError('DISCOUNT_CODE_UNKNOWN', undefined, { discountCode: 'DISCOUNT_CODE_UNKNOWN' });
      const [uses] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(registrations)
        .where(and(eq(registrations.discountCodeId, code.id), inArray(registrations.status, [...ACTIVE])));
      const problem = checkDiscountCode(code, uses?.n ?? 0, category.key, today);
      if (problem) throw new DomainError(problem, undefined, { discountCode: problem });
    }

    // 3. Count, then decide.
    const counts = await countPlaces(tx, course.id);
    await racePoint('registration.counted');
    const placeFree = counts.taken < course.capacity;
    const early = placeFree && earlyRateAvailable(course, counts.earlyTaken, today);
    const cells = await tx.select().from(coursePrices).where(eq(coursePrices.courseId, course.id));
    // The waitlist is quoted at the regular rate; an offer re-quotes when a place frees.
    const price = quote(cells, category.key, early ? 'early' : 'regular', code ? { kind: code.kind, amount: code.amount } : undefined);
    if (!price) throw new DomainError('PRICE_NOT_SET', category.key, { categoryKey: 'PRICE_NOT_SET' });
    if (placeFree && input.expectedTier && input.expectedTier !== price.tier) throw new DomainError('PRICE_CHANGED', `${input.expectedTier} → ${price.tier}`);
    const now = context.now ?? new Date();
    if (active) {
      const emailIds = (await takeThrottle(tx, [{ scope: 'apply-notice:email', key: applicant.email, ...NOTICES_PER_ADDRESS }])).allowed
        ? [await notifyAlreadyApplied(tx, active, course, context)]
        : [];
      return { registration: active, created: false, outcome: 'already_applied', newAccount: false, needsConfirmation: true, emailIds };
    }
    let newAccount = false;
    if (!applicant.id) {
      applicant.id = crypto.randomUUID();
      await tx.insert(users).values({ id: applicant.id, name: input.name.trim() || applicant.name, email: applicant.email, emailVerified: false });
      newAccount = true;
    }
    const userId = applicant.id;
    const membershipCheck = category.requiresMembership ? await membershipStatus(tx, course.organizationId, { id: userId, email: applicant.email }, await orgToday(tx, course.organizationId, context.now)) : 'not_needed';
    // Only a signed-in applicant with a verified email is confirmed at once (ADR 0047).
    const confirmedNow = applicant.signedIn && applicant.emailVerified;

    // 4. Write.
    const [registration] = await tx
      .insert(registrations)
      .values({
        organizationId: course.organizationId,
        courseId: course.id,
        userId,
        submissionKey: input.submissionKey,
        status: placeFree ? (course.requiresApproval ? 'submitted' : 'accepted') : 'waitlisted',
        name: input.name.trim() || applicant.name,
        email: applicant.email,
        categoryKey: category.key,
        tier: price.tier,
        holdsEarlyPlace: price.tier === 'early',
        baseAmountMinor: price.baseAmountMinor,
        discountMinor: price.discountMinor,
        amountMinor: price.amountMinor,
        currency: course.currency,
        discountCodeId: code?.id ?? null,
        membershipCheck,
        complimentaryMembershipRequested: !category.requiresMembership && input.complimentaryMembershipRequested,
        answers: input.answers,
        policy: snapshot(course, cells, category.label, price.tier),
        submittedAt: now,
        waitlistedAt: placeFree ? null : now,
        decidedAt: placeFree && !course.requiresApproval ? now : null,
        addressConfirmedAt: confirmedNow ? now : null,
        confirmBy: confirmedNow ? null : confirmationDeadline(now),
      })
      .returning();
    if (!registration) throw new Error('registration insert returned no row');
    if (placeFree) await chargeRegistration(tx, registration, actor, now);
    await recordAudit(tx, actor, {
      organizationId: course.organizationId,
      action: 'registration.submitted',
      entityType: 'registration',
      entityId: registration.id,
      after: {
        status: registration.status,
        tier: registration.tier,
        categoryKey: registration.categoryKey,
        amountMinor: registration.amountMinor,
        addressConfirmed: confirmedNow,
        confirmBy: registration.confirmBy?.toISOString(),
      },
    });
    const position = placeFree ? undefined : counts.waitlisted + 1;
    // Unconfirmed: the "Confirm your application" link (a credential; it also lets a new
    // account choose its password). Confirmed: the usual record of the application.
    const emailIds = [
      confirmedNow
        ? await queueRegistrationEmail(tx, placeFree ? (registration.status === 'accepted' ? 'accepted' : 'received') : 'waitlisted', registration, course, context, { position })
        : await issueConfirmation(tx, registration, course, context),
    ];
    return { registration, created: true, outcome: 'placed', newAccount, needsConfirmation: !confirmedNow, emailIds };
  });
}

/** Verified when the person is a member on the organization's today (active or in grace) of a type that grants member prices (ADR 0068). */
async function membershipStatus(tx: Tx, organizationId: string, applicant: { id: string; email: string }, today: string) {
  const standing = await findMemberStanding(tx, organizationId, { userId: applicant.id, email: applicant.email }, today, 'member_prices');
  return standing ? ('verified' as const) : ('to_verify' as const);
}
