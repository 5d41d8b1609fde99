// ADR 0047: applications by people not signed in hold their place only until their address is
// confirmed through the emailed link; the early rate stays in submission order; a second
// application for an address gets the same answer as a first and tells only the owner.
import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { authAccounts, users } from '#db/schema/accounts.ts';
import { auditEvents } from '#db/schema/audit.ts';
import { outboxMessages } from '#db/schema/email.ts';
import { registrationConfirmations, registrations } from '#db/schema/registration.ts';
import { createVerifiedAccount } from '#domain/accounts/create-account.server.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { registrationAccount } from '#domain/money/read-account.server.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { application, createCourse, createOrganization, DURING_REGISTRATION } from '../../tests/helpers/fixtures.ts';
import { getAvailability } from './availability.server.ts';
import { expireUnconfirmedApplications } from './lapse-holds.server.ts';
import { CONFIRMATION_WINDOW_HOURS, confirmApplication, confirmationTokenHash, readConfirmation } from './confirmation.server.ts';
import { placeRegistration } from './place-registration.server.ts';

const testDb = useTestDatabase();
const context = { publicUrl: 'http://localhost:3000', now: DURING_REGISTRATION };
const HOUR = 3_600_000;
const at = (ms: number) => new Date(DURING_REGISTRATION.getTime() + ms);

async function setup(overrides: Parameters<typeof createCourse>[2] = {}) {
  const org = await createOrganization(testDb.db);
  const course = await createCourse(testDb.db, org.id, overrides);
  const apply = (extra: Record<string, unknown> = {}, now = DURING_REGISTRATION) =>
    placeRegistration(testDb.db, application(org.id, course.id, extra), systemActor, { ...context, now });
  const row = async (id: string) => (await testDb.db.select().from(registrations).where(eq(registrations.id, id)))[0]!;
  return { org, course, apply, row };
}

/** The token in the newest "Confirm your application" mail to `to` (the mail is the only place it exists). */
async function confirmToken(to: string): Promise<string> {
  const mails = await testDb.db.select().from(outboxMessages).where(and(eq(outboxMessages.toAddress, to), eq(outboxMessages.kind, 'registration.confirm')));
  const newest = mails.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  if (!newest) throw new Error(`no confirmation mail to ${to}`);
  return /\/registrations\/confirm\/([A-Za-z0-9_-]+)/.exec(newest.text)![1]!;
}

describe('an application by someone not signed in', () => {
  test('is placed at once but unconfirmed, with a credential-bearing link whose token is stored only as a hash', async () => {
    const { org, course, apply } = await setup({ capacity: 10, earlyPlaceLimit: 2 });
    const placed = await apply({ email: 'newbie@example.org', name: 'New Bie' });
    expect(placed).toMatchObject({ outcome: 'placed', created: true, newAccount: true, needsConfirmation: true });
    expect(placed.registration).toMatchObject({ status: 'submitted', tier: 'early', holdsEarlyPlace: true, addressConfirmedAt: null });
    expect(placed.registration.confirmBy!.getTime() - DURING_REGISTRATION.getTime()).toBe(CONFIRMATION_WINDOW_HOURS * HOUR);
    expect((await getAvailability(testDb.db, org.id, course.id, DURING_REGISTRATION)).taken).toBe(1);

    const [mail] = await testDb.db.select().from(outboxMessages).where(eq(outboxMessages.id, placed.emailIds[0]!));
    expect(mail).toMatchObject({ kind: 'registration.confirm', credential: true, toAddress: 'newbie@example.org' });
    expect(mail!.subject).toMatch(/^Confirm your application/);
    expect(mail!.text).toContain('choose a password');
    const token = await confirmToken('newbie@example.org');
    const stored = await testDb.db.select().from(registrationConfirmations).where(eq(registrationConfirmations.registrationId, placed.registration.id));
    expect(stored.map((s) => s.tokenHash)).toEqual([confirmationTokenHash(token)]);
    expect(JSON.stringify(stored)).not.toContain(token);
    // No "choose your password" mail separately and no record-of-application mail yet.
    const all = await testDb.db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, 'newbie@example.org'));
    expect(all.map((m) => m.kind)).toEqual(['registration.confirm']);
  });

  test('a signed-in applicant with a verified email is confirmed at once and gets the usual mail', async () => {
    const { org, course } = await setup();
    const { userId } = await createVerifiedAccount(testDb.db, { email: 'verified@example.org', name: 'Vera Verified', password: 'a-long-password-1' }, systemActor);
    const placed = await placeRegistration(testDb.db, application(org.id, course.id, { email: 'verified@example.org' }), { userId }, context);
    expect(placed).toMatchObject({ outcome: 'placed', needsConfirmation: false });
    expect(placed.registration.addressConfirmedAt).toEqual(DURING_REGISTRATION);
    expect(placed.registration.confirmBy).toBeNull();
    const [mail] = await testDb.db.select().from(outboxMessages).where(eq(outboxMessages.id, placed.emailIds[0]!));
    expect(mail).toMatchObject({ kind: 'registration.received', credential: false });
  });
});

