// One person as an organization's staff see them (issue 18): their registrations with what each
// owes (from the ledger), the money they paid and were refunded (for courses, membership dues
// and donations), their memberships and roles —
// in this organization only. Someone not connected to the organization is not found, as if
// they did not exist.
import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { organizationRoles, profiles, users } from '#db/schema/accounts.ts';
import { courses } from '#db/schema/courses.ts';
import { membershipTerms, membershipTypes } from '#db/schema/membership.ts';
import { donations, ledgerEntries, payments } from '#db/schema/money.ts';
import { memberships, registrations } from '#db/schema/registration.ts';
import { DomainError } from '#domain/errors.ts';
import { registrationBalances } from '#domain/money/read-account.server.ts';

export interface PersonRecord {
  person: { id: string; name: string; email: string; credentials: string; profession: string; institution: string; place: string };
  roles: string[];
  registrations: { id: string; courseId: string; courseTitle: string; startsOn: string; status: string; currency: string; amountMinor: number; balanceMinor: number; paidMinor: number }[];
  /** `what`: the course's title, the membership type's name (account 'membership'), or '' for a donation. */
  money: { effectiveOn: string; kind: string; amountMinor: number; currency: string; account: 'registration' | 'donation' | 'membership'; what: string; method: string | null }[];
  /** Imported rows (status null) and membership terms (ADR 0068; a void term, never paid, is left out), latest first. */
  memberships: { type: string; validFrom: string; validTo: string; source: string; status: 'pending' | 'active' | 'revoked' | null }[];
}

export async function personRecord(db: DbOrTx, organizationId: string, userId: string): Promise<PersonRecord> {
  const [person] = await db
    .select({ id: users.id, name: users.name, email: users.email, credentials: profiles.credentials, profession: profiles.profession, institution: profiles.institution, city: profiles.city, region: profiles.region })
    .from(users)
    .leftJoin(profiles, eq(profiles.userId, users.id))
    .where(eq(users.id, userId));
  if (!person) throw new DomainError('PERSON_NOT_FOUND', userId);
  const roles = await db
    .select({ role: organizationRoles.role })
    .from(organizationRoles)
    .where(and(eq(organizationRoles.organizationId, organizationId), eq(organizationRoles.userId, userId)))
    .orderBy(asc(organizationRoles.role));
  const regs = await db
    .select({ id: registrations.id, courseId: courses.id, courseTitle: courses.title, startsOn: courses.startsOn, status: registrations.status, currency: registrations.currency, amountMinor: registrations.amountMinor })
    .from(registrations)
    .innerJoin(courses, eq(courses.id, registrations.courseId))
    .where(and(eq(registrations.organizationId, organizationId), eq(registrations.userId, userId)))
    .orderBy(desc(courses.startsOn));
  const member = await db
    .select({ type: memberships.type, validFrom: memberships.validFrom, validTo: memberships.validTo, source: memberships.source })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), or(eq(memberships.userId, userId), sql`lower(${memberships.email}) = lower(${person.email})`)))
    .orderBy(desc(memberships.validTo));
  const terms = await db
    .select({ id: membershipTerms.id, type: membershipTypes.name, validFrom: membershipTerms.startsOn, validTo: membershipTerms.endsOn, source: membershipTerms.source, status: membershipTerms.status })
    .from(membershipTerms)
    .innerJoin(membershipTypes, eq(membershipTypes.id, membershipTerms.typeId))
    .where(and(eq(membershipTerms.organizationId, organizationId), or(eq(membershipTerms.userId, userId), sql`lower(${membershipTerms.email}) = lower(${person.email})`)))
    .orderBy(desc(membershipTerms.endsOn));
  const gifts = await db
    .select({ id: donations.id })
    .from(donations)
    .where(and(eq(donations.organizationId, organizationId), eq(donations.userId, userId)));
  if (roles.length === 0 && regs.length === 0 && member.length === 0 && terms.length === 0 && gifts.length === 0) throw new DomainError('PERSON_NOT_FOUND', userId);

  const balances = await registrationBalances(db, regs.map((r) => r.id));
  const accounts = [...regs.map((r) => r.id)];
  const giftIds = gifts.map((g) => g.id);
  const termIds = terms.map((t) => t.id);
  const money =
    accounts.length || giftIds.length || termIds.length
      ? await db
          .select({
            effectiveOn: ledgerEntries.effectiveOn,
            kind: ledgerEntries.kind,
            amountMinor: ledgerEntries.amountMinor,
            currency: ledgerEntries.currency,
            registrationId: ledgerEntries.registrationId,
            membershipTermId: ledgerEntries.membershipTermId,
            method: payments.method,
          })
          .from(ledgerEntries)
          .leftJoin(payments, eq(payments.id, ledgerEntries.paymentId))
          .where(
            and(
              eq(ledgerEntries.organizationId, organizationId),
              inArray(ledgerEntries.kind, ['payment', 'refund', 'refund_reversal']),
              or(
                accounts.length ? inArray(ledgerEntries.registrationId, accounts) : sql`false`,
                giftIds.length ? inArray(ledgerEntries.donationId, giftIds) : sql`false`,
                termIds.length ? inArray(ledgerEntries.membershipTermId, termIds) : sql`false`,
              ),
            ),
          )
          .orderBy(desc(ledgerEntries.sequence))
      : [];
  const title = new Map(regs.map((r) => [r.id, r.courseTitle]));
  const termType = new Map(terms.map((t) => [t.id, t.type]));
  return {
    person: {
      id: person.id,
      name: person.name,
      email: person.email,
      credentials: person.credentials ?? '',
      profession: person.profession ?? '',
      institution: person.institution ?? '',
      place: [person.city, person.region].filter((s) => s && s.trim()).join(', '),
    },
    roles: roles.map((r) => r.role),
    registrations: regs.map((r) => {
      const account = balances.get(r.id);
      return { ...r, balanceMinor: account?.balanceMinor ?? 0, paidMinor: account?.netPaidMinor ?? 0 };
    }),
    money: money.map((m) => ({
      effectiveOn: m.effectiveOn,
      kind: m.kind,
      amountMinor: m.amountMinor,
      currency: m.currency,
      account: m.registrationId ? ('registration' as const) : m.membershipTermId ? ('membership' as const) : ('donation' as const),
      what: m.registrationId ? (title.get(m.registrationId) ?? '') : m.membershipTermId ? (termType.get(m.membershipTermId) ?? '') : '',
      method: m.method,
    })),
    memberships: [
      ...member.map((m) => ({ ...m, status: null })),
      ...terms.flatMap(({ id: _id, status, ...t }) => (status === 'void' ? [] : [{ ...t, status }])),
    ].sort((a, b) => b.validTo.localeCompare(a.validTo)),
  };
}
