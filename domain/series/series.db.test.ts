// Series against PostgreSQL and the fake Stripe server: a paid place charged on its own ledger
// account, paid by card through the checkout and by invoice recorded by the treasurer, the
// decision after the decide-by date (cancelled: charges reversed, refunds due for exactly what
// was paid, everyone emailed; run twice: nothing new), refunds paid out through the tracker's
// use cases, confirmation, sign-up rules, and organization scoping.
import { and, eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { outboxMessages } from '#db/schema/email.ts';
import { ledgerEntries, refunds } from '#db/schema/money.ts';
import { groupSeries, seriesEnrollments } from '#db/schema/series.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { recordInvoicePayment } from '#domain/billing/record-invoice-payment.server.ts';
import { DomainError } from '#domain/errors.ts';
import { seriesEnrollmentAccount } from '#domain/money/read-account.server.ts';
import { createCheckout } from '#domain/payments/create-checkout.server.ts';
import { applyStripeEvent } from '#domain/payments/provider-events.server.ts';
import { findRefunds } from '#domain/refunds/find-refunds.server.ts';
import { issueRefund } from '#domain/refunds/issue-refund.server.ts';
import { recordRefundPaid } from '#domain/refunds/record-refund-paid.server.ts';
import { createStripe } from '#lib/stripe.server.ts';
import { startFakeStripe, type FakeStripe } from '../../tests/helpers/fake-stripe.ts';
import { stripeSettings } from '../../tests/helpers/money-fixtures.ts';
import { createListing, createMember, createSeriesRow, DAY_AFTER_DECIDE_BY, LAST_HOUR_OF_DECIDE_BY, setupSeriesOrg, SIGN_UP_TIME } from '../../tests/helpers/series-fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { decideDueSeries, decideSeriesNow } from './decide.server.ts';
import { enrollInSeries } from './enroll.server.ts';
import { findEnrollees, findOpenSeriesForListing, getSeries, requireManageableSeries } from './series.server.ts';

const testDb = useTestDatabase();
const publicUrl = 'http://hub.test';
let fake: FakeStripe;
beforeAll(async () => {
  fake = await startFakeStripe();
});
afterAll(async () => {
  await fake.close();
});

async function signUp(orgId: string, seriesId: string, person: { id: string | null; name: string; email: string }, now = SIGN_UP_TIME) {
  return enrollInSeries(testDb.db, { organizationId: orgId, seriesId, userId: person.id, name: person.name, email: person.email }, { userId: person.id, requestId: null }, { publicUrl, now });
}

async function payByCard(orgId: string, enrollmentId: string, person: { id: string; name: string; email: string }) {
  const settings = stripeSettings(fake);
  const created = await createCheckout(
    testDb.db,
    { organizationId: orgId, userId: person.id, payer: { name: person.name, email: person.email }, lines: [{ kind: 'series_enrollment', seriesEnrollmentId: enrollmentId }], method: 'card' },
    { userId: person.id, requestId: null },
    { publicUrl, payments: settings, now: SIGN_UP_TIME },
  );
  const event = fake.completeSession(created.checkout.providerSessionId!);
  const applied = await applyStripeEvent(testDb.db, createStripe(settings), event as unknown as Stripe.Event, { publicUrl, now: SIGN_UP_TIME });
  expect(applied.outcome).toBe('applied');
  return created;
}

async function mailTo(orgId: string, email: string, kind: string) {
  return testDb.db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.organizationId, orgId), eq(outboxMessages.toAddress, email), eq(outboxMessages.kind, kind)));
}