describe('following the link', () => {
  test('in time: confirmed (audited), keeps place, tier and sequence, verifies the email and saves the chosen password', async () => {
    const { org, apply, row } = await setup();
    const placed = (await apply({ email: 'confirm-me@example.org' })).registration;
    const token = await confirmToken('confirm-me@example.org');
    expect(await readConfirmation(testDb.db, org.id, token, at(HOUR))).toMatchObject({ state: 'pending', pending: { needsPassword: true, tier: 'early' } });
    // Another organization's path does not know the link.
    const other = await createOrganization(testDb.db);
    expect(await readConfirmation(testDb.db, other.id, token, at(HOUR))).toEqual({ state: 'invalid' });

    const result = await confirmApplication(testDb.db, { organizationId: org.id, token, password: 'applicant-password-1' }, { ...context, now: at(23 * HOUR) });
    expect(result).toMatchObject({ state: 'confirmed', confirmedNow: true, passwordSet: true });
    const after = await row(placed.id);
    expect(after).toMatchObject({ status: 'submitted', tier: 'early', holdsEarlyPlace: true, sequence: placed.sequence, amountMinor: placed.amountMinor });
    expect(after.addressConfirmedAt).toEqual(at(23 * HOUR));
    const [user] = await testDb.db.select().from(users).where(eq(users.id, placed.userId));
    expect(user!.emailVerified).toBe(true);
    const [credential] = await testDb.db.select().from(authAccounts).where(eq(authAccounts.userId, placed.userId));
    expect(credential!.password).toMatch(/.+:.+/); // scrypt salt:hash, never the password
    const audit = await testDb.db.select().from(auditEvents).where(eq(auditEvents.entityId, placed.id));
    expect(audit.map((a) => a.action)).toContain('registration.address_confirmed');
    // The record of the application follows, with no credential in it.
    const [receipt] = await testDb.db.select().from(outboxMessages).where(eq(outboxMessages.id, result.emailIds[0]!));
    expect(receipt).toMatchObject({ kind: 'registration.received', credential: false });

    // A second use changes nothing; the lapse job leaves it alone.
    expect(await confirmApplication(testDb.db, { organizationId: org.id, token }, { ...context, now: at(23 * HOUR + 1) })).toMatchObject({ state: 'confirmed', confirmedNow: false });
    await expireUnconfirmedApplications(testDb.db, systemActor, { ...context, now: at(48 * HOUR) });
    expect(await row(placed.id)).toMatchObject({ status: 'submitted', confirmationLapsedAt: null });
  });

  test('never changes the password of an account that has one', async () => {
    const { org, course } = await setup();
    const { userId } = await createVerifiedAccount(testDb.db, { email: 'has-password@example.org', name: 'Has Password', password: 'the-owners-password' }, systemActor);
    const [before] = await testDb.db.select().from(authAccounts).where(eq(authAccounts.userId, userId));
    // Someone not signed in applies with the owner's address.
    await placeRegistration(testDb.db, application(org.id, course.id, { email: 'has-password@example.org' }), systemActor, context);
    const token = await confirmToken('has-password@example.org');
    expect((await readConfirmation(testDb.db, org.id, token, at(HOUR))).pending?.needsPassword).toBe(false);
    const result = await confirmApplication(testDb.db, { organizationId: org.id, token, password: 'attackers-password' }, { ...context, now: at(HOUR) });
    expect(result).toMatchObject({ state: 'confirmed', passwordSet: false });
    const [after] = await testDb.db.select().from(authAccounts).where(eq(authAccounts.userId, userId));
    expect(after!.password).toBe(before!.password);
  });
});

