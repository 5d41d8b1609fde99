// Membership against PostgreSQL (ADR 0068): joining together with a course registration in one
// checkout, a paid renewal continuing from the old end date, complimentary memberships granted
// on confirmation (once per person, even under concurrent confirmations, with a negative
// control), and imported rows still counting, with grace, for member prices.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { outboxMessages } from '#db/schema/email.ts';
import { courseMembershipGrants, membershipTerms, membershipTypes } from '#db/schema/membership.ts';
import { ledgerEntries } from '#db/schema/money.ts';
import { memberships, registrations } from '#db/schema/registration.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { moneyReport } from '#domain/billing/reports.server.ts';
import { loadReceipt } from '#domain/billing/documents.server.ts';
import { reportCsv } from '#domain/billing/report-csv.ts';
import { recordInvoicePayment } from '#domain/billing/record-invoice-payment.server.ts';
import { addDays, localDate } from '#domain/money/policy.ts';
import { placeRegistration } from '#domain/registration/place-registration.server.ts';
import { application, createCourse, DURING_REGISTRATION } from '../../tests/helpers/fixtures.ts';
import { startFakeStripe, type FakeStripe } from '../../tests/helpers/fake-stripe.ts';
import { forceRace, withLocksOff } from '../../tests/helpers/forced-race.ts';
import { paymentsFixtures } from '../../tests/helpers/payments-fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { grantComplimentaryMembership } from './grant-complimentary.server.ts';
import { findMemberStanding } from './standing.server.ts';
import { findCourseGrants, setCourseGrant } from './types.server.ts';
import { revokeMembershipTerm } from './membership-terms.server.ts';
import { joinOfferForRegistration } from './self-service.server.ts';
import { rollingEnd } from './terms.ts';

const testDb = useTestDatabase();
const publicUrl = 'http://hub.test';
let fake: FakeStripe;
beforeAll(async () => {
  fake = await startFakeStripe();
});
afterAll(async () => {
  await fake.close();
});
const { setup } = paymentsFixtures(testDb, { publicUrl, fake: () => fake });

async function addType(organizationId: string, values: Partial<typeof membershipTypes.$inferInsert> = {}) {
  const [type] = await testDb.db
    .insert(membershipTypes)
    .values({ organizationId, key: `regular-${Math.random().toString(36).slice(2, 8)}`, name: 'Regular', dues: { USD: 15000 }, term: 'rolling_12_months', proRating: 'none', ...values })
    .returning();
  return type!;
}

const todayHere = () => localDate(new Date(), 'America/Los_Angeles');

async function payInvoice(organizationId: string, checkoutId: string) {
  return recordInvoicePayment(testDb.db, { organizationId, checkoutId, method: 'check', receivedOn: todayHere(), reference: 'check 1001' }, systemActor, { publicUrl });
}

