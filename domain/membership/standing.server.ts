// "Is this person a member of organization X on date D?" — answered here and nowhere else
// (ADR 0068). Two sources count: terms (joined or renewed online, granted by a course, active)
// and the older hand-typed or CSV-imported rows in `memberships`, which stay an import path.
// A term counts through its last day and then for the organization's grace days.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '#db/client.server.ts';
import { membershipSettings, membershipTerms, membershipTypes } from '#db/schema/membership.ts';
import { memberships } from '#db/schema/registration.ts';
import { addDays, statusOn } from './terms.ts';

export const DEFAULT_GRACE_DAYS = 30;

export interface Person {
  userId: string | null;
  email: string;
}

export interface MemberStanding {
  status: 'active' | 'grace';
  /** The type's key (`regular`, `trainee`, …; an imported row's type as typed). */
  type: string;
  typeName: string;
  /** The last day of the term that gives the standing. */
  validTo: string;
  source: 'online' | 'complimentary' | 'staff' | 'manual' | 'csv';
  grantsMemberPrices: boolean;
}

export async function graceDaysOf(db: DbOrTx, organizationId: string): Promise<number> {
  const [row] = await db.select({ graceDays: membershipSettings.graceDays }).from(membershipSettings).where(eq(membershipSettings.organizationId, organizationId));
  return row?.graceDays ?? DEFAULT_GRACE_DAYS;
}

function samePerson(userColumn: typeof memberships.userId | typeof membershipTerms.userId, emailColumn: typeof memberships.email | typeof membershipTerms.email, person: Person) {
  return person.userId ? sql`(${userColumn} = ${person.userId} or lower(${emailColumn}) = ${person.email.toLowerCase()})` : sql`lower(${emailColumn}) = ${person.email.toLowerCase()}`;
}

/**
 * The person's best standing in the organization on `on` (a local date in the organization's
 * zone): active before in grace, then the latest end. `purpose: 'member_prices'` counts only
 * types that grant member prices (imported rows always do). Undefined: not a member (lapsed,
 * or never).
 */
export async function findMemberStanding(db: DbOrTx, organizationId: string, person: Person, on: string, purpose: 'any' | 'member_prices' = 'any'): Promise<MemberStanding | undefined> {
  const graceDays = await graceDaysOf(db, organizationId);
  const earliestEnd = addDays(on, -graceDays);
  const terms = await db
    .select({ key: membershipTypes.key, name: membershipTypes.name, grants: membershipTypes.grantsMemberPrices, startsOn: membershipTerms.startsOn, endsOn: membershipTerms.endsOn, source: membershipTerms.source })
    .from(membershipTerms)
    .innerJoin(membershipTypes, eq(membershipTypes.id, membershipTerms.typeId))
    .where(
      and(
        eq(membershipTerms.organizationId, organizationId),
        eq(membershipTerms.status, 'active'),
        samePerson(membershipTerms.userId, membershipTerms.email, person),
        sql`${membershipTerms.startsOn} <= ${on} and ${membershipTerms.endsOn} >= ${earliestEnd}`,
      ),
    )
    .orderBy(desc(membershipTerms.endsOn));
  const imported = await db
    .select({ type: memberships.type, validFrom: memberships.validFrom, validTo: memberships.validTo, source: memberships.source })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), samePerson(memberships.userId, memberships.email, person), sql`${memberships.validFrom} <= ${on} and ${memberships.validTo} >= ${earliestEnd}`))
    .orderBy(desc(memberships.validTo));
  const candidates: MemberStanding[] = [
    ...terms.map((r) => ({ status: statusOn(r, on, graceDays), type: r.key, typeName: r.name, validTo: r.endsOn, source: r.source, grantsMemberPrices: r.grants })),
    ...imported.map((r) => ({ status: statusOn({ startsOn: r.validFrom, endsOn: r.validTo }, on, graceDays), type: r.type, typeName: r.type, validTo: r.validTo, source: r.source, grantsMemberPrices: true })),
  ].filter((c): c is MemberStanding => (c.status === 'active' || c.status === 'grace') && (purpose === 'any' || c.grantsMemberPrices));
  candidates.sort((a, b) => (a.status === b.status ? b.validTo.localeCompare(a.validTo) : a.status === 'active' ? -1 : 1));
  return candidates[0];
}

/** The end of the person's latest active term in the organization (any type): where a renewal continues from. */
export async function latestTermEnd(db: DbOrTx, organizationId: string, person: Person): Promise<string | null> {
  const [term] = await db
    .select({ endsOn: membershipTerms.endsOn })
    .from(membershipTerms)
    .where(and(eq(membershipTerms.organizationId, organizationId), eq(membershipTerms.status, 'active'), samePerson(membershipTerms.userId, membershipTerms.email, person)))
    .orderBy(desc(membershipTerms.endsOn))
    .limit(1);
  const [row] = await db
    .select({ validTo: memberships.validTo })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), samePerson(memberships.userId, memberships.email, person)))
    .orderBy(desc(memberships.validTo))
    .limit(1);
  const ends = [term?.endsOn, row?.validTo].filter((d): d is string => Boolean(d)).sort();
  return ends.at(-1) ?? null;
}