describe('not following the link', () => {
  test('lapses at exactly 24 hours: withdrawn with the reason, charge reversed, the freed place offered to the waitlist; the link then says so', async () => {
    const { org, course, apply, row } = await setup({ capacity: 1, earlyPlaceLimit: 1 });
    const holder = (await apply({ email: 'never-confirms@example.org' })).registration;
    const waiting = (await apply({ email: 'waits@example.org' })).registration;
    expect(waiting.status).toBe('waitlisted');
    // The waiting applicant confirms; the holder does not.
    await confirmApplication(testDb.db, { organizationId: org.id, token: await confirmToken('waits@example.org') }, { ...context, now: at(HOUR) });
    expect((await registrationAccount(testDb.db, holder.id)).dueMinor).toBe(90000);

    const justBefore = at(CONFIRMATION_WINDOW_HOURS * HOUR - 1);
    expect(await expireUnconfirmedApplications(testDb.db, systemActor, { ...context, now: justBefore })).toEqual([]);
    expect((await row(holder.id)).status).toBe('submitted');

    const exactly = at(CONFIRMATION_WINDOW_HOURS * HOUR);
    const emailIds = await expireUnconfirmedApplications(testDb.db, systemActor, { ...context, now: exactly });
    const sent = await testDb.db.select().from(outboxMessages).where(inArray(outboxMessages.id, emailIds));
    // "Your application lapsed" and the offer to the waitlist.
    expect(sent.filter((m) => ['never-confirms@example.org', 'waits@example.org'].includes(m.toAddress)).map((m) => m.kind).sort()).toEqual([
      'registration.confirmationLapsed',
      'registration.offered',
    ]);
    const lapsed = await row(holder.id);
    expect(lapsed).toMatchObject({ status: 'withdrawn', holdsEarlyPlace: false, addressConfirmedAt: null });
    expect(lapsed.confirmationLapsedAt).toEqual(exactly);
    expect(await registrationAccount(testDb.db, holder.id)).toMatchObject({ dueMinor: 0, balanceMinor: 0 });
    const audit = await testDb.db.select().from(auditEvents).where(eq(auditEvents.entityId, holder.id));
    expect(audit.map((a) => a.action)).toContain('registration.confirmation_lapsed');
    // The freed place (and its early rate) goes to the waitlist.
    expect(await row(waiting.id)).toMatchObject({ status: 'offered', tier: 'early' });
    expect((await getAvailability(testDb.db, org.id, course.id, exactly)).taken).toBe(1);

    // The link, followed at exactly 24 hours (or later), no longer confirms.
    const token = await confirmToken('never-confirms@example.org');
    expect(await confirmApplication(testDb.db, { organizationId: org.id, token, password: 'too-late-password' }, { ...context, now: exactly })).toMatchObject({ state: 'lapsed', confirmedNow: false });
    expect(await readConfirmation(testDb.db, org.id, token, exactly)).toEqual({ state: 'lapsed' });
  });

  test('a link followed at exactly 24 hours, before the job ran, is refused too', async () => {
    const { org, apply, row } = await setup();
    const placed = (await apply({ email: 'edge@example.org' })).registration;
    const token = await confirmToken('edge@example.org');
    const result = await confirmApplication(testDb.db, { organizationId: org.id, token }, { ...context, now: at(CONFIRMATION_WINDOW_HOURS * HOUR) });
    expect(result.state).toBe('lapsed');
    expect((await row(placed.id)).addressConfirmedAt).toBeNull();
  });

  test('the early rate stays in submission order: confirming late keeps it, a lapse never reprices anyone, the next applicant gets the freed early place', async () => {
    const { org, apply, row } = await setup({ capacity: 10, earlyPlaceLimit: 2 });
    const a = (await apply({ email: 'a@example.org' })).registration;
    const b = (await apply({ email: 'b@example.org' }, at(1000))).registration;
    const c = (await apply({ email: 'c@example.org' }, at(2000))).registration;
    expect([a.tier, b.tier, c.tier]).toEqual(['early', 'early', 'regular']);
    // C confirms first, A last: confirmation order does not matter.
    await confirmApplication(testDb.db, { organizationId: org.id, token: await confirmToken('c@example.org') }, { ...context, now: at(HOUR) });
    await confirmApplication(testDb.db, { organizationId: org.id, token: await confirmToken('a@example.org') }, { ...context, now: at(20 * HOUR) });
    // B never confirms and lapses.
    await expireUnconfirmedApplications(testDb.db, systemActor, { ...context, now: at(25 * HOUR) });
    expect((await row(a.id)).tier).toBe('early');
    expect(await row(b.id)).toMatchObject({ status: 'withdrawn', holdsEarlyPlace: false });
    expect(await row(c.id)).toMatchObject({ tier: 'regular', amountMinor: 97500 }); // never retroactively
    const d = (await apply({ email: 'd@example.org' }, at(26 * HOUR))).registration;
    expect(d).toMatchObject({ tier: 'early', amountMinor: 90000 });
  });

  test('a confirmation and the lapse job racing at the deadline: exactly one wins, and the state is consistent', async () => {
    const { org, course, apply, row } = await setup({ capacity: 1, earlyPlaceLimit: 1 });
    for (let round = 0; round < 6; round++) {
      const email = `race-${round}@example.org`;
      const holder = (await apply({ email })).registration;
      const token = await confirmToken(email);
      const [confirmed] = await Promise.all([
        confirmApplication(testDb.db, { organizationId: org.id, token }, { ...context, now: at(CONFIRMATION_WINDOW_HOURS * HOUR - 1) }),
        expireUnconfirmedApplications(testDb.db, systemActor, { ...context, now: at(CONFIRMATION_WINDOW_HOURS * HOUR) }),
      ]);
      const after = await row(holder.id);
      if (confirmed.confirmedNow) {
        expect(after).toMatchObject({ status: 'submitted', confirmationLapsedAt: null });
        expect(after.addressConfirmedAt).not.toBeNull();
        expect(await registrationAccount(testDb.db, holder.id)).toMatchObject({ dueMinor: 90000 });
      } else {
        expect(confirmed.state).toBe('lapsed');
        expect(after).toMatchObject({ status: 'withdrawn', addressConfirmedAt: null });
        expect(after.confirmationLapsedAt).not.toBeNull();
        expect((await registrationAccount(testDb.db, holder.id)).dueMinor).toBe(0);
      }
      // End it so the next round has a free place.
      if (after.status === 'submitted') await testDb.db.update(registrations).set({ status: 'withdrawn', holdsEarlyPlace: false }).where(eq(registrations.id, holder.id));
      expect((await getAvailability(testDb.db, org.id, course.id, DURING_REGISTRATION)).taken).toBe(0);
    }
  });
});