describe('joining with a course registration in one checkout', () => {
  test('each line is posted to its own account, the membership starts, and the registration keeps the member price, verified', async () => {
    const { org, course } = await setup({ requiresApproval: false });
    const type = await addType(org.id);
    // A non-member chooses the member rate and joins at the same time.
    const placed = await placeRegistration(testDb.db, application(org.id, course.id, { categoryKey: 'member' }), systemActor, { publicUrl, now: DURING_REGISTRATION });
    const registration = placed.registration;
    expect(registration.membershipCheck).toBe('to_verify');
    expect(registration.amountMinor).toBe(80000);
    const { createCheckout } = await import('#domain/payments/create-checkout.server.ts');
    const created = await createCheckout(
      testDb.db,
      { organizationId: org.id, userId: registration.userId, payer: { name: registration.name, email: registration.email }, lines: [{ kind: 'registration', registrationId: registration.id }, { kind: 'membership_dues', membershipTypeId: type.id }], method: 'invoice' },
      { userId: registration.userId, requestId: null },
      { publicUrl, payments: null },
    );
    expect(created.lines.map((l) => [l.kind, l.amountMinor])).toEqual([
      ['registration', 80000],
      ['membership_dues', 15000],
    ]);
    expect(created.checkout.totalMinor).toBe(95000);

    const paid = await payInvoice(org.id, created.checkout.id);
    expect(paid.invoicePaid).toBe(true);
    const termId = created.lines[1]!.membershipTermId!;
    const posted = await testDb.db.select().from(ledgerEntries).where(eq(ledgerEntries.paymentId, paid.payment.id));
    expect(posted.map((e) => [e.registrationId, e.membershipTermId, e.amountMinor]).sort((a, b) => Number(a[2]) - Number(b[2]))).toEqual([
      [registration.id, null, -80000],
      [null, termId, -15000],
    ]);
    const [term] = await testDb.db.select().from(membershipTerms).where(eq(membershipTerms.id, termId));
    expect(term).toMatchObject({ status: 'active', startsOn: todayHere(), endsOn: rollingEnd(todayHere()), duesMinor: 15000, renewal: false });
    const [after] = await testDb.db.select().from(registrations).where(eq(registrations.id, registration.id));
    expect(after).toMatchObject({ status: 'confirmed', membershipCheck: 'verified', amountMinor: 80000 });
    expect(await findMemberStanding(testDb.db, org.id, { userId: registration.userId, email: registration.email }, todayHere(), 'member_prices')).toMatchObject({ status: 'active' });
    const welcome = await testDb.db.select().from(outboxMessages).where(and(eq(outboxMessages.organizationId, org.id), eq(outboxMessages.kind, 'membership.welcome')));
    expect(welcome.map((m) => m.toAddress)).toEqual([registration.email]);
    // The receipt (emailed with its PDF attached) names both accounts: the registration and the dues.
    const receipt = await loadReceipt(testDb.db, org.id, paid.payment.id);
    expect(receipt!.document.accounts.map((a) => [a.account, a.amountMinor, a.balanceAfterMinor])).toEqual([
      [`${registration.policy.courseTitle} — ${registration.name}`, 80000, 0],
      [`Membership dues — ${registration.name}`, 15000, 0],
    ]);
    expect((await testDb.db.select().from(outboxMessages).where(and(eq(outboxMessages.organizationId, org.id), eq(outboxMessages.kind, 'billing.receipt')))).map((m) => m.toAddress)).toEqual([registration.email]);
    // The money report shows the dues on their own, apart from course revenue.
    const report = await moneyReport(testDb.db, { organizationId: org.id, now: new Date() });
    expect(report.dues).toEqual([{ typeName: 'Regular', currency: 'USD', terms: 1, netMinor: 15000, paidMinor: 15000, refundedMinor: 0 }]);
    expect(report.revenue.reduce((s, r) => s + r.paidMinor, 0)).toBe(80000);
    expect(reportCsv(report, 'dues', (k) => k)).toBe('membershipType,memberships,net,paid,refunded,currency\r\nRegular,1,150.00,150.00,0.00,USD\r\n');
  });

  test('an unpaid card checkout that expires voids the pending term: no standing, nothing owed', async () => {
    const { org, registration, checkout, checkoutRow } = await setup();
    const type = await addType(org.id);
    const created = await checkout([{ kind: 'membership_dues', membershipTypeId: type.id }], 'card');
    const { expireCheckout } = await import('#domain/payments/expire-checkout.server.ts');
    const { createStripe } = await import('#lib/stripe.server.ts');
    const { stripeSettings } = await import('../../tests/helpers/money-fixtures.ts');
    await expireCheckout(testDb.db, { organizationId: org.id, checkoutId: created.checkout.id, actor: systemActor, stripe: createStripe(stripeSettings(fake)), reason: 'test' });
    expect((await checkoutRow(created.checkout.id)).status).toBe('expired');
    const [term] = await testDb.db.select().from(membershipTerms).where(eq(membershipTerms.id, created.lines[0]!.membershipTermId!));
    expect(term!.status).toBe('void');
    const entries = await testDb.db.select().from(ledgerEntries).where(eq(ledgerEntries.membershipTermId, term!.id));
    expect(entries.reduce((s, e) => s + e.amountMinor, 0)).toBe(0);
    expect(await findMemberStanding(testDb.db, org.id, { userId: registration.userId, email: registration.email }, todayHere())).toBeUndefined();
    expect((await moneyReport(testDb.db, { organizationId: org.id, now: new Date() })).dues).toEqual([{ typeName: 'Regular', currency: 'USD', terms: 0, netMinor: 0, paidMinor: 0, refundedMinor: 0 }]);
  });
});