describe('a paid series that misses its minimum', () => {
  test('card and invoice payments are posted to the enrollments; cancelled after the decide-by date: every payer gets a refund due for what they paid, everyone is emailed, once', async () => {
    const db = testDb.db;
    const { org, listing } = await setupSeriesOrg(db);
    const series = await createSeriesRow(db, org.id, listing.id);
    const [ana, ben, cy] = [await createMember(db, 'Ana'), await createMember(db, 'Ben'), await createMember(db, 'Cy')];

    // Three sign up (the minimum is four): each place is charged $120 on its own account.
    const a = await signUp(org.id, series.id, ana);
    const b = await signUp(org.id, series.id, ben);
    const c = await signUp(org.id, series.id, cy);
    expect((await seriesEnrollmentAccount(db, a.enrollment.id)).balanceMinor).toBe(12000);
    expect(await mailTo(org.id, ana.email, 'series.enrolled')).toHaveLength(1);

    // Ana pays by card through the checkout (the fake Stripe server), Ben by invoice the treasurer records.
    const card = await payByCard(org.id, a.enrollment.id, ana);
    expect(card.lines.map((l) => [l.kind, l.amountMinor, l.seriesEnrollmentId])).toEqual([['series_enrollment', 12000, a.enrollment.id]]);
    const invoice = await createCheckout(
      db,
      { organizationId: org.id, userId: ben.id, payer: { name: ben.name, email: ben.email }, lines: [{ kind: 'series_enrollment', seriesEnrollmentId: b.enrollment.id }], method: 'invoice' },
      { userId: ben.id, requestId: null },
      { publicUrl, payments: null, now: SIGN_UP_TIME },
    );
    await recordInvoicePayment(db, { organizationId: org.id, checkoutId: invoice.checkout.id, method: 'check', receivedOn: '2025-10-01', reference: 'check 204' }, systemActor, { publicUrl, now: SIGN_UP_TIME });
    // Cy was sent an invoice and has not paid it.
    const unpaid = await createCheckout(
      db,
      { organizationId: org.id, userId: cy.id, payer: { name: cy.name, email: cy.email }, lines: [{ kind: 'series_enrollment', seriesEnrollmentId: c.enrollment.id }], method: 'invoice' },
      { userId: cy.id, requestId: null },
      { publicUrl, payments: null, now: SIGN_UP_TIME },
    );
    for (const [e, expected] of [[a, 0], [b, 0], [c, 12000]] as const) expect((await seriesEnrollmentAccount(db, e.enrollment.id)).balanceMinor).toBe(expected);

    // On the decide-by date itself (11 pm in Spokane) nothing happens yet.
    expect((await decideSeriesNow(db, { organizationId: org.id, seriesId: series.id }, systemActor, { publicUrl, now: LAST_HOUR_OF_DECIDE_BY })).outcome).toBe('wait');

    // The job the morning after: cancelled.
    const swept = await decideDueSeries(db, { publicUrl, now: DAY_AFTER_DECIDE_BY });
    expect(swept.decided).toBe(1);
    const [after] = await db.select().from(groupSeries).where(eq(groupSeries.id, series.id));
    expect(after!.status).toBe('cancelled');
    const due = await db.select().from(refunds).where(eq(refunds.organizationId, org.id));
    expect(due.map((r) => [r.seriesEnrollmentId, r.reason, r.status, r.amountMinor, r.dueOn]).sort()).toEqual(
      [
        [a.enrollment.id, 'series_cancelled', 'due', 12000, '2025-10-29'],
        [b.enrollment.id, 'series_cancelled', 'due', 12000, '2025-10-29'],
      ].sort(),
    );
    // Cy owes nothing now; the unpaid invoice is cancelled; the paid accounts are in credit by what was paid.
    expect((await seriesEnrollmentAccount(db, c.enrollment.id)).balanceMinor).toBe(0);
    expect((await seriesEnrollmentAccount(db, a.enrollment.id)).balanceMinor).toBe(-12000);
    const enrollees = await findEnrollees(db, org.id, series.id);
    expect(enrollees.map((e) => e.enrollment.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    const { checkouts } = await import('#db/schema/money.ts');
    expect((await db.select().from(checkouts).where(eq(checkouts.id, unpaid.checkout.id)))[0]!.status).toBe('cancelled');
    for (const person of [ana, ben, cy]) expect(await mailTo(org.id, person.email, 'series.cancelled')).toHaveLength(1);
    expect((await mailTo(org.id, ana.email, 'series.cancelled'))[0]!.text).toContain('You paid $120; it will be refunded by October 29, 2025.');
    expect((await mailTo(org.id, cy.email, 'series.cancelled'))[0]!.text).toContain('You had not paid anything');

    // Idempotent: the button pressed again, the job run again — nothing new.
    const again = await decideSeriesNow(db, { organizationId: org.id, seriesId: series.id }, systemActor, { publicUrl, now: DAY_AFTER_DECIDE_BY });
    expect(again).toMatchObject({ outcome: 'already_decided', refunds: [], emailIds: [] });
    expect((await decideDueSeries(db, { publicUrl, now: DAY_AFTER_DECIDE_BY })).decided).toBe(0);
    expect(await db.select().from(refunds).where(eq(refunds.organizationId, org.id))).toHaveLength(2);
    expect(await mailTo(org.id, ana.email, 'series.cancelled')).toHaveLength(1);

    // The refund tracker lists them under the series; Ana's goes back to her card, Ben's is recorded as a check.
    const rows = await findRefunds(db, org.id, { view: 'due' }, DAY_AFTER_DECIDE_BY);
    expect(rows.map((r) => [r.name, r.courseTitle, r.seriesId, r.cardRefundable]).sort()).toEqual([
      ['Ana', 'Autumn series', series.id, true],
      ['Ben', 'Autumn series', series.id, false],
    ]);
    const anaRefund = due.find((r) => r.seriesEnrollmentId === a.enrollment.id)!;
    const benRefund = due.find((r) => r.seriesEnrollmentId === b.enrollment.id)!;
    const [done] = await issueRefund(db, anaRefund.id, systemActor, stripeSettings(fake), { organizationId: org.id, now: DAY_AFTER_DECIDE_BY });
    expect(done).toMatchObject({ status: 'done', method: 'card' });
    await recordRefundPaid(db, { organizationId: org.id, refundId: benRefund.id, method: 'check', paidOn: '2025-10-15', reference: 'check 881' }, systemActor, DAY_AFTER_DECIDE_BY);
    for (const e of [a, b]) {
      const account = await seriesEnrollmentAccount(db, e.enrollment.id);
      expect(account).toMatchObject({ paidMinor: 12000, refundedMinor: 12000, balanceMinor: 0 });
    }
    // Never more out than came in: a second payout of Ben's refund is refused.
    await expect(recordRefundPaid(db, { organizationId: org.id, refundId: benRefund.id, method: 'check', paidOn: '2025-10-15', reference: 'again' }, systemActor, DAY_AFTER_DECIDE_BY)).rejects.toMatchObject({ code: 'REFUND_NOT_OPEN' });
    const entries = await db.select().from(ledgerEntries).where(eq(ledgerEntries.seriesEnrollmentId, b.enrollment.id));
    expect(entries.map((e) => [e.kind, e.amountMinor])).toEqual([
      ['charge', 12000],
      ['payment', -12000],
      ['adjustment', -12000],
      ['refund', 12000],
    ]);
  }, 60_000);
});

describe('a series that reaches its minimum', () => {
  test('is confirmed and everyone is told it runs; sign-ups go on until full', async () => {
    const db = testDb.db;
    const { org, listing } = await setupSeriesOrg(db);
    const series = await createSeriesRow(db, org.id, listing.id, { priceMinor: 0, minimum: 2, maximum: 3 });
    // A free series: visitors sign up by name and email.
    await signUp(org.id, series.id, { id: null, name: 'Dee', email: 'dee@example.org' });
    expect((await decideSeriesNow(db, { organizationId: org.id, seriesId: series.id }, systemActor, { publicUrl, now: SIGN_UP_TIME })).outcome).toBe('wait');
    await signUp(org.id, series.id, { id: null, name: 'Eli', email: 'eli@example.org' });
    const result = await decideSeriesNow(db, { organizationId: org.id, seriesId: series.id }, systemActor, { publicUrl, now: SIGN_UP_TIME });
    expect(result).toMatchObject({ outcome: 'confirmed', signUps: 2, refunds: [] });
    expect(await mailTo(org.id, 'dee@example.org', 'series.confirmed')).toHaveLength(1);
    await signUp(org.id, series.id, { id: null, name: 'Fay', email: 'fay@example.org' });
    await expect(signUp(org.id, series.id, { id: null, name: 'Gus', email: 'gus@example.org' })).rejects.toMatchObject({ code: 'SERIES_FULL' });
    // Free places have no ledger entries.
    const enrollees = await findEnrollees(db, org.id, series.id);
    expect(enrollees.map((e) => e.account.chargedMinor)).toEqual([0, 0, 0]);
  });
});

describe('sign-up rules', () => {
  test('closes when the chosen session ends; a paid series needs an account; one place per email', async () => {
    const db = testDb.db;
    const { org, listing } = await setupSeriesOrg(db);
    const series = await createSeriesRow(db, org.id, listing.id);
    const member = await createMember(db, 'Hal');
    await expect(signUp(org.id, series.id, { id: null, name: 'Ivy', email: 'ivy@example.org' })).rejects.toMatchObject({ code: 'SERIES_SIGN_IN_TO_PAY' });
    await signUp(org.id, series.id, member);
    await expect(signUp(org.id, series.id, { ...member, email: member.email.toUpperCase() })).rejects.toMatchObject({ code: 'SERIES_ALREADY_ENROLLED' });
    // Session 2 (28 October) ends 8:30 pm PDT = 03:30 UTC on the 29th.
    const other = await createMember(db, 'Jo');
    await signUp(org.id, series.id, other, new Date('2025-10-29T03:29:00Z'));
    await expect(signUp(org.id, series.id, await createMember(db, 'Kim'), new Date('2025-10-29T03:30:00Z'))).rejects.toMatchObject({ code: 'SERIES_ENROLLMENT_CLOSED' });
    // The listing page shows it while open, not once closed.
    expect((await findOpenSeriesForListing(db, org.id, listing.id, SIGN_UP_TIME)).map((s) => [s.title, s.state, s.signUps])).toEqual([['Autumn series', 'open', 2]]);
    expect(await findOpenSeriesForListing(db, org.id, listing.id, new Date('2025-10-30T00:00:00Z'))).toEqual([]);
  });
});

describe('organization scoping', () => {
  test('another organization cannot read, decide or sign up for a series; a leader of another group cannot manage it', async () => {
    const db = testDb.db;
    const mine = await setupSeriesOrg(db);
    const theirs = await setupSeriesOrg(db);
    const series = await createSeriesRow(db, mine.org.id, mine.listing.id);
    await expect(getSeries(db, theirs.org.id, series.id)).rejects.toMatchObject({ code: 'SERIES_NOT_FOUND' });
    await expect(decideSeriesNow(db, { organizationId: theirs.org.id, seriesId: series.id }, systemActor, { publicUrl, now: DAY_AFTER_DECIDE_BY })).rejects.toMatchObject({ code: 'SERIES_NOT_FOUND' });
    await expect(signUp(theirs.org.id, series.id, await createMember(db, 'Lu'))).rejects.toBeInstanceOf(DomainError);
    expect(await findOpenSeriesForListing(db, theirs.org.id, mine.listing.id, SIGN_UP_TIME)).toEqual([]);
    // Leaders: their own listing's series only; staff with series:manage, any of the organization's.
    expect((await requireManageableSeries(db, mine.org.id, series.id, mine.leader.id, ['member'])).series.id).toBe(series.id);
    const otherListing = await createListing(db, mine.org.id, theirs.leader.id);
    expect(otherListing.organizationId).toBe(mine.org.id);
    await expect(requireManageableSeries(db, mine.org.id, series.id, theirs.leader.id, ['member'])).rejects.toMatchObject({ code: 'SERIES_NOT_YOURS' });
    expect((await requireManageableSeries(db, mine.org.id, series.id, theirs.leader.id, ['course_director'])).series.id).toBe(series.id);
    // Nothing was written to the other organization.
    expect(await db.select().from(seriesEnrollments).where(eq(seriesEnrollments.organizationId, theirs.org.id))).toEqual([]);
  });
});