describe('applying again with an address that has applied', () => {
  test('someone not signed in gets the same outcome as a first application; nothing is placed; the owner is told by email without a credential', async () => {
    const { org, course, apply } = await setup();
    const first = await apply({ email: 'Owner@Example.org' });
    await confirmApplication(testDb.db, { organizationId: org.id, token: await confirmToken('owner@example.org') }, { ...context, now: at(HOUR) });

    const again = await apply({ email: 'owner@example.org', name: 'Someone Else' }, at(2 * HOUR));
    const fresh = await apply({ email: 'stranger@example.org' }, at(2 * HOUR));
    // What a caller may learn is the same for both: the address must be confirmed.
    expect({ needsConfirmation: again.needsConfirmation, emails: again.emailIds.length }).toEqual({ needsConfirmation: fresh.needsConfirmation, emails: fresh.emailIds.length });
    expect(again).toMatchObject({ outcome: 'already_applied', created: false });
    expect(again.registration.id).toBe(first.registration.id);
    expect(await testDb.db.select().from(registrations).where(eq(registrations.courseId, course.id))).toHaveLength(2);
    const [notice] = await testDb.db.select().from(outboxMessages).where(eq(outboxMessages.id, again.emailIds[0]!));
    expect(notice).toMatchObject({ kind: 'registration.alreadyApplied', credential: false, toAddress: 'owner@example.org' });
    expect(notice!.subject).toMatch(/^You have already applied/);
    expect(notice!.text).not.toContain('/confirm/');
  });

  test('an owner whose application is still unconfirmed gets a new confirmation link; every link confirms the same registration', async () => {
    const { org, apply, row } = await setup();
    const first = (await apply({ email: 'pending@example.org' })).registration;
    const firstToken = await confirmToken('pending@example.org');
    const again = await apply({ email: 'pending@example.org' }, at(HOUR));
    const [mail] = await testDb.db.select().from(outboxMessages).where(eq(outboxMessages.id, again.emailIds[0]!));
    expect(mail).toMatchObject({ kind: 'registration.confirm', credential: true });
    const secondToken = await confirmToken('pending@example.org');
    expect(secondToken).not.toBe(firstToken);
    // The deadline is the first application's: applying again does not extend it.
    expect((await row(first.id)).confirmBy!.getTime()).toBe(DURING_REGISTRATION.getTime() + CONFIRMATION_WINDOW_HOURS * HOUR);
    expect(await confirmApplication(testDb.db, { organizationId: org.id, token: firstToken }, { ...context, now: at(2 * HOUR) })).toMatchObject({ confirmedNow: true });
  });

  test('refusals do not tell a first application from a second: a bad discount code is refused alike', async () => {
    const { apply } = await setup();
    await apply({ email: 'known@example.org' });
    await expect(apply({ email: 'known@example.org', discountCode: 'NOPE' })).rejects.toMatchObject({ code: 'DISCOUNT_CODE_UNKNOWN' });
    await expect(apply({ email: 'unknown@example.org', discountCode: 'NOPE' })).rejects.toMatchObject({ code: 'DISCOUNT_CODE_UNKNOWN' });
  });

  test('the owner is emailed at most 3 times an hour however often others apply with the address', async () => {
    const { apply } = await setup();
    await apply({ email: 'flooded@example.org' });
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await apply({ email: 'flooded@example.org' }));
    expect(results.map((r) => r.outcome)).toEqual(Array(5).fill('already_applied'));
    expect(results.map((r) => r.emailIds.length)).toEqual([1, 1, 1, 0, 0]);
  });

  test('the signed-in owner is told plainly (ALREADY_APPLIED)', async () => {
    const { org, course } = await setup();
    const { userId } = await createVerifiedAccount(testDb.db, { email: 'member2@example.org', name: 'Mem Two', password: 'a-long-password-2' }, systemActor);
    await placeRegistration(testDb.db, application(org.id, course.id), { userId }, context);
    await expect(placeRegistration(testDb.db, application(org.id, course.id), { userId }, context)).rejects.toMatchObject({ code: 'ALREADY_APPLIED' });
  });
});