describe('trying again', () => {
  test('a second try after leaving the card page supersedes it (its term void); an unpaid invoice blocks a second one', async () => {
    const { org, checkout, checkoutRow } = await setup();
    const type = await addType(org.id);
    const first = await checkout([{ kind: 'membership_dues', membershipTypeId: type.id }], 'card');
    const second = await checkout([{ kind: 'membership_dues', membershipTypeId: type.id }], 'card');
    expect((await checkoutRow(first.checkout.id)).status).toBe('expired');
    const status = async (id: string) => (await testDb.db.select().from(membershipTerms).where(eq(membershipTerms.id, id)))[0]!.status;
    expect(await status(first.lines[0]!.membershipTermId!)).toBe('void');
    expect(await status(second.lines[0]!.membershipTermId!)).toBe('pending');
    const invoice = await checkout([{ kind: 'membership_dues', membershipTypeId: type.id }], 'invoice');
    expect(await status(second.lines[0]!.membershipTermId!)).toBe('void');
    expect(await checkout([{ kind: 'membership_dues', membershipTypeId: type.id }], 'card').catch((e: unknown) => e)).toMatchObject({ code: 'MEMBERSHIP_ALREADY_PENDING' });
    expect(await status(invoice.lines[0]!.membershipTermId!)).toBe('pending');
  });
});

describe('renewing', () => {
  async function renewWithTermEnding(endsOn: string) {
    const { org, registration, checkout } = await setup();
    const type = await addType(org.id);
    await testDb.db.insert(membershipTerms).values({
      organizationId: org.id,
      typeId: type.id,
      userId: registration.userId,
      email: registration.email,
      name: registration.name,
      status: 'active',
      source: 'online',
      startsOn: addDays(endsOn, -364),
      endsOn,
      duesMinor: 15000,
      currency: 'USD',
    });
    const created = await checkout([{ kind: 'membership_dues', membershipTypeId: type.id }], 'invoice');
    await payInvoice(org.id, created.checkout.id);
    const [term] = await testDb.db.select().from(membershipTerms).where(eq(membershipTerms.id, created.lines[0]!.membershipTermId!));
    const renewed = await testDb.db.select().from(outboxMessages).where(and(eq(outboxMessages.organizationId, org.id), eq(outboxMessages.kind, 'membership.renewed')));
    return { term: term!, renewedEmails: renewed.length };
  }

  test('a paid renewal before the end continues from the old end date, not from today', async () => {
    const oldEnd = addDays(todayHere(), 40);
    const { term, renewedEmails } = await renewWithTermEnding(oldEnd);
    expect(term).toMatchObject({ status: 'active', renewal: true, startsOn: addDays(oldEnd, 1), endsOn: rollingEnd(addDays(oldEnd, 1)) });
    expect(renewedEmails).toBe(1);
  });

  test('a renewal paid in grace also continues from the old end date', async () => {
    const oldEnd = addDays(todayHere(), -10);
    const { term } = await renewWithTermEnding(oldEnd);
    expect(term).toMatchObject({ status: 'active', renewal: true, startsOn: addDays(oldEnd, 1), endsOn: rollingEnd(addDays(oldEnd, 1)) });
  });

  test('after grace, paying starts a new membership today', async () => {
    const oldEnd = addDays(todayHere(), -31);
    const { term } = await renewWithTermEnding(oldEnd);
    expect(term).toMatchObject({ status: 'active', renewal: false, startsOn: todayHere() });
  });
});

