// "Join both" (ADR 0068): a regional circle's partner national society, the rules for choosing
// it, and the two joins, each paid to its own organization's ledger.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { auditEvents } from '#db/schema/audit.ts';
import { membershipTerms, membershipTypes } from '#db/schema/membership.ts';
import { checkouts, ledgerEntries } from '#db/schema/money.ts';
import { organizations } from '#db/schema/organizations.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { recordInvoicePayment } from '#domain/billing/record-invoice-payment.server.ts';
import { localDate } from '#domain/money/policy.ts';
import { createCheckout } from '#domain/payments/create-checkout.server.ts';
import { createOrganization } from '../../tests/helpers/fixtures.ts';
import { startFakeStripe, type FakeStripe } from '../../tests/helpers/fake-stripe.ts';
import { paymentsFixtures } from '../../tests/helpers/payments-fixtures.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { findPartner, partnerOfferFor, savePartner } from './partner.server.ts';
import { findMemberStanding } from './standing.server.ts';

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

async function circleAndSociety() {
  const { org: circle, registration } = await setup();
  await testDb.db.update(organizations).set({ kind: 'regional_circle' }).where(eq(organizations.id, circle.id));
  const society = await createOrganization(testDb.db);
  await testDb.db.update(organizations).set({ paymentInstructions: 'Checks to the society, PO Box 2' }).where(eq(organizations.id, society.id));
  const addType = async (organizationId: string, duesMinor: number) =>
    (await testDb.db.insert(membershipTypes).values({ organizationId, key: 'regular', name: 'Regular', dues: { USD: duesMinor }, term: 'rolling_12_months' }).returning())[0]!;
  const circleType = await addType(circle.id, 4000);
  const societyType = await addType(society.id, 15000);
  const person = { userId: registration.userId!, email: registration.email, name: registration.name };
  return { circle, society, circleType, societyType, person };
}

const errorOf = (promise: Promise<unknown>) => promise.then(() => null, (error: { code?: string; fields?: Record<string, string> }) => ({ code: error.code, fields: error.fields }));

describe('choosing the partner', () => {
  test('a national society is saved (audited) and cleared; itself, a circle or an unknown organization is refused on the field, nothing saved', async () => {
    const { circle, society } = await circleAndSociety();
    const otherCircle = await createOrganization(testDb.db);
    await testDb.db.update(organizations).set({ kind: 'regional_circle' }).where(eq(organizations.id, otherCircle.id));

    expect(await errorOf(savePartner(testDb.db, { organizationId: circle.id, partnerOrganizationId: circle.id }, systemActor))).toEqual({ code: 'MEMBERSHIP_PARTNER_SELF', fields: { partnerOrganizationId: 'MEMBERSHIP_PARTNER_SELF' } });
    expect(await errorOf(savePartner(testDb.db, { organizationId: circle.id, partnerOrganizationId: otherCircle.id }, systemActor))).toEqual({ code: 'MEMBERSHIP_PARTNER_KIND', fields: { partnerOrganizationId: 'MEMBERSHIP_PARTNER_KIND' } });
    expect(await errorOf(savePartner(testDb.db, { organizationId: circle.id, partnerOrganizationId: crypto.randomUUID() }, systemActor))).toEqual({ code: 'ORGANIZATION_NOT_FOUND', fields: { partnerOrganizationId: 'ORGANIZATION_NOT_FOUND' } });
    expect(await findPartner(testDb.db, circle.id)).toBeNull();

    // The society has no partner of its own: no chain is needed.
    await savePartner(testDb.db, { organizationId: circle.id, partnerOrganizationId: society.id }, systemActor);
    expect(await findPartner(testDb.db, circle.id)).toMatchObject({ id: society.id, slug: society.slug });
    expect(await findPartner(testDb.db, society.id)).toBeNull();
    const audits = await testDb.db.select().from(auditEvents).where(eq(auditEvents.organizationId, circle.id));
    expect(audits.filter((a) => a.action === 'membership.partner_set')).toHaveLength(1);

    await savePartner(testDb.db, { organizationId: circle.id, partnerOrganizationId: null }, systemActor);
    expect(await findPartner(testDb.db, circle.id)).toBeNull();
  });

  test('the database refuses an organization as its own partner even past the domain check', async () => {
    const { circle } = await circleAndSociety();
    const { membershipSettings } = await import('#db/schema/membership.ts');
    await expect(testDb.db.insert(membershipSettings).values({ organizationId: circle.id, partnerOrganizationId: circle.id })).rejects.toThrow();
  });
});

