// Demo membership (ADR 0068): both organizations' membership types with dues and a 30-day
// grace period; the demo member's ABS membership for this calendar year, paid by check through
// the ledger (so its dues show in the money report and its renewal reminder is due in
// December); two people in grace and lapsed; the Spokane intensive granting complimentary
// memberships (the seed), one of which it gave a participant after the course.
import { and, asc, eq, notExists, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { courseMembershipGrants, membershipSettings, membershipTerms, membershipTypes } from '#db/schema/membership.ts';
import { memberships, registrations } from '#db/schema/registration.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { applyPayment } from '#domain/money/apply-payment.server.ts';
import { postEntries } from '#domain/money/post-entries.server.ts';
import { addMembership } from '#domain/membership/memberships.server.ts';
import { addDays } from '#domain/membership/terms.ts';
import { oneYearFrom } from '#domain/membership/terms.ts';

type TypeSeed = Omit<typeof membershipTypes.$inferInsert, 'organizationId'>;

const ABS_TYPES: TypeSeed[] = [
  { key: 'regular', name: 'Regular', dues: { USD: 15000 }, term: 'calendar_year', proRating: 'remaining_months', eligibility: 'Clinicians and others interested in Balint work.', benefits: 'Member rates at the intensives, the journal, voting rights.', position: 0 },
  { key: 'trainee', name: 'Trainee', dues: { USD: 5000 }, term: 'calendar_year', proRating: 'remaining_months', eligibility: 'Residents, students and fellows.', benefits: 'Member rates at the intensives, the journal.', position: 1 },
  { key: 'retired', name: 'Retired', dues: { USD: 7500 }, term: 'calendar_year', proRating: 'none', eligibility: 'Retired from clinical practice.', benefits: 'Member rates at the intensives, the journal.', position: 2 },
  { key: 'institutional', name: 'Institutional', dues: { USD: 50000 }, term: 'rolling_12_months', proRating: 'none', eligibility: 'Residency programs and other institutions.', benefits: 'The journal and the newsletter for the institution; no member rates for individuals.', grantsMemberPrices: false, position: 3 },
  { key: 'complimentary', name: 'Complimentary one-year', dues: {}, term: 'rolling_12_months', proRating: 'none', eligibility: 'Non-members who take an intensive.', benefits: 'One year of membership.', complimentary: true, position: 4 },
];

const NWBC_TYPES: TypeSeed[] = [
  { key: 'regular', name: 'Circle member', dues: { USD: 4000 }, term: 'rolling_12_months', proRating: 'none', eligibility: 'Anyone in the region who takes part in Balint groups.', benefits: 'Member rates for the circle’s series and demonstrations.', position: 0 },
  { key: 'trainee', name: 'Trainee', dues: { USD: 2000 }, term: 'rolling_12_months', proRating: 'none', eligibility: 'Residents, students and fellows.', benefits: 'Member rates for the circle’s series.', position: 1 },
];

export async function seedDemoMembership(
  tx: DbOrTx,
  input: { abs: string; nwbc: string; pastCourseId: string; upcomingCourseId: string; member: { userId: string; name: string; email: string } },
  today: string,
) {
  const types: Record<string, Record<string, string>> = { abs: {}, nwbc: {} };
  for (const [org, seeds] of [['abs', ABS_TYPES], ['nwbc', NWBC_TYPES]] as const) {
    const organizationId = input[org];
    // The circle offers "Join both": its members are led on to join ABS too (ADR 0068).
    await tx.insert(membershipSettings).values({ organizationId, graceDays: 30, partnerOrganizationId: org === 'nwbc' ? input.abs : null });
    for (const seed of seeds) {
      const [row] = await tx.insert(membershipTypes).values({ organizationId, ...seed }).returning({ id: membershipTypes.id });
      types[org]![seed.key!] = row!.id;
    }
  }
  // The intensives give non-members who ask a complimentary year (the seed).
  for (const courseId of [input.pastCourseId, input.upcomingCourseId]) {
    await tx.insert(courseMembershipGrants).values({ courseId, organizationId: input.abs, typeId: types.abs!.complimentary! });
  }

  // The demo member: last year from the society's old member list (a row staff typed in, the
  // import path), then this calendar year, paid by check in January.
  const year = today.slice(0, 4);
  const lastYear = String(Number(year) - 1);
  await addMembership(tx, { organizationId: input.abs, email: input.member.email, name: input.member.name, type: 'regular', validFrom: `${lastYear}-01-01`, validTo: `${lastYear}-12-31` }, systemActor);
  const [term] = await tx
    .insert(membershipTerms)
    .values({ organizationId: input.abs, typeId: types.abs!.regular!, userId: input.member.userId, email: input.member.email, name: input.member.name, status: 'pending', source: 'online', startsOn: `${year}-01-01`, endsOn: `${year}-12-31`, duesMinor: 15000, currency: 'USD' })
    .returning();
  await postEntries(tx, [{ organizationId: input.abs, membershipTermId: term!.id, kind: 'charge', amountMinor: 15000, currency: 'USD', reason: `Regular membership, ${year}-01-01 – ${year}-12-31`, effectiveOn: `${year}-01-01` }]);
  await applyPayment(tx, { organizationId: input.abs, method: 'check', amountMinor: 15000, currency: 'USD', receivedOn: `${year}-01-05`, reference: 'check 2210' }, [{ membershipTermId: term!.id, amountMinor: 15000 }], systemActor, new Date(`${year}-01-05T18:00:00Z`));

  // One member in grace (ended ten days ago), one lapsed (ended three months ago), entered by staff.
  const staffTerm = (name: string, email: string, endsOn: string) => ({
    organizationId: input.abs,
    typeId: types.abs!.regular!,
    email,
    name,
    status: 'active' as const,
    source: 'staff' as const,
    startsOn: addDays(endsOn, -364),
    endsOn,
    currency: 'USD',
  });
  await tx.insert(membershipTerms).values([staffTerm('Grace Harper', 'grace.harper@example.org', addDays(today, -10)), staffTerm('Leo Lapsed', 'leo.lapsed@example.org', addDays(today, -90))]);
  await tx.insert(membershipTerms).values({ ...staffTerm('Nia Northwest', 'nia.northwest@example.org', addDays(today, 45)), organizationId: input.nwbc, typeId: types.nwbc!.regular! });

  // The Spokane intensive's complimentary membership: a participant who registered at the
  // non-member rate, holds no membership of the society (the member directory's demo people
  // joined since, demo-member-directory.server.ts) and asked for one got a year from the day
  // after the course.
  const [participant] = await tx
    .select()
    .from(registrations)
    .where(
      and(
        eq(registrations.courseId, input.pastCourseId),
        eq(registrations.categoryKey, 'non_member'),
        notExists(tx.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.organizationId, input.abs), sql`lower(${memberships.email}) = lower(${registrations.email})`))),
        notExists(tx.select({ id: membershipTerms.id }).from(membershipTerms).where(and(eq(membershipTerms.organizationId, input.abs), sql`lower(${membershipTerms.email}) = lower(${registrations.email})`))),
      ),
    )
    .orderBy(asc(registrations.submissionKey))
    .limit(1);
  if (participant) {
    await tx.update(registrations).set({ complimentaryMembershipRequested: true }).where(eq(registrations.id, participant.id));
    const startsOn = '2025-04-27';
    await tx.insert(membershipTerms).values({
      organizationId: input.abs,
      typeId: types.abs!.complimentary!,
      userId: participant.userId,
      email: participant.email.toLowerCase(),
      name: participant.name,
      status: 'active',
      source: 'complimentary',
      startsOn,
      endsOn: oneYearFrom(startsOn),
      currency: 'USD',
      grantedByCourseId: input.pastCourseId,
      grantedByRegistrationId: participant.id,
    });
  }
  return types;
}