describe('complimentary memberships', () => {
  async function grantingSetup() {
    const { org, course } = await setup({ requiresApproval: false });
    const type = await addType(org.id, { key: 'complimentary', name: 'Complimentary one-year', complimentary: true, dues: {} });
    await testDb.db.insert(courseMembershipGrants).values({ courseId: course.id, organizationId: org.id, typeId: type.id });
    const second = await createCourse(testDb.db, org.id, { requiresApproval: false });
    await testDb.db.insert(courseMembershipGrants).values({ courseId: second.id, organizationId: org.id, typeId: type.id });
    const email = `returning-${Math.random().toString(36).slice(2, 8)}@example.org`;
    const place = async (courseId: string) =>
      (await placeRegistration(testDb.db, application(org.id, courseId, { email, name: 'Returning Person', complimentaryMembershipRequested: true }), systemActor, { publicUrl, now: DURING_REGISTRATION })).registration;
    return { org, course, second, type, email, place };
  }

  test('a confirmed registration that asked for one gets a one-year membership marked with the course; a second confirmation grants nothing', async () => {
    const { org, course, second, email, place } = await grantingSetup();
    const first = await place(course.id);
    const { createCheckout } = await import('#domain/payments/create-checkout.server.ts');
    const pay = async (registration: typeof first) => {
      const created = await createCheckout(
        testDb.db,
        { organizationId: org.id, userId: registration.userId, payer: { name: registration.name, email }, lines: [{ kind: 'registration', registrationId: registration.id }], method: 'invoice' },
        { userId: registration.userId, requestId: null },
        { publicUrl, payments: null },
      );
      return payInvoice(org.id, created.checkout.id);
    };
    const paid = await pay(first);
    expect(paid.confirmed.map((r) => r.id)).toEqual([first.id]);
    const today = localDate(new Date(), 'America/Los_Angeles');
    const terms = await testDb.db.select().from(membershipTerms).where(eq(membershipTerms.organizationId, org.id));
    expect(terms).toHaveLength(1);
    expect(terms[0]).toMatchObject({ source: 'complimentary', status: 'active', grantedByCourseId: course.id, startsOn: today, endsOn: rollingEnd(today), duesMinor: 0 });
    const mails = await testDb.db.select().from(outboxMessages).where(and(eq(outboxMessages.organizationId, org.id), eq(outboxMessages.kind, 'membership.complimentary')));
    expect(mails.map((m) => m.toAddress)).toEqual([email]);

    const again = await place(second.id);
    await pay(again);
    expect(await testDb.db.select().from(membershipTerms).where(eq(membershipTerms.organizationId, org.id))).toHaveLength(1);
  });

  async function confirmBothAtOnce() {
    const { org, course, second, place } = await grantingSetup();
    const regs = [await place(course.id), await place(second.id)];
    const race = forceRace(testDb.pool, 'membership.granting', regs.length);
    try {
      await Promise.all(regs.map((r) => race.run(() => testDb.db.transaction((tx) => grantComplimentaryMembership(tx, r, systemActor)))));
    } finally {
      race.end();
    }
    return testDb.db.select().from(membershipTerms).where(and(eq(membershipTerms.organizationId, org.id), eq(membershipTerms.source, 'complimentary')));
  }

  test('two confirmations of one person at the same moment grant one membership', async () => {
    expect(await confirmBothAtOnce()).toHaveLength(1);
  }, 60_000);

  test('negative control: with the locks off the same forced race grants two, every round', async () => {
    await withLocksOff(async () => {
      for (let round = 0; round < 3; round++) expect(await confirmBothAtOnce()).toHaveLength(2);
    });
  }, 120_000);
});