describe('joining both', () => {
  test('the circle’s dues go to the circle’s ledger and the society’s to the society’s; the offer then ends', async () => {
    const { circle, society, circleType, societyType, person } = await circleAndSociety();
    await savePartner(testDb.db, { organizationId: circle.id, partnerOrganizationId: society.id }, systemActor);
    expect(await partnerOfferFor(testDb.db, circle.id, person)).toMatchObject({ partner: { id: society.id }, typeId: societyType.id });

    const join = (organizationId: string, membershipTypeId: string) =>
      createCheckout(testDb.db, { organizationId, userId: person.userId, payer: person, lines: [{ kind: 'membership_dues', membershipTypeId }], method: 'invoice' }, { userId: person.userId, requestId: null }, { publicUrl, payments: null });
    const pay = (organizationId: string, checkoutId: string) =>
      recordInvoicePayment(testDb.db, { organizationId, checkoutId, method: 'check', receivedOn: localDate(new Date(), 'America/Los_Angeles'), reference: 'check 7' }, systemActor, { publicUrl });

    // Step 1: the circle's dues, invoiced by the circle.
    const first = await join(circle.id, circleType.id);
    expect(first.checkout).toMatchObject({ organizationId: circle.id, totalMinor: 4000 });
    // Invoiced, not a member of the society yet: step 2 is still offered.
    expect(await partnerOfferFor(testDb.db, circle.id, person)).toMatchObject({ typeId: societyType.id });
    // Step 2: the society's dues, invoiced by the society.
    const second = await join(society.id, societyType.id);
    expect(second.checkout).toMatchObject({ organizationId: society.id, totalMinor: 15000 });
    // Waiting on the society's invoice: no second offer.
    expect(await partnerOfferFor(testDb.db, circle.id, person)).toBeNull();

    await pay(circle.id, first.checkout.id);
    await pay(society.id, second.checkout.id);
    const ledgerOf = async (termId: string) => (await testDb.db.select().from(ledgerEntries).where(eq(ledgerEntries.membershipTermId, termId))).map((e) => [e.organizationId, e.amountMinor]).sort((a, b) => Number(a[1]) - Number(b[1]));
    expect(await ledgerOf(first.lines[0]!.membershipTermId!)).toEqual([
      [circle.id, -4000],
      [circle.id, 4000],
    ]);
    expect(await ledgerOf(second.lines[0]!.membershipTermId!)).toEqual([
      [society.id, -15000],
      [society.id, 15000],
    ]);
    const terms = await testDb.db.select().from(membershipTerms).where(eq(membershipTerms.userId, person.userId));
    expect(terms.map((t) => [t.organizationId, t.status]).sort()).toEqual([
      [circle.id, 'active'],
      [society.id, 'active'],
    ].sort());
    const today = localDate(new Date(), 'America/Los_Angeles');
    expect(await findMemberStanding(testDb.db, circle.id, person, today)).toMatchObject({ status: 'active' });
    expect(await findMemberStanding(testDb.db, society.id, person, today)).toMatchObject({ status: 'active' });
    expect((await testDb.db.select().from(checkouts).where(eq(checkouts.id, second.checkout.id)))[0]!.status).toBe('paid');
    // A member of the society is not offered it again.
    expect(await partnerOfferFor(testDb.db, circle.id, person)).toBeNull();
  });
});
