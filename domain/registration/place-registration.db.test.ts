import { and, eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { discountCodes, memberships, registrations } from '#db/schema/registration.ts';
import { outboxMessages } from '#db/schema/email.ts';
import { users } from '#db/schema/accounts.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { application, createCourse, createOrganization, DURING_REGISTRATION, validAnswers } from '../../tests/helpers/fixtures.ts';
import { getAvailability } from './availability.server.ts';
import { decideApplication } from './decide-application.server.ts';
import { expireOffers } from './lapse-holds.server.ts';
import { respondAsApplicant } from './respond-as-applicant.server.ts';
import { changeCategory } from './change-category.server.ts';
import { issueDiscountCode } from './discount-codes.server.ts';
import { registrationAccount } from '#domain/money/read-account.server.ts';
import { placeRegistration } from './place-registration.server.ts';
import { verifyMembership } from './verify-membership.server.ts';

const testDb = useTestDatabase();
const context = { publicUrl: 'http://localhost:3000', now: DURING_REGISTRATION };

async function setup(overrides: Parameters<typeof createCourse>[2] = {}) {
  const org = await createOrganization(testDb.db);
  const course = await createCourse(testDb.db, org.id, overrides);
  const apply = (extra: Record<string, unknown> = {}) => placeRegistration(testDb.db, application(org.id, course.id, extra), systemActor, context);
  return { org, course, apply };
}

describe('placeRegistration: early places and capacity', () => {
  test('the 30th applicant gets the early rate, the 31st the regular rate, the 61st the waitlist', async () => {
    const { org, course, apply } = await setup({ capacity: 60, earlyPlaceLimit: 30 });
    const placed = [];
    for (let i = 0; i < 61; i++) placed.push((await apply()).registration);
    expect(placed[29]).toMatchObject({ tier: 'early', amountMinor: 90000, status: 'submitted', holdsEarlyPlace: true });
    expect(placed[30]).toMatchObject({ tier: 'regular', amountMinor: 97500, status: 'submitted', holdsEarlyPlace: false });
    expect(placed[59]).toMatchObject({ status: 'submitted' });
    expect(placed[60]).toMatchObject({ status: 'waitlisted', tier: 'regular', holdsEarlyPlace: false });
    const availability = await getAvailability(testDb.db, org.id, course.id, DURING_REGISTRATION);
    expect(availability).toMatchObject({ taken: 60, earlyTaken: 30, placesLeft: 0, earlyPlacesLeft: 0, waitlisted: 1 });
  });

  test('a declined early registration frees its early place for the next applicant, not retroactively', async () => {
    const { org, apply } = await setup({ capacity: 10, earlyPlaceLimit: 2 });
    const first = (await apply()).registration;
    await apply();
    const third = (await apply()).registration;
    expect(third.tier).toBe('regular');
    await decideApplication(testDb.db, { organizationId: org.id, registrationId: first.id, decision: 'decline' }, systemActor, context);
    const fourth = (await apply()).registration;
    expect(fourth).toMatchObject({ tier: 'early', amountMinor: 90000 });
    const [thirdAfter] = await testDb.db.select().from(registrations).where(eq(registrations.id, third.id));
    expect(thirdAfter).toMatchObject({ tier: 'regular', amountMinor: 97500 }); // never retroactively
  });

  test('the price and policies are snapshotted: later edits do not change them', async () => {
    const { apply } = await setup();
    const { registration } = await apply();
    expect(registration.policy).toMatchObject({ tier: 'early', categoryLabel: 'Single Registration', cancellationFeeMinor: 10000, cancellationDeadline: '2025-03-12' });
    expect(registration.policy.prices).toHaveLength(4);
  });

  test('the deadline day is open until midnight in the course time zone, the next day is closed', async () => {
    const { apply } = await setup({ registrationDeadline: '2025-03-12' });
    const lastMinute = new Date('2025-03-13T06:59:00Z'); // 23:59 March 12 in Spokane
    const { registration } = await apply();
    const atLastMinute = await placeRegistration(testDb.db, application(registration.organizationId, registration.courseId, { name: 'Last Minute' }), systemActor, { ...context, now: lastMinute });
    // Taken, as a new application with its place, not refused or turned into a repeat.
    expect(atLastMinute).toMatchObject({ created: true, registration: { name: 'Last Minute', courseId: registration.courseId } });
    expect(atLastMinute.registration.status).not.toBe('waitlisted');
    const tooLate = new Date('2025-03-13T07:00:00Z');
    await expect(placeRegistration(testDb.db, application(registration.organizationId, registration.courseId), systemActor, { ...context, now: tooLate })).rejects.toMatchObject({ code: 'REGISTRATION_CLOSED' });
  });
});

describe('placeRegistration: one person, one registration', () => {
  test('a repeated submission (same key) returns the first registration and writes nothing', async () => {
    const { org, course } = await setup();
    const input = application(org.id, course.id);
    const first = await placeRegistration(testDb.db, input, systemActor, context);
    const again = await placeRegistration(testDb.db, input, systemActor, context);
    expect(again).toMatchObject({ created: false, emailIds: [] });
    expect(again.registration.id).toBe(first.registration.id);
    expect(await testDb.db.select().from(registrations).where(eq(registrations.courseId, course.id))).toHaveLength(1);
  });

  test('concurrent repeats of one submission create one registration', async () => {
    const { org, course } = await setup();
    const input = application(org.id, course.id);
    const results = await Promise.all(Array.from({ length: 8 }, () => placeRegistration(testDb.db, input, systemActor, context)));
    expect(new Set(results.map((r) => r.registration.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });

  test('a second application by the same email places nothing while the first is live (the owner is emailed: confirmation.db.test.ts)', async () => {
    const { org, course } = await setup();
    const first = await placeRegistration(testDb.db, application(org.id, course.id, { email: 'Same@Example.org' }), systemActor, context);
    const second = await placeRegistration(testDb.db, application(org.id, course.id, { email: 'same@example.org' }), systemActor, context);
    expect(second).toMatchObject({ outcome: 'already_applied', created: false });
    expect(second.registration.id).toBe(first.registration.id);
    expect(await testDb.db.select().from(registrations).where(eq(registrations.courseId, course.id))).toHaveLength(1);
  });

  test('applying without an account creates one (unverified) and emails the applicant a link to confirm', async () => {
    const { org, course } = await setup();
    const { registration, newAccount, emailIds } = await placeRegistration(testDb.db, application(org.id, course.id, { email: 'newbie@example.org', name: 'New Bie' }), systemActor, context);
    expect(newAccount).toBe(true);
    const [user] = await testDb.db.select().from(users).where(eq(users.id, registration.userId));
    expect(user).toMatchObject({ email: 'newbie@example.org', emailVerified: false });
    const [mail] = await testDb.db.select().from(outboxMessages).where(eq(outboxMessages.id, emailIds[0]!));
    expect(mail).toMatchObject({ toAddress: 'newbie@example.org', kind: 'registration.confirm', credential: true });
    expect(mail?.text).toContain('$900');
  });
});

describe('placeRegistration: rules of the form', () => {
  test('missing commitments, attestations and required questions are reported per field; nothing is saved', async () => {
    const { org, course } = await setup();
    const answers = validAnswers({ commitsToAttendAll: false, attestations: {}, custom: {} });
    const attempt = placeRegistration(testDb.db, application(org.id, course.id, { answers }), systemActor, context);
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    const error = (await attempt.catch((e: unknown) => e)) as DomainError;
    expect(error.fields).toEqual({ commitsToAttendAll: 'MUST_AGREE', a_covid_vaccination: 'MUST_AGREE', q_intensives_before: 'REQUIRED' });
    expect(await testDb.db.select().from(registrations).where(eq(registrations.courseId, course.id))).toHaveLength(0);
  });

  test('a trainee category needs the training program and the attestation', async () => {
    const { org, course } = await setup();
    await expect(placeRegistration(testDb.db, application(org.id, course.id, { categoryKey: 'trainee' }), systemActor, context)).rejects.toMatchObject({
      code: 'INVALID_APPLICATION',
      fields: { trainingProgram: 'REQUIRED', traineeAttested: 'MUST_AGREE' },
    });
    const ok = await placeRegistration(
      testDb.db,
      application(org.id, course.id, { categoryKey: 'trainee', answers: validAnswers({ trainingProgram: 'Spokane FM Residency', traineeAttested: true }) }),
      systemActor,
      context,
    );
    expect(ok.registration).toMatchObject({ amountMinor: 64000, tier: 'early' });
  });

  test('member categories are verified against memberships, or marked to verify', async () => {
    const { org, course } = await setup();
    await testDb.db.insert(memberships).values({ organizationId: org.id, email: 'member@example.org', validFrom: '2025-01-01', validTo: '2025-12-31' });
    const member = await placeRegistration(testDb.db, application(org.id, course.id, { categoryKey: 'member', email: 'member@example.org' }), systemActor, context);
    expect(member.registration).toMatchObject({ membershipCheck: 'verified', amountMinor: 80000 });
    const unknown = await placeRegistration(testDb.db, application(org.id, course.id, { categoryKey: 'member' }), systemActor, context);
    expect(unknown.registration.membershipCheck).toBe('to_verify');
  });
});

describe('discount codes', () => {
  test("a code's last use cannot be taken twice, even concurrently", async () => {
    const { org, course } = await setup();
    await testDb.db.insert(discountCodes).values({ organizationId: org.id, courseId: course.id, code: 'IBF2025', kind: 'percent', amount: 10, maxUses: 1 });
    const attempts = await Promise.allSettled(
      Array.from({ length: 6 }, () => placeRegistration(testDb.db, application(org.id, course.id, { discountCode: ' ibf2025 ' }), systemActor, context)),
    );
    const ok = attempts.filter((a) => a.status === 'fulfilled');
    expect(ok).toHaveLength(1);
    expect((ok[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof placeRegistration>>>).value.registration).toMatchObject({ discountMinor: 9000, amountMinor: 81000 });
    for (const a of attempts.filter((x) => x.status === 'rejected')) expect((a as PromiseRejectedResult).reason).toMatchObject({ code: 'DISCOUNT_CODE_USED_UP' });
  });

  test('an unknown code is a field error', async () => {
    const { org, course } = await setup();
    await expect(placeRegistration(testDb.db, application(org.id, course.id, { discountCode: 'NOPE' }), systemActor, context)).rejects.toMatchObject({
      code: 'DISCOUNT_CODE_UNKNOWN',
      fields: { discountCode: 'DISCOUNT_CODE_UNKNOWN' },
    });
  });
});

describe('waitlist offers', () => {
  test('a freed place is offered to the first on the waitlist, who may accept it', async () => {
    const { org, course, apply } = await setup({ capacity: 2, earlyPlaceLimit: 1 });
    const a = (await apply()).registration;
    await apply();
    const w1 = (await apply()).registration;
    const w2 = (await apply()).registration;
    expect([w1.status, w2.status]).toEqual(['waitlisted', 'waitlisted']);

    const decline = await decideApplication(testDb.db, { organizationId: org.id, registrationId: a.id, decision: 'decline', message: 'Sorry' }, systemActor, context);
    expect(decline.emailIds).toHaveLength(2); // the decline and the offer
    const [offered] = await testDb.db.select().from(registrations).where(eq(registrations.id, w1.id));
    // The early place freed by the decline goes with the offer: the documented tier rule.
    expect(offered).toMatchObject({ status: 'offered', tier: 'early', amountMinor: 90000 });
    expect(offered!.offerExpiresAt!.getTime() - DURING_REGISTRATION.getTime()).toBe(48 * 3_600_000);
    const [still] = await testDb.db.select().from(registrations).where(eq(registrations.id, w2.id));
    expect(still?.status).toBe('waitlisted');

    const accepted = await respondAsApplicant(testDb.db, { organizationId: org.id, registrationId: w1.id, userId: w1.userId, response: 'accept_offer' }, systemActor, context);
    expect(accepted.registration.status).toBe('submitted');
    expect((await getAvailability(testDb.db, org.id, course.id, DURING_REGISTRATION)).taken).toBe(2);
  });

  test('an unanswered offer passes to the next person; the lapsed applicant goes to the end of the waitlist', async () => {
    const { org, apply } = await setup({ capacity: 1 });
    const holder = (await apply()).registration;
    const w1 = (await apply()).registration;
    const w2 = (await apply()).registration;
    await respondAsApplicant(testDb.db, { organizationId: org.id, registrationId: holder.id, userId: holder.userId, response: 'withdraw' }, systemActor, context);
    const later = new Date(DURING_REGISTRATION.getTime() + 49 * 3_600_000);
    const emails = await expireOffers(testDb.db, systemActor, { ...context, now: later });
    expect(emails).toHaveLength(2); // "your offer has passed" and the new offer
    const rows = await testDb.db.select().from(registrations).where(and(eq(registrations.organizationId, org.id)));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(w1.id)?.status).toBe('waitlisted');
    expect(byId.get(w2.id)?.status).toBe('offered');
    await expect(
      respondAsApplicant(testDb.db, { organizationId: org.id, registrationId: w1.id, userId: w1.userId, response: 'accept_offer' }, systemActor, { ...context, now: later }),
    ).rejects.toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' });
  });

  test('accepting from the waitlist when the course is full is refused', async () => {
    const { org, apply } = await setup({ capacity: 1 });
    await apply();
    const waiting = (await apply()).registration;
    await expect(decideApplication(testDb.db, { organizationId: org.id, registrationId: waiting.id, decision: 'accept' }, systemActor, context)).rejects.toMatchObject({
      code: 'NO_PLACE_AVAILABLE',
    });
  });

  test('another organization cannot decide this registration', async () => {
    const { apply } = await setup();
    const other = await createOrganization(testDb.db);
    const { registration } = await apply();
    await expect(decideApplication(testDb.db, { organizationId: other.id, registrationId: registration.id, decision: 'accept' }, systemActor, context)).rejects.toMatchObject({
      code: 'REGISTRATION_NOT_FOUND',
    });
  });
});

describe('category changes', () => {
  test('staff change the category with a reason; the difference goes to the balance', async () => {
    const { org, apply } = await setup();
    const { registration } = await apply(); // early non-member: $900
    await expect(changeCategory(testDb.db, { organizationId: org.id, registrationId: registration.id, categoryKey: 'member', reason: ' ' }, systemActor, context)).rejects.toMatchObject({
      code: 'REASON_REQUIRED',
    });
    const changed = await changeCategory(testDb.db, { organizationId: org.id, registrationId: registration.id, categoryKey: 'member', reason: 'Membership confirmed' }, systemActor, context);
    expect(changed.registration).toMatchObject({ categoryKey: 'member', tier: 'early', baseAmountMinor: 80000, amountMinor: 80000 });
  });

  test('a percent discount code survives a category change: 20% of the new price, on the ledger too', async () => {
    const { org, course, apply } = await setup();
    await issueDiscountCode(testDb.db, { organizationId: org.id, courseId: course.id, code: 'IBF20', kind: 'percent', amount: 20, maxUses: null, expiresOn: null, categoryKeys: [], note: '' }, systemActor);
    const { registration } = await apply({ discountCode: 'ibf20' }); // early non-member $900 − 20% = $720
    expect(registration).toMatchObject({ baseAmountMinor: 90000, discountMinor: 18000, amountMinor: 72000 });
    await decideApplication(testDb.db, { organizationId: org.id, registrationId: registration.id, decision: 'accept' }, systemActor, context);
    const changed = await changeCategory(testDb.db, { organizationId: org.id, registrationId: registration.id, categoryKey: 'member', reason: 'Membership confirmed' }, systemActor, context);
    // Early member $800 − 20% = $640 (not $800 − the old $180 = $620).
    expect(changed.registration).toMatchObject({ categoryKey: 'member', baseAmountMinor: 80000, discountMinor: 16000 });
    expect(changed.registration.amountMinor).toBe(64000);
    expect((await registrationAccount(testDb.db, registration.id)).balanceMinor).toBe(64000);
  });
});

describe('membership verification by staff', () => {
  test('a "to verify" check can be marked verified once, in its own organization only', async () => {
    const { org, apply } = await setup();
    const { registration } = await apply({ categoryKey: 'member' });
    expect(registration.membershipCheck).toBe('to_verify');
    const other = await createOrganization(testDb.db);
    await expect(verifyMembership(testDb.db, { organizationId: other.id, registrationId: registration.id }, systemActor)).rejects.toMatchObject({ code: 'REGISTRATION_NOT_FOUND' });
    expect(await verifyMembership(testDb.db, { organizationId: org.id, registrationId: registration.id }, systemActor)).toBe('verified');
    await expect(verifyMembership(testDb.db, { organizationId: org.id, registrationId: registration.id }, systemActor)).rejects.toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' });
  });
});