describe('staff revoke, and the pay page offers joining', () => {
  test('revoking ends the standing; an active term only; another organization’s term is not found', async () => {
    const { org, registration, checkout } = await setup();
    const other = await setup();
    const type = await addType(org.id);
    const created = await checkout([{ kind: 'membership_dues', membershipTypeId: type.id }], 'invoice');
    await payInvoice(org.id, created.checkout.id);
    const termId = created.lines[0]!.membershipTermId!;
    const person = { userId: registration.userId, email: registration.email };
    expect(await findMemberStanding(testDb.db, org.id, person, todayHere())).toMatchObject({ status: 'active' });
    const attempt = (organizationId: string) => testDb.db.transaction((tx) => revokeMembershipTerm(tx, { organizationId, termId, reason: 'given by mistake' }, systemActor)).catch((e: unknown) => e);
    expect(await attempt(other.org.id)).toMatchObject({ code: 'MEMBERSHIP_TERM_NOT_FOUND' });
    expect(await attempt(org.id)).toMatchObject({ status: 'revoked', revokeReason: 'given by mistake' });
    expect(await attempt(org.id)).toMatchObject({ code: 'MEMBERSHIP_NOT_REVOCABLE' });
    expect(await findMemberStanding(testDb.db, org.id, person, todayHere())).toBeUndefined();
  });

  test('a registration at a member rate to verify is offered joining in the same payment; a member is not', async () => {
    const { org, course } = await setup({ requiresApproval: false });
    await addType(org.id);
    const placed = await placeRegistration(testDb.db, application(org.id, course.id, { categoryKey: 'member' }), systemActor, { publicUrl, now: DURING_REGISTRATION });
    const r = placed.registration;
    const offer = await joinOfferForRegistration(testDb.db, { id: org.id, currency: 'USD' }, { userId: r.userId, email: r.email }, r.id);
    expect(offer).toMatchObject({ typeName: 'Regular', quote: { duesMinor: 15000, renewal: false } });
    const nonMember = await placeRegistration(testDb.db, application(org.id, course.id, { categoryKey: 'non_member' }), systemActor, { publicUrl, now: DURING_REGISTRATION });
    expect(await joinOfferForRegistration(testDb.db, { id: org.id, currency: 'USD' }, { userId: nonMember.registration.userId, email: nonMember.registration.email }, nonMember.registration.id)).toBeNull();
  });
});

describe('course grants set by staff', () => {
  test('a course of the organization grants a complimentary type of the organization; another organization’s course or a paid type is refused', async () => {
    const a = await setup();
    const b = await setup();
    const comp = await addType(a.org.id, { key: 'complimentary', complimentary: true, dues: {} });
    const paidType = await addType(a.org.id);
    const set = (courseId: string, typeId: string | null) => setCourseGrant(testDb.db, { organizationId: a.org.id, courseId, typeId }, systemActor).catch((e: unknown) => e);
    expect(await set(b.course.id, comp.id)).toMatchObject({ code: 'COURSE_NOT_FOUND' });
    expect(await set(a.course.id, paidType.id)).toMatchObject({ code: 'MEMBERSHIP_TYPE_NOT_FOUND' });
    await set(a.course.id, comp.id);
    expect((await findCourseGrants(testDb.db, a.org.id)).map((g) => g.courseId)).toEqual([a.course.id]);
    await set(a.course.id, null);
    expect(await findCourseGrants(testDb.db, a.org.id)).toEqual([]);
  });
});

describe('imported records and grace', () => {
  test('an imported row counts for member prices through its end and the organization’s grace days, not after', async () => {
    const { org, course } = await setup();
    // Registration day in Spokane: 2025-02-01. Ended 2025-01-10: 22 days ago, inside 30 days of grace.
    const email = `imported-${Math.random().toString(36).slice(2, 8)}@example.org`;
    await testDb.db.insert(memberships).values({ organizationId: org.id, email, name: 'Imported', validFrom: '2024-01-11', validTo: '2025-01-10', source: 'csv' });
    const inGrace = await placeRegistration(testDb.db, application(org.id, course.id, { email, categoryKey: 'member' }), systemActor, { publicUrl, now: DURING_REGISTRATION });
    expect(inGrace.registration.membershipCheck).toBe('verified');
    const standing = await findMemberStanding(testDb.db, org.id, { userId: null, email }, '2025-02-01');
    expect(standing).toMatchObject({ status: 'grace', validTo: '2025-01-10', source: 'csv' });
    expect(await findMemberStanding(testDb.db, org.id, { userId: null, email }, '2025-02-09')).toMatchObject({ status: 'grace' });
    expect(await findMemberStanding(testDb.db, org.id, { userId: null, email }, '2025-02-10')).toBeUndefined();
  });
});
